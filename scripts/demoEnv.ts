// Loaded before n8n-core: a throw-away n8n user folder (as the tests use), and only n8n's warnings on screen.
import '../harness/userFolder';

process.env.N8N_LOG_LEVEL ??= 'warn';

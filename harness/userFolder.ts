// n8n-core writes an encryption key under ~/.n8n unless told otherwise: keep every test run
// inside its own temporary folder so tests never touch (or depend on) the developer's n8n.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER || !process.env.N8N_USER_FOLDER.includes('passona-test-')) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'passona-test-'));
}

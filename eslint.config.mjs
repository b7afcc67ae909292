// n8n's own lint rules for community nodes (the config `n8n-node lint` uses), unchanged.
import { config } from '@n8n/node-cli/eslint';

export default config;

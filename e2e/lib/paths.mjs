// Where things are: the repository, the e2e folder, and the git-ignored artifacts folder.
// E2E_N8N_VERSION picks another n8n of the matrix (e2e/versions/<version>/); its artifacts go to
// artifacts/e2e/n8n-<version>/.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(E2E_DIR);
export const N8N_VERSION = process.env.E2E_N8N_VERSION || undefined;
export const ARTIFACTS = join(
	ROOT,
	'artifacts',
	'e2e',
	...(N8N_VERSION ? [`n8n-${N8N_VERSION}`] : []),
);

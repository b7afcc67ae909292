// Where things are: the repository, the e2e folder, and the git-ignored artifacts folder.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(E2E_DIR);
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');

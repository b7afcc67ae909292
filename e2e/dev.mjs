// `npm run dev`: the sandbox and a real n8n 2.40.7 with this package installed, the sandbox credential
// and the example workflows (examples/*.json) imported, left running until Ctrl-C.
// n8n's data lives in a temporary folder that Ctrl-C deletes; `npm run dev -- --keep` keeps it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureInstall } from './lib/install.mjs';
import { ARTIFACTS } from './lib/paths.mjs';
import { N8nRest } from './lib/rest.mjs';
import { startStack } from './lib/stack.mjs';
import * as fx from './lib/fixtures.mjs';
import { importExamples } from './lib/examples.mjs';
import { devInstructions, OPT_IN_FILE, prefilledOptIn, seedOptIn } from './lib/dev.mjs';

const OWNER = {
	email: 'dev@passona.test',
	firstName: 'Passona',
	lastName: 'Developer',
	password: 'PassonaDev-2026',
};
const artifacts = join(ARTIFACTS, 'dev');
const keep = process.argv.includes('--keep');

const paths = await ensureInstall();
const stack = await startStack({ paths, artifacts, keepUserFolder: keep });
let stopping = false;
const stop = async (code) => {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping n8n and the sandbox…');
	await stack.stop();
	console.log(
		keep ? `n8n's data kept in ${stack.userFolder}` : `Deleted n8n's data (${stack.userFolder}).`,
	);
	process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
	const dir = join(stack.userFolder, 'import');
	await mkdir(dir, { recursive: true });
	await writeFile(join(dir, 'credentials.json'), JSON.stringify([fx.credential(stack.sandbox)]));
	await stack.cli(['import:credentials', `--input=${join(dir, 'credentials.json')}`]);
	// What the opt-in example needs, so that it opens with its keyword, group and template chosen.
	const seeded = await seedOptIn(stack.sandbox);
	const examples = await importExamples(stack.cli, {
		dir,
		adjust: (file, workflow) =>
			file === OPT_IN_FILE ? prefilledOptIn(workflow, seeded) : undefined,
	});
	await stack.startN8n();
	await new N8nRest(stack.origin).post('/owner/setup', OWNER);
	console.log(
		devInstructions({
			version: paths.version,
			origin: stack.origin,
			owner: OWNER,
			sandbox: stack.sandbox,
			credentialName: fx.CREDENTIAL_NAME,
			examples,
			seeded,
			artifacts,
			userFolder: stack.userFolder,
			keep,
		}),
	);
} catch (error) {
	console.error(`dev: ${error?.stack ?? error}`);
	await stop(1);
}

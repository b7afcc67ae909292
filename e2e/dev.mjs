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
	const examples = await importExamples(stack.cli);
	await stack.startN8n();
	await new N8nRest(stack.origin).post('/owner/setup', OWNER);
	console.log(`
n8n ${paths.version} with n8n-nodes-passona is running.

  Editor:     ${stack.origin}/   (log in as ${OWNER.email} / ${OWNER.password})
  Sandbox:    ${stack.sandbox.url}   (token ${stack.sandbox.token})
  Credential: "${fx.CREDENTIAL_NAME}" points at the sandbox; every example uses it
  Workflows:  ${examples.map(({ file, name }) => `\n    ${name} (examples/${file})`).join('')}
              run them in their order: each one's later steps find what the earlier made
  Inbound SMS: curl -X POST ${stack.sandbox.origin}/_sandbox/inbound -H 'Authorization: Bearer ${stack.sandbox.token}' \\
                 -H 'Content-Type: application/json' -d '{"from":"447700900123","text":"KEYWORD hello"}'
  Logs:       ${artifacts}
  n8n data:   ${stack.userFolder}
              ${keep ? 'kept when you stop (--keep): delete it yourself when done' : 'a temporary folder: Ctrl-C DELETES it, with every workflow and execution (npm run dev -- --keep keeps it)'}

Press Ctrl-C to stop.`);
} catch (error) {
	console.error(`dev: ${error?.stack ?? error}`);
	await stop(1);
}

/**
 * `npm run dev` (e2e/dev.mjs): before n8n starts it makes in the sandbox what the opt-in example
 * needs (a group, a template, a keyword) and imports that example with them chosen, so it opens
 * with nothing left to pick; what it prints tells the user which keyword to text. e2e/lib/dev.mjs
 * is an ES module: it runs in a child Node here, against a sandbox started by this test.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../harness/engine';
import { OPT_IN_EXAMPLE } from '../../harness/optIn';
import { useSandbox } from '../sandbox/helpers';

const sandbox = useSandbox();

async function inDev<T>(expression: string): Promise<T> {
	const { url, origin, token } = sandbox();
	const script = `import(${JSON.stringify(join(PROJECT_ROOT, 'e2e', 'lib', 'dev.mjs'))}).then(async (dev) => { const sandbox = ${JSON.stringify({ url, origin, token })}; console.log(JSON.stringify(await (${expression}))); });`;
	const { stdout } = await promisify(execFile)(process.execPath, [
		'--input-type=module',
		'-e',
		script,
	]);
	return JSON.parse(stdout) as T;
}

describe('npm run dev', () => {
	test('makes what the opt-in example needs and imports the example with it chosen', async () => {
		const example = JSON.parse(
			readFileSync(join(PROJECT_ROOT, 'examples', OPT_IN_EXAMPLE), 'utf8'),
		);
		const { seeded, workflow } = await inDev<{
			seeded: Record<string, { uuid: string; name: string }>;
			workflow: { nodes: Array<{ type: string; parameters: Record<string, unknown> }> };
		}>(
			`dev.seedOptIn(sandbox).then((seeded) => ({ seeded, workflow: dev.prefilledOptIn(${JSON.stringify(example)}, seeded) }))`,
		);
		const store = sandbox().store;
		expect(store.keywords.get(seeded.keyword.uuid)?.keyword).toBe('OPTIN');
		expect(store.contactGroups.get(seeded.group.uuid)?.name).toBe('Opt-in list');
		const byType = (type: string) =>
			workflow.nodes.filter((node) => node.type === type).map((node) => node.parameters);
		expect(byType('n8n-nodes-passona.passonaTrigger')).toEqual([
			expect.objectContaining({ keywords: [seeded.keyword.uuid] }),
		]);
		const [addContacts, sendSms] = byType('n8n-nodes-passona.passona');
		expect(addContacts.contactGroup).toEqual({
			__rl: true,
			mode: 'list',
			value: seeded.group.uuid,
			cachedResultName: 'Opt-in list',
		});
		expect(sendSms.template).toEqual({
			__rl: true,
			mode: 'list',
			value: seeded.template.uuid,
			cachedResultName: 'Welcome',
		});
	});

	test('the printed curl sends the opt-in keyword and says to put your own keyword for others', async () => {
		const text = await inDev<string>(
			`dev.seedOptIn(sandbox).then((seeded) => dev.devInstructions({ sandbox, seeded, version: '2.40.7', origin: 'http://127.0.0.1:5678', owner: { email: 'dev@passona.test', password: 'x' }, credentialName: 'Passona Sandbox', examples: [], artifacts: '/tmp/a', userFolder: '/tmp/u', keep: false }))`,
		);
		expect(text).not.toMatch(/KEYWORD hello/);
		expect(text).toContain(`"text":"OPTIN"`);
		expect(text).toMatch(/put your own keyword/);
	});
});

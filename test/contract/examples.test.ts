/** Every examples/*.json, in order, run whole through n8n's engine against the sandbox over HTTP. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../harness/engine';
import { runWorkflow, type WorkflowJson } from '../../harness/workflow';
import { useSandbox, waitFor } from '../sandbox/helpers';

const sandbox = useSandbox({ jobDelayMs: 20 });
const folder = join(PROJECT_ROOT, 'examples');
const files = readdirSync(folder)
	.filter((file) => file.endsWith('.json'))
	.sort();
const load = (file: string) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as WorkflowJson;
/** Examples started by hand; 4-opt-in.json starts from a Passona Trigger (test/contract/optIn.test.ts). */
const manual = files.filter((file) =>
	load(file).nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger'),
);

describe('examples/', () => {
	test('there are examples, each with its id, a Manual Trigger feeding Passona nodes with the sandbox credential', () => {
		expect(files.length).toBeGreaterThan(0);
		expect(files.filter((file) => !manual.includes(file))).toEqual(['4-opt-in.json']);
		for (const [index, file] of files.entries()) {
			const { id } = load(file) as WorkflowJson & { id?: string };
			// n8n's import:workflow needs an id; npm run dev imports every example (issue 12 §2).
			expect({ file, id }).toEqual({
				file,
				id: `PassonaExample${String(index + 1).padStart(2, '0')}`,
			});
		}
		for (const file of manual) {
			const { nodes } = load(file);
			expect(nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger')).toHaveLength(1);
			for (const node of nodes.filter(
				(candidate) => candidate.type !== 'n8n-nodes-base.manualTrigger',
			)) {
				expect(node.type).toBe('n8n-nodes-passona.passona');
				// The credential npm run dev creates, so nothing needs picking by hand.
				expect(node.credentials).toEqual({
					passonaApi: { id: 'PassonaSandbox01', name: 'Passona Sandbox' },
				});
			}
		}
		const optIn = load('4-opt-in.json') as WorkflowJson & { id: string };
		expect(optIn.id).toBe('PassonaExample04');
		expect(optIn.nodes.map((node) => node.type)).toEqual([
			'n8n-nodes-passona.passonaTrigger',
			'n8n-nodes-passona.passona',
			'n8n-nodes-passona.passona',
		]);
		for (const node of optIn.nodes)
			expect(node.credentials).toEqual({
				passonaApi: { id: 'PassonaSandbox01', name: 'Passona Sandbox' },
			});
	});

	test('run in order, every node of every example succeeds and the team ends as it began', async () => {
		const credentials = { apiToken: sandbox().token, baseUrl: sandbox().url };
		const store = sandbox().store;
		const groupsBefore = [...store.contactGroups.keys()];
		for (const file of manual) {
			const workflow = load(file);
			const result = await runWorkflow(workflow, credentials);
			expect({ file, error: result.error?.message, failedNode: result.failedNode }).toEqual({
				file,
				error: undefined,
				failedNode: undefined,
			});
			expect(result.executed.sort()).toEqual(workflow.nodes.map((node) => node.name).sort());
			for (const name of result.executed)
				expect({ name, items: result.outputs[name].length }).not.toEqual({ name, items: 0 });
			// Contact jobs are asynchronous: the next example lists contacts only once the groups are Ready.
			await waitFor(
				async () => [...store.contactGroups.values()].map((group) => store.statusOf(group)),
				(statuses) => !statuses.includes('Modifying'),
			);
		}
		expect([...store.contactGroups.keys()]).toEqual(groupsBefore);
		expect(store.keywords.size).toBe(0);
	});
});

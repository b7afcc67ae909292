/** Every examples/*.json, in order, run whole through n8n's engine against the sandbox over HTTP. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../harness/engine';
import { OPT_IN_EXAMPLE } from '../../harness/optIn';
import { runWorkflow, type WorkflowJson } from '../../harness/workflow';
import { useSandbox, waitFor } from '../sandbox/helpers';

const sandbox = useSandbox({ jobDelayMs: 20 });
const folder = join(PROJECT_ROOT, 'examples');
const files = readdirSync(folder)
	.filter((file) => file.endsWith('.json'))
	.sort();
const load = (file: string) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as WorkflowJson;
/** Examples started by hand; the opt-in example starts from a Passona Trigger (test/contract/optIn.test.ts). */
const STICKY_NOTE = 'n8n-nodes-base.stickyNote';
/** The nodes that run: sticky notes are notes on the canvas. */
const running = (file: string) => load(file).nodes.filter((node) => node.type !== STICKY_NOTE);
const manual = files.filter((file) =>
	load(file).nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger'),
);

describe('examples/', () => {
	test('there are examples, each with its id, a Manual Trigger feeding Passona nodes with the sandbox credential', () => {
		expect(files.length).toBeGreaterThan(0);
		expect(files.filter((file) => !manual.includes(file))).toEqual([OPT_IN_EXAMPLE]);
		for (const [index, file] of files.entries()) {
			const { id } = load(file) as WorkflowJson & { id?: string };
			// n8n's import:workflow needs an id; npm run dev imports every example (issue 12 §2).
			expect({ file, id }).toEqual({
				file,
				id: `PassonaExample${String(index + 1).padStart(2, '0')}`,
			});
		}
		for (const file of manual) {
			const nodes = running(file);
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
		const optIn = load(OPT_IN_EXAMPLE) as WorkflowJson & { id: string };
		expect(optIn.id).toBe('PassonaExample03');
		expect(running(OPT_IN_EXAMPLE).map((node) => node.type)).toEqual([
			'n8n-nodes-passona.passonaTrigger',
			'n8n-nodes-passona.passona',
			'n8n-nodes-passona.passona',
		]);
		for (const node of running(OPT_IN_EXAMPLE))
			expect(node.credentials).toEqual({
				passonaApi: { id: 'PassonaSandbox01', name: 'Passona Sandbox' },
			});
	});

	test('each is named "Passona example N: …" after its file, with a sticky note saying what it does and what to pick', () => {
		for (const [index, file] of files.entries()) {
			const { name, nodes } = load(file);
			expect({ file, name }).toEqual({
				file,
				name: expect.stringMatching(new RegExp(`^Passona example ${index + 1}: [A-Za-z]`)),
			});
			const notes = nodes.filter((node) => node.type === STICKY_NOTE);
			expect({ file, notes: notes.length }).toEqual({ file, notes: 1 });
			expect(String(notes[0].parameters.content)).toMatch(/^## /);
		}
		expect(
			String(
				load(OPT_IN_EXAMPLE).nodes.find((node) => node.type === STICKY_NOTE)!.parameters.content,
			),
		).toMatch(/pick\*\* the three choices.*keyword.*group.*template/s);
	});

	test('the clean-up comes last: no example deletes what a later one needs', () => {
		const deletes = (file: string) =>
			running(file).some((node) => node.parameters.operation === 'delete');
		expect(files.filter(deletes)).toEqual([files[files.length - 1]]);
		expect(files.indexOf(OPT_IN_EXAMPLE)).toBeLessThan(files.length - 1);
	});

	test('the opt-in example texts the number Add Contacts outputs, not one reached back from the trigger', () => {
		const send = running(OPT_IN_EXAMPLE).find((node) => node.parameters.operation === 'sendTest')!;
		expect(send.parameters.phoneNumber).toBe('={{ $json.added_phone_numbers[0] }}');
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
			expect(result.executed.sort()).toEqual(
				running(file)
					.map((node) => node.name)
					.sort(),
			);
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

// `npm start`: the sandbox demo. Starts a local Passona sandbox, runs examples/*.json in order through
// n8n's engine with the built node, simulates an inbound SMS between them, and prints what each step did.
import './demoEnv'; // first: n8n-core must not write into the developer's ~/.n8n
import '../harness/regex'; // a load spike must not fail a step on n8n's 250 ms regex watchdog
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { type Sandbox, startSandbox } from '../sandbox';
import { PROJECT_ROOT, type PassonaCredentials, runPassona } from '../harness/engine';
import { activate, deactivate, triggerSetup } from '../harness/trigger';
import { serveWebhooks } from '../harness/webhookServer';
import { MANUAL_TRIGGER, runWorkflow, type WorkflowJson } from '../harness/workflow';
import { runOptInDemo } from './demoOptIn';
import { OPT_IN_EXAMPLE } from '../harness/optIn';

const SENDER = '447700900999';
const JOB_DELAY_MS = 50;
/**
 * The demo's rate limit (docs/sandbox.md): on, at twice Laravel's default of 60 a minute, so that
 * the demo's 60 to 70 requests pass it without a minute's wait; the tests and the bench meet tight ones.
 */
const DEMO_RATE_LIMIT = { requests: 120, windowSeconds: 60 };
const READY_TIMEOUT_MS = 5000;

class StepFailed extends Error {
	constructor(
		readonly step: string,
		message: string,
	) {
		super(message);
	}
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const list = (values: unknown[], max = 5) =>
	values.length > max ? `${values.slice(0, max).join(', ')}, …` : values.join(', ');

/** One line for what a Passona node put out, from its resource and operation. */
function describe(node: INode, items: INodeExecutionData[]): string {
	const json = items.map((item) => item.json);
	const first: IDataObject = json[0] ?? {};
	const { resource, operation } = node.parameters as { resource: string; operation: string };
	switch (`${resource}.${operation}`) {
		case 'contactGroup.create':
			return `Created group '${first.name}' (${first.uuid})`;
		case 'contactGroup.createWithContacts':
			return `Created group '${first.name}' (${first.uuid}) with ${plural(Number(first.number_of_contacts), 'contact')}, status ${first.status}`;
		case 'contactGroup.addContacts':
			return `Added contacts to '${first.name}': ${plural(Number(first.number_of_contacts), 'contact')}, status ${first.status}`;
		case 'contactGroup.getAll':
			return `Found ${plural(json.length, 'group')}: ${list(json.map((group) => `'${group.name}'`))}`;
		case 'contactGroup.getContacts':
			return `Listed ${plural(json.length, 'contact')}: ${list(json.map((contact) => contact.phone_number))}`;
		case 'contactGroup.getUniqueContacts':
			return `${plural(json.length, 'unique contact')} once the excluded groups are left out: ${list(json.map((contact) => contact.phone_number))}`;
		case 'keyword.create':
			return `Created keyword '${first.keyword}' (${first.uuid}), adding senders to ${plural((first.contact_groups_uuid as string[]).length, 'group')}`;
		case 'keyword.getAll':
			return `Found ${plural(json.length, 'keyword')}: ${list(json.map((keyword) => `'${keyword.keyword}'`))}`;
		case 'contactGroup.delete':
		case 'keyword.delete':
		case 'webhook.delete':
			return `Deleted ${resource === 'contactGroup' ? 'group' : resource} ${first.uuid}`;
		default:
			return plural(json.length, 'item');
	}
}

/** Runs one example; prints a line a node; returns the keywords its Keyword → Create nodes made. */
async function runExample(file: string, credentials: PassonaCredentials): Promise<IDataObject[]> {
	const workflow = JSON.parse(
		readFileSync(join(PROJECT_ROOT, 'examples', file), 'utf8'),
	) as WorkflowJson;
	const step = `${workflow.name ?? file} (examples/${file})`;
	console.log(`\n▶ ${step}`);
	const result = await runWorkflow(workflow, credentials);
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	for (const name of result.executed) {
		const node = byName.get(name)!;
		if (node.type !== MANUAL_TRIGGER && name !== result.failedNode) {
			console.log(`  ✓ ${name}: ${describe(node, result.outputs[name])}`);
		}
	}
	if (result.error) {
		const description = result.error.description ? ` (${result.error.description})` : '';
		throw new StepFailed(
			`${step} → node "${result.failedNode}"`,
			`${result.error.message}${description}`,
		);
	}
	return workflow.nodes
		.filter(
			(node) => node.parameters.resource === 'keyword' && node.parameters.operation === 'create',
		)
		.flatMap((node) => (result.outputs[node.name] ?? []).map((item) => item.json));
}

/** Polls the groups through the node (Get Many) until no contact job is running. */
async function waitUntilReady(
	credentials: PassonaCredentials,
	step: string,
): Promise<IDataObject[]> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	for (;;) {
		const { items, error } = await runPassona({
			parameters: { resource: 'contactGroup', operation: 'getAll', returnAll: true },
			credentials,
		});
		if (error) throw new StepFailed(step, error.message);
		const groups = items.map((item) => item.json);
		if (!groups.some((group) => group.status === 'Modifying')) return groups;
		if (Date.now() > deadline)
			throw new StepFailed(step, `contact jobs still running after ${READY_TIMEOUT_MS} ms`);
		await new Promise((resolve) => setTimeout(resolve, JOB_DELAY_MS / 2));
	}
}

/** What the sandbox's /_sandbox/inbound answers. */
interface InboundAnswer {
	data: { matched: boolean; keyword: string | null; added_to_groups: string[] };
}

/**
 * A Passona Trigger listening on the keyword, as in an active workflow: it registers its webhook in
 * the sandbox; a small local HTTP server plays n8n's webhook endpoint and runs the workflow.
 */
async function listenWithTrigger(
	sandbox: Sandbox,
	credentials: PassonaCredentials,
	keyword: IDataObject,
) {
	const step = `Passona Trigger on '${keyword.keyword}'`;
	console.log(`\n▶ ${step} (activated as an n8n workflow would be)`);
	const setup = await triggerSetup({ keywords: [keyword.uuid as string] }, credentials);
	const server = await serveWebhooks(setup);
	try {
		await activate(setup);
	} catch (error) {
		await server.close();
		throw new StepFailed(step, (error as Error).message);
	}
	const [webhook] = [...sandbox.store.webhooks.values()];
	console.log(
		`  ✓ Activated: Passona webhook '${webhook?.name}' attached to keyword '${keyword.keyword}'`,
	);
	return {
		/** Waits for the run the inbound SMS started, then deactivates and checks nothing is left. */
		async finish() {
			try {
				await server.settled();
				if (server.executions.length !== 1) {
					throw new StepFailed(
						step,
						`expected 1 workflow run from the inbound SMS, got ${server.executions.length}`,
					);
				}
				const message = server.executions[0].items[0]?.json ?? {};
				console.log(
					`  ✓ Workflow run started by the trigger with the message from ${message.from}: '${message.message}'`,
				);
				await deactivate(setup);
				if (sandbox.store.webhooks.size !== 0)
					throw new StepFailed(step, 'the webhook was not removed on deactivation');
				console.log('  ✓ Deactivated: the webhook is gone from Passona and the keyword');
			} finally {
				await server.close();
			}
		},
	};
}

/** An SMS from SENDER starting with `word`, then the group read back through the node's Get Contacts. */
async function simulateInbound(
	sandbox: Sandbox,
	credentials: PassonaCredentials,
	word: string,
	groupUuid: string,
) {
	const step = `Inbound SMS '${word}'`;
	console.log(`\n▶ ${step} (simulated by the sandbox: POST /_sandbox/inbound)`);
	const response = await fetch(`${sandbox.origin}/_sandbox/inbound`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Accept: 'application/json',
			Authorization: `Bearer ${sandbox.token}`,
		},
		body: JSON.stringify({ from: SENDER, text: `${word} please` }),
	});
	if (!response.ok) throw new StepFailed(step, `the sandbox answered ${response.status}`);
	const { data } = (await response.json()) as InboundAnswer;
	if (!data.matched || !data.added_to_groups.includes(groupUuid)) {
		throw new StepFailed(
			step,
			`the keyword did not add ${SENDER} to group ${groupUuid}: ${JSON.stringify(data)}`,
		);
	}
	console.log(
		`  ✓ Inbound '${word}' from ${SENDER} → added to ${plural(data.added_to_groups.length, 'group')}`,
	);

	await waitUntilReady(credentials, step);
	const { items, error } = await runPassona({
		parameters: {
			resource: 'contactGroup',
			operation: 'getContacts',
			contactGroup: { __rl: true, mode: 'id', value: groupUuid },
			returnAll: true,
		},
		credentials,
	});
	if (error) throw new StepFailed(`${step} → Get Contacts`, error.message);
	const numbers = items.map((item) => item.json.phone_number);
	if (!numbers.includes(SENDER))
		throw new StepFailed(`${step} → Get Contacts`, `${SENDER} is not in the group`);
	console.log(
		`  ✓ Get Contacts: group now has ${plural(numbers.length, 'contact')}, ${SENDER} among them`,
	);
}

async function main(): Promise<void> {
	const started = Date.now();
	const sandbox = await startSandbox({
		port: 0,
		host: '127.0.0.1',
		jobDelayMs: JOB_DELAY_MS,
		rateLimit: DEMO_RATE_LIMIT,
	});
	const credentials: PassonaCredentials = { apiToken: sandbox.token, baseUrl: sandbox.url };
	console.log(`Passona sandbox on ${sandbox.url} (in memory, for this run only)`);
	try {
		const files = readdirSync(join(PROJECT_ROOT, 'examples'))
			.filter((file) => file.endsWith('.json') && file !== OPT_IN_EXAMPLE)
			.sort();
		if (files.length === 0) throw new StepFailed('examples/', 'no example workflows found');
		for (const file of files) {
			const keywords = await runExample(file, credentials);
			// Contact jobs run in the background: the next step lists contacts only once they are done.
			await waitUntilReady(credentials, `Waiting for contact jobs after examples/${file}`);
			for (const keyword of keywords.filter((created) => created.add_contact_to_group)) {
				const trigger = await listenWithTrigger(sandbox, credentials, keyword);
				await simulateInbound(
					sandbox,
					credentials,
					keyword.keyword as string,
					(keyword.contact_groups_uuid as string[])[0],
				);
				await trigger.finish();
			}
		}
		await runOptInDemo(sandbox, credentials, (step, message) => {
			throw new StepFailed(step, message);
		});
		const left = {
			groups: sandbox.store.contactGroups.size,
			keywords: sandbox.store.keywords.size,
		};
		if (left.groups !== 1 || left.keywords !== 0) {
			throw new StepFailed(
				'Clean up',
				`the sandbox still has ${plural(left.groups, 'group')} and ${plural(left.keywords, 'keyword')}`,
			);
		}
		console.log(
			`\n✔ Demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s: the sandbox is back to its default_optouts group only.`,
		);
		const { requests, throttled } = sandbox.traffic;
		console.log(
			`  ${requests} requests to the sandbox's API, rate limit ${DEMO_RATE_LIMIT.requests} a minute: ${throttled} answered 429.`,
		);
	} finally {
		await sandbox.close();
	}
}

main()
	.then(() => 0)
	.catch((error) => {
		if (error instanceof StepFailed)
			console.error(
				`\n✘ Demo failed at step: ${error.step}\n  ${error.message.replace(/\n/g, '\n  ')}`,
			);
		else console.error('\n✘ Demo failed:', error);
		return 1;
	})
	.then((code) => {
		const userFolder = process.env.N8N_USER_FOLDER;
		if (userFolder?.includes('passona-test-')) rmSync(userFolder, { recursive: true, force: true });
		process.exit(code);
	});

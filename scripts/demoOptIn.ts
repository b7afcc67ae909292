// `npm start`'s last part: the SMS opt-in flow of examples/3-opt-in.json. An inbound JOIN starts
// the workflow (Passona Trigger → Add to Opt-in Group → Send Welcome SMS), then a campaign goes to
// the group with opt-outs excluded, and the sandbox's outbox shows every message "sent".
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { OutboxMessage, Sandbox } from '../sandbox';
import { type PassonaCredentials, runPassona } from '../harness/engine';
import { OPT_IN_EXAMPLE, optInWorkflow, workflowTriggerSetup } from '../harness/optIn';
import { activate, deactivate } from '../harness/trigger';
import { serveWebhooks } from '../harness/webhookServer';

const JOINER = '447700900999';
const OPTED_OUT = '447700900777';
const STATUS_WORDS: Record<number, string> = {
	0: 'scheduled',
	1: 'sending',
	2: 'sent',
	3: 'expired',
};
const SEND_TIMEOUT_MS = 5000;

type Fail = (step: string, message: string) => never;

export async function runOptInDemo(
	sandbox: Sandbox,
	credentials: PassonaCredentials,
	fail: Fail,
): Promise<void> {
	const step = `SMS opt-in (examples/${OPT_IN_EXAMPLE})`;
	console.log(`\n▶ ${step}`);
	const node = async (what: string, parameters: INodeParameters): Promise<IDataObject[]> => {
		const { items, error } = await runPassona({ parameters, credentials });
		if (error)
			fail(
				`${step} → ${what}`,
				`${error.message}${error.description ? ` (${error.description})` : ''}`,
			);
		return items.map((item) => item.json);
	};
	const sandboxCall = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${sandbox.origin}${path}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				Accept: 'application/json',
				Authorization: `Bearer ${sandbox.token}`,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) fail(step, `the sandbox answered ${response.status} to ${method} ${path}`);
		return ((await response.json()) as { data: unknown }).data;
	};
	const sender = { __rl: true, mode: 'list', value: '88440' };
	const byId = (found: IDataObject) => ({ __rl: true, mode: 'id', value: found.uuid as string });

	// What a team has before the flow: a list (with someone who has since texted OPTOUT), two texts, the keyword.
	const [group] = await node('Create group', {
		resource: 'contactGroup',
		operation: 'create',
		name: 'Opt-in list',
		deletable: true,
	});
	await node('Add Contacts', {
		resource: 'contactGroup',
		operation: 'addContacts',
		contactGroup: byId(group),
		contactSource: 'fields',
		phoneNumber: OPTED_OUT,
	});
	const [optouts] = (
		await node('Get Many groups', {
			resource: 'contactGroup',
			operation: 'getAll',
			returnAll: true,
		})
	).filter((found) => found.name === 'default_optouts');
	await node('Add Contacts', {
		resource: 'contactGroup',
		operation: 'addContacts',
		contactGroup: byId(optouts),
		contactSource: 'fields',
		phoneNumber: OPTED_OUT,
	});
	const [welcome] = await node('Template Create', {
		resource: 'template',
		operation: 'create',
		name: 'Welcome',
		body: 'Thanks for joining Demo Shop! Offers every Friday. Reply OPTOUT to stop.',
		senderName: sender,
	});
	const [offer] = await node('Template Create', {
		resource: 'template',
		operation: 'create',
		name: 'Friday offer',
		body: 'Demo Shop: 20% off this weekend with code JOIN20. Reply OPTOUT to stop.',
		senderName: sender,
	});
	const [keyword] = await node('Keyword Create', {
		resource: 'keyword',
		operation: 'create',
		keyword: 'JOIN',
		addContactToGroup: false,
		callWebhook: false,
	});
	console.log(
		`  ✓ Through the node: group 'Opt-in list' holding ${OPTED_OUT} (who also texted OPTOUT: in default_optouts), templates 'Welcome' and 'Friday offer', keyword 'JOIN'`,
	);

	const setup = await workflowTriggerSetup(
		optInWorkflow({
			keyword: keyword.uuid as string,
			group: group.uuid as string,
			template: welcome.uuid as string,
		}),
		credentials,
	);
	const server = await serveWebhooks(setup);
	try {
		await activate(setup);
		console.log(`  ✓ Activated the workflow: its Passona Trigger listens on 'JOIN'`);
		await sandboxCall('POST', '/_sandbox/inbound', { from: JOINER, text: 'JOIN' });
		await server.settled();
		const [run] = server.executions;
		if (!run || run.error)
			fail(`${step} → workflow run`, run?.error?.message ?? 'the inbound SMS started no run');
		const runData = run.run.data.resultData.runData;
		const added = runData['Add to Opt-in Group']?.[0]?.data?.main?.[0]?.[0]?.json ?? {};
		const record = runData['Send Welcome SMS']?.[0]?.data?.main?.[0]?.[0]?.json ?? {};
		console.log(
			`  ✓ Inbound 'JOIN' from ${JOINER} → workflow run: Add to Opt-in Group (added ${String(added.added_phone_numbers)}), Send Welcome SMS (to ${record.to}: "${record.text}", campaign record '${record.name}')`,
		);
	} finally {
		await deactivate(setup);
		await server.close();
	}

	// A campaign stays "sending" for 1.5 s of the sandbox's clock, long enough to be seen.
	await sandboxCall('PUT', '/_sandbox/clock', { send_duration_ms: 1500 });
	const [campaign] = await node('Campaign Create', {
		resource: 'campaign',
		operation: 'create',
		name: 'Friday offer',
		template: byId(offer),
		senderName: sender,
		includedGroups: [group.uuid as string],
		when: 'now',
	});
	const excluded = (campaign.excluded_groups as IDataObject[]).map((group) => group.name);
	console.log(
		`  ✓ Campaign Create output: to ${(campaign.included_groups as IDataObject[]).map((group) => `'${group.name}'`).join(', ')}, excluding ${excluded.map((name) => `'${name}'`).join(', ')} (opted_out_excluded: ${String(campaign.opted_out_excluded)})`,
	);
	const seen = [STATUS_WORDS[campaign.status as number]];
	const deadline = Date.now() + SEND_TIMEOUT_MS;
	while (seen[seen.length - 1] !== 'sent') {
		if (Date.now() > deadline) fail(`${step} → campaign`, `not sent after ${SEND_TIMEOUT_MS} ms`);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const listed = await node('Campaign Get Many', {
			resource: 'campaign',
			operation: 'getAll',
			returnAll: true,
		});
		const status =
			STATUS_WORDS[listed.find((found) => found.uuid === campaign.uuid)?.status as number];
		if (status !== seen[seen.length - 1]) seen.push(status);
	}
	console.log(
		`  ✓ Campaign 'Friday offer' to 'Opt-in list' (Send Now, opt-outs excluded): ${seen.join(' → ')}`,
	);

	const outbox = (await sandboxCall('GET', '/_sandbox/outbox')) as OutboxMessage[];
	console.log('  Outbox of the sandbox:');
	for (const message of outbox)
		console.log(
			`    → ${message.to} from ${message.from} (${message.kind}, ${message.sent_at}): "${message.body}"`,
		);
	if (!outbox.some((message) => message.kind === 'test' && message.to === JOINER))
		fail(step, `no welcome SMS to ${JOINER}`);
	if (outbox.some((message) => message.to === OPTED_OUT))
		fail(step, `${OPTED_OUT} opted out but got a message`);
	console.log(`  ✓ ${OPTED_OUT} (opted out) received nothing`);

	// Clean up through the node: the campaign records, both templates, the keyword and the group.
	const campaigns = await node('Campaign Get Many', {
		resource: 'campaign',
		operation: 'getAll',
		returnAll: true,
	});
	for (const found of campaigns)
		await node('Campaign Delete', {
			resource: 'campaign',
			operation: 'delete',
			campaign: byId(found),
		});
	for (const template of [welcome, offer])
		await node('Template Delete', {
			resource: 'template',
			operation: 'delete',
			template: byId(template),
		});
	await node('Keyword Delete', {
		resource: 'keyword',
		operation: 'delete',
		keyword: byId(keyword),
	});
	await node('Group Delete', {
		resource: 'contactGroup',
		operation: 'delete',
		contactGroup: byId(group),
	});
	await node('Remove Contacts', {
		resource: 'contactGroup',
		operation: 'removeContacts',
		contactGroup: byId(optouts),
		phoneNumbers: OPTED_OUT,
	});
	console.log(
		`  ✓ Cleaned up: ${campaigns.length} campaign records, 2 templates, the keyword and the group deleted`,
	);
}

// The SMS opt-in flow in the real n8n: examples/3-opt-in.json (Passona Trigger → Add to Opt-in
// Group → Send Welcome SMS) active, an inbound SMS on the sandbox ending as a welcome message in
// its outbox; then a campaign to the group, with default_optouts excluded, run with `n8n execute`.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as fx from './fixtures.mjs';
import { ROOT } from './paths.mjs';
import { OPT_IN_FILE, prefilledOptIn, seedOptIn, WELCOME } from './dev.mjs';

export const OPT_IN_KEYWORD = 'E2EOPTIN';
export const JOINER = '447700900999';
export const OPTED_OUT = '447700900777';
const credentials = { passonaApi: { id: fx.CREDENTIAL_ID, name: fx.CREDENTIAL_NAME } };

/** The example as a user leaves it after picking the keyword, the group and the template. */
async function optInWorkflow(choices) {
	const example = JSON.parse(await readFile(join(ROOT, 'examples', OPT_IN_FILE), 'utf8'));
	const workflow = prefilledOptIn(example, choices);
	for (const node of workflow.nodes) {
		if (node.type.startsWith('n8n-nodes-passona.')) node.credentials = credentials;
		// A copy of the imported example (PassonaExample03) needs webhook IDs of its own, as n8n gives a
		// duplicated workflow: two workflows on one webhook path would share its production URL.
		if (node.webhookId) node.webhookId = randomUUID();
	}
	const { name, nodes, connections, settings } = workflow;
	return { name, nodes, connections, settings, active: false };
}

function campaignWorkflow({ group, template }) {
	return {
		name: 'Passona e2e: campaign to the opt-in group',
		active: false,
		nodes: [
			{
				id: 'c0',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'c1',
				name: 'Create Campaign',
				type: 'n8n-nodes-passona.passona',
				typeVersion: 1,
				position: [240, 0],
				credentials,
				parameters: {
					resource: 'campaign',
					operation: 'create',
					name: 'E2E offer',
					template: { __rl: true, mode: 'id', value: template },
					senderName: { __rl: true, mode: 'list', value: '88440' },
					includedGroups: [group],
					when: 'now',
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Create Campaign', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** One e2e step: the opt-in flow through n8n, checked in the sandbox's outbox. */
export async function optInFlow({ sandbox, rest, cli, sandboxCall, waitFor, parseCliJson, log }) {
	const chosen = await seedOptIn(sandbox, { keyword: OPT_IN_KEYWORD, group: 'E2E Opt-in list' });
	const { group, template, keyword } = chosen;
	sandbox.store.addContacts(sandbox.store.contactGroups.get(group.uuid), [
		{ phone_number: OPTED_OUT },
	]);
	sandbox.store.addContacts(sandbox.store.defaultOptoutsGroup, [{ phone_number: OPTED_OUT }]);

	const created = await rest.post('/workflows', await optInWorkflow(chosen));
	const activated = await rest.post(`/workflows/${created.id}/activate`, {
		versionId: created.versionId,
	});
	assert.equal(
		activated.active,
		true,
		`activate answered ${JSON.stringify(activated).slice(0, 2000)}`,
	);
	await waitFor(
		'the opt-in trigger on its keyword',
		() => sandbox.store.keywords.get(keyword.uuid).webhooks_uuid.length === 1,
	);

	// n8n stores the trigger's registration (the secret's digest, static data) a moment after the
	// webhook exists in Passona; until then the trigger answers 401 and starts nothing, so the
	// inbound SMS is sent again.
	let last;
	const inbound = await waitFor('a delivery n8n accepts', async () => {
		last = await sandboxCall(sandbox, 'POST', '/_sandbox/inbound', {
			from: JOINER,
			text: OPT_IN_KEYWORD,
		});
		return last.deliveries[0]?.status === 200 && last;
	}).catch((error) => {
		throw new Error(`${error.message}; the last delivery: ${JSON.stringify(last?.deliveries)}`);
	});
	assert.equal(inbound.deliveries.length, 1);
	const filter = encodeURIComponent(JSON.stringify({ workflowId: created.id }));
	const [execution] = await waitFor('the opt-in execution', async () => {
		const list = (await rest.get(`/executions?filter=${filter}`)).results;
		return list.some((entry) => entry.status !== 'running' && entry.status !== 'new') && list;
	});
	assert.equal(
		execution.status,
		'success',
		`opt-in execution ${execution.id} ended ${execution.status}`,
	);
	const welcomed = await waitFor('the welcome SMS in the outbox', async () => {
		const outbox = await sandboxCall(sandbox, 'GET', `/_sandbox/outbox?to=${JOINER}`);
		return outbox.length > 0 && outbox;
	});
	assert.deepEqual(
		welcomed.map(({ kind, to, from, body }) => ({ kind, to, from, body })),
		[{ kind: 'test', to: JOINER, from: '88440', body: WELCOME }],
	);
	assert.deepEqual([...sandbox.store.contactsOf(group.uuid).keys()], [OPTED_OUT, JOINER]);
	log(`  inbound ${OPT_IN_KEYWORD} from ${JOINER} → added to the group, welcome SMS in the outbox`);

	await rest.post(`/workflows/${created.id}/deactivate`, {});
	await waitFor(
		'the opt-in trigger to go',
		() => sandbox.store.keywords.get(keyword.uuid).webhooks_uuid.length === 0,
	);

	const campaign = await rest.post(
		'/workflows',
		campaignWorkflow({ group: group.uuid, template: template.uuid }),
	);
	const run = parseCliJson(
		await cli(['execute', `--id=${campaign.id}`, '--rawOutput'], { capture: true }),
	);
	assert.equal(run.data.resultData.error, undefined);
	const [record] = run.data.resultData.runData['Create Campaign'][0].data.main[0].map(
		(item) => item.json,
	);
	assert.deepEqual(record.excluded_contact_groups, [sandbox.store.defaultOptoutsGroup.uuid]);
	const sent = await waitFor('the campaign in the outbox', async () => {
		const outbox = await sandboxCall(sandbox, 'GET', `/_sandbox/outbox?campaign=${record.uuid}`);
		return outbox.length > 0 && outbox;
	});
	assert.deepEqual(
		sent.map((message) => message.to),
		[JOINER],
	);
	assert.deepEqual(await sandboxCall(sandbox, 'GET', `/_sandbox/outbox?to=${OPTED_OUT}`), []);
	log(
		`  campaign to the group (default_optouts excluded) reached ${JOINER} only; ${OPTED_OUT} received nothing`,
	);
}

// Each SMS once in a real n8n: a Campaign Create run whose second item Passona refuses fails the
// execution with the first campaign made; n8n's own Retry of that execution (POST
// /rest/executions/:id/retry, what the Executions list's Retry does) makes the second one only, as
// the node's record of the first item is stored with the execution and the retry starts from it.
import assert from 'node:assert/strict';
import * as fx from './fixtures.mjs';

const credentials = { passonaApi: { id: fx.CREDENTIAL_ID, name: fx.CREDENTIAL_NAME } };
const NAMES = ['E2E retry one', 'E2E retry two'];
const MEMBER = '447700900591';

function retryWorkflow({ group, template }) {
	const node = (id, name, type, typeVersion, parameters, extra = {}) => ({
		id,
		name,
		type,
		typeVersion,
		position: [Number(id.slice(1)) * 240, 0],
		parameters,
		...extra,
	});
	return {
		name: 'Passona e2e: two campaigns, retried',
		active: false,
		nodes: [
			node('r0', 'Start', 'n8n-nodes-base.manualTrigger', 1, {}),
			node('r1', 'Two Campaigns', 'n8n-nodes-base.set', 3.4, {
				mode: 'raw',
				jsonOutput: JSON.stringify({ items: NAMES.map((name) => ({ name })) }),
			}),
			node('r2', 'One Item Each', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'items' }),
			node(
				'r3',
				'Create Campaign',
				'n8n-nodes-passona.passona',
				1,
				{
					resource: 'campaign',
					operation: 'create',
					name: '={{ $json.name }}',
					template: { __rl: true, mode: 'id', value: template },
					senderName: { __rl: true, mode: 'list', value: '88440' },
					includedGroups: [group],
					when: 'now',
				},
				{ credentials },
			),
		],
		connections: {
			Start: { main: [[{ node: 'Two Campaigns', type: 'main', index: 0 }]] },
			'Two Campaigns': { main: [[{ node: 'One Item Each', type: 'main', index: 0 }]] },
			'One Item Each': { main: [[{ node: 'Create Campaign', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** One e2e step: a failed execution retried from n8n's Executions list sends only what was not sent. */
export async function retriedExecutionFlow({ sandbox, rest, cli, sandboxCall, waitFor, log }) {
	const group = await sandboxCall(sandbox, 'POST', '/contact-groups', { name: 'E2E Retry list' });
	sandbox.store.addContacts(sandbox.store.contactGroups.get(group.uuid), [
		{ phone_number: MEMBER },
	]);
	const template = await sandboxCall(sandbox, 'POST', '/templates', {
		name: 'Retry offer',
		body: 'Spring offer: 20% off today.',
		sender: '88440',
	});
	// Passona refuses the second campaign, once.
	await sandboxCall(sandbox, 'POST', '/_sandbox/faults', {
		method: 'POST',
		path: '^/campaigns$',
		bodyMatch: `"${NAMES[1]}"`,
		status: 422,
		body: { message: 'Refused', errors: { name: ['Refused for the e2e test.'] } },
	});
	const made = () =>
		NAMES.map(
			(name) =>
				[...sandbox.store.sending.campaigns.values()].filter((campaign) => campaign.name === name)
					.length,
		);

	const workflow = await rest.post(
		'/workflows',
		retryWorkflow({ group: group.uuid, template: template.uuid }),
	);
	await assert.rejects(cli(['execute', `--id=${workflow.id}`]), /exited/);
	assert.deepEqual(made(), [1, 0], 'the first campaign is made, the second refused');

	const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
	const executions = async () => (await rest.get(`/executions?filter=${filter}`)).results;
	const [failed] = await waitFor('the failed execution', async () => {
		const list = await executions();
		return list.length > 0 && list;
	});
	assert.equal(failed.status, 'error', `execution ${failed.id} ended ${failed.status}`);

	await rest.post(`/executions/${failed.id}/retry`, { loadWorkflow: false });
	const retried = await waitFor('the retried execution', async () => {
		const list = (await executions()).filter((entry) => entry.id !== failed.id);
		return list.some((entry) => entry.status !== 'running' && entry.status !== 'new') && list[0];
	});
	assert.equal(retried.status, 'success', `retry ${retried.id} ended ${retried.status}`);
	assert.deepEqual(made(), [1, 1], 'the retry makes the second campaign only');
	const texts = await waitFor('both campaigns in the outbox', async () => {
		const outbox = await sandboxCall(sandbox, 'GET', `/_sandbox/outbox?to=${MEMBER}`);
		return outbox.length >= 2 && outbox;
	});
	const names = new Map(
		[...sandbox.store.sending.campaigns.values()].map((campaign) => [campaign.uuid, campaign.name]),
	);
	assert.deepEqual(
		texts.map((text) => names.get(text.campaign_uuid)).sort(),
		NAMES,
		'one SMS per campaign, none twice',
	);
	log(
		`  execution ${failed.id} failed on item 2 after item 1's campaign; its retry ${retried.id} made item 2's only`,
	);
}

// Issue 14 in the real n8n: Account, Link (its vanity domain picked inside Update Fields), Contact
// → Sync Groups and Add Contacts with "Wait for Passona to Finish", run with `n8n execute`; then
// the Passona Campaign Trigger active on n8n's own poll schedule, firing for a campaign that
// starts and finishes on the sandbox, and for nothing that came before.
import assert from 'node:assert/strict';
import * as fx from './fixtures.mjs';

const passona = 'n8n-nodes-passona.passona';
const credentials = { passonaApi: { id: fx.CREDENTIAL_ID, name: fx.CREDENTIAL_NAME } };
const CONTACT = '447700900555';

function chain(name, nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return {
		name,
		active: false,
		nodes: nodes.map((node, i) => ({
			id: `m${i}`,
			typeVersion: 1,
			position: [i * 240, 0],
			credentials,
			...node,
		})),
		connections,
		settings: { executionOrder: 'v1' },
	};
}

function actionWorkflow({ psms, otherDomain, template, kept, target }) {
	return chain('Passona e2e: links, vanity domains, sync, balance, waiting', [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {}, credentials: undefined },
		{
			name: 'Balance',
			type: passona,
			parameters: { resource: 'account', operation: 'getBalance' },
		},
		{
			name: 'Create Link',
			type: passona,
			parameters: {
				resource: 'link',
				operation: 'create',
				vanityDomain: { __rl: true, mode: 'list', value: psms },
				templateId: template,
				name: 'OFFER',
				destination: 'https://example.com/offer',
			},
		},
		{
			name: 'Update Link',
			type: passona,
			parameters: {
				resource: 'link',
				operation: 'update',
				link: { __rl: true, mode: 'id', value: '={{ $json.uuid }}' },
				updateFields: {
					vanityDomain: { __rl: true, mode: 'id', value: otherDomain },
					destination: 'https://example.com/v2',
				},
			},
		},
		{
			name: 'Sync Groups',
			type: passona,
			parameters: {
				resource: 'contact',
				operation: 'syncGroups',
				phoneNumber: `+${CONTACT}`,
				contactGroups: [kept],
			},
		},
		{
			name: 'Add And Wait',
			type: passona,
			parameters: {
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: { __rl: true, mode: 'id', value: target },
				contactSource: 'fields',
				phoneNumber: '447700900556',
				waitForPassona: true,
				waitTimeLimit: 60,
			},
		},
		{
			name: 'Vanity Domains',
			type: passona,
			parameters: { resource: 'vanityDomain', operation: 'getAll', returnAll: true },
		},
	]);
}

function triggerWorkflow() {
	return chain('Passona e2e: campaign events', [
		{
			name: 'Passona Campaign Trigger',
			type: 'n8n-nodes-passona.passonaCampaignTrigger',
			parameters: {
				events: ['startedSending', 'finishedSending'],
				pollTimes: { item: [{ mode: 'everyMinute' }] },
			},
		},
	]);
}

export async function moreResourcesFlow({
	sandbox,
	rest,
	cli,
	sandboxCall,
	waitFor,
	parseCliJson,
	flatted,
	log,
}) {
	const psms = sandbox.store.defaultVanityDomain.uuid;
	const otherDomain = (
		await sandboxCall(sandbox, 'POST', '/vanity-domains', { domain: 'https://e2e.example' })
	).uuid;
	const template = (
		await sandboxCall(sandbox, 'POST', '/templates', {
			name: 'Offer',
			body: 'Offer: ::OFFER::',
			sender: '88440',
		})
	).uuid;
	const kept = (await sandboxCall(sandbox, 'POST', '/contact-groups', { name: 'E2E kept' })).uuid;
	const left = (await sandboxCall(sandbox, 'POST', '/contact-groups', { name: 'E2E left' })).uuid;
	const target = (await sandboxCall(sandbox, 'POST', '/contact-groups', { name: 'E2E waited' }))
		.uuid;
	sandbox.store.addContacts(sandbox.store.contactGroups.get(left), [{ phone_number: CONTACT }]);

	const created = await rest.post(
		'/workflows',
		actionWorkflow({ psms, otherDomain, template, kept, target }),
	);
	const run = parseCliJson(
		await cli(['execute', `--id=${created.id}`, '--rawOutput'], { capture: true }),
	);
	assert.equal(run.data.resultData.error, undefined, JSON.stringify(run.data.resultData.error));
	const out = (node) => run.data.resultData.runData[node][0].data.main[0].map((item) => item.json);
	assert.deepEqual(out('Balance'), [{ balance: 1000, currency: 'GBP' }]);
	const [link] = out('Update Link');
	assert.equal(link.vanity_domain_uuid, otherDomain);
	assert.equal(link.destination, 'https://example.com/v2');
	assert.equal(link.template_uuid, template);
	assert.deepEqual(out('Sync Groups'), [{ contact: CONTACT, groups: [kept] }]);
	assert.ok(
		sandbox.store.contactsOf(kept).has(CONTACT) && !sandbox.store.contactsOf(left).has(CONTACT),
		'sync replaced the groups',
	);
	const [waited] = out('Add And Wait');
	assert.equal(waited.status, 'Ready');
	assert.equal(waited.number_of_contacts, 1);
	assert.deepEqual(
		out('Vanity Domains').map((domain) => domain.domain),
		['https://psms.io', 'https://e2e.example'],
	);
	log(
		'  balance, link on psms.io moved to another vanity domain, sync replaced the groups, Add Contacts waited until Ready',
	);

	const before = [...sandbox.store.sending.campaigns.keys()];
	const polls = async () =>
		(await sandboxCall(sandbox, 'GET', '/_sandbox/requests')).filter(
			(entry) => entry.path === '/campaigns',
		).length;
	const pollsBefore = await polls();
	const trigger = await rest.post('/workflows', triggerWorkflow());
	const activated = await rest.post(`/workflows/${trigger.id}/activate`, {
		versionId: trigger.versionId,
	});
	assert.equal(
		activated.active,
		true,
		`activate answered ${JSON.stringify(activated).slice(0, 2000)}`,
	);
	// n8n may activate a moment after answering: the campaign comes after the poll at activation.
	await waitFor('the poll at activation', async () => (await polls()) > pollsBefore);
	const sending = sandbox.store.sending;
	const campaign = sending.createCampaign({
		name: 'E2E polled',
		sender: '88440',
		template_uuid: template,
		scheduled_send_date: sending.date(sending.clock.now() + 2000),
		expiry_date: sending.date(sending.clock.now() + 86_400_000),
		included_contact_groups: [kept],
		excluded_contact_groups: [],
	});
	const filter = encodeURIComponent(JSON.stringify({ workflowId: trigger.id }));
	// n8n polls on the minute: a poll may fall between the start and the finish, so the events are
	// gathered over every execution until both are in (each poll gives each event once).
	const eventsSoFar = async () => {
		const list = (await rest.get(`/executions?filter=${filter}`)).results;
		if (list.some((entry) => entry.status === 'running' || entry.status === 'new')) return [];
		const runs = await Promise.all(
			list
				.sort((a, b) => Number(a.id) - Number(b.id))
				.map(async (entry) => {
					assert.equal(entry.status, 'success');
					const data = flatted.parse((await rest.get(`/executions/${entry.id}`)).data);
					return data.resultData.runData['Passona Campaign Trigger'][0].data.main[0].map(
						(item) => item.json,
					);
				}),
		);
		return runs.flat();
	};
	const items = await waitFor(
		'the campaign trigger executions with its start and finish',
		async () => {
			const events = await eventsSoFar();
			return events.some((item) => item.event === 'finishedSending') && events;
		},
		150_000,
	);
	assert.deepEqual(
		items.map((item) => [item.event, item.uuid]),
		[
			['startedSending', campaign.uuid],
			['finishedSending', campaign.uuid],
		],
	);
	assert.ok(
		before.every((uuid) => !items.some((item) => item.uuid === uuid)),
		'nothing for campaigns from before activation',
	);
	await rest.post(`/workflows/${trigger.id}/deactivate`, {});
	log(
		`  campaign trigger: the new campaign's start and finish, once each, nothing for the ${before.length} before`,
	);
}

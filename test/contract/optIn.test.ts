/**
 * The opt-in flow end to end against the sandbox over HTTP: examples/3-opt-in.json active, an
 * inbound JOIN adds the sender to the group and gets a welcome SMS (Send Test); a campaign to the
 * group then reaches everyone but the number in default_optouts.
 */
import { byId } from '../../harness/locators';
import { optInWorkflow, workflowTriggerSetup } from '../../harness/optIn';
import { activate, deactivate } from '../../harness/trigger';
import { serveWebhooks } from '../../harness/webhookServer';
import { call } from '../sandbox/helpers';
import { useClockAt, useContract } from './helpers';

const { sandbox, ok } = useContract({ jobDelayMs: 10 });
// Send Now writes London's wall clock: not in the hour that repeats in October.
useClockAt('2026-11-23T12:00:00Z');

test('JOIN → added to the group → welcome SMS; the campaign to the group skips the opted-out number', async () => {
	const store = sandbox().store;
	const credentials = { apiToken: sandbox().token, baseUrl: sandbox().url };
	const group = store.seedContactGroup({ name: 'Opt-in list', contacts: ['447700900777'] });
	store.addContacts(store.defaultOptoutsGroup, [{ phone_number: '447700900777' }]);
	const [welcome] = await ok({
		resource: 'template',
		operation: 'create',
		name: 'Welcome',
		body: 'Thanks for joining! Reply OPTOUT to stop.',
		senderName: { __rl: true, mode: 'name', value: '88440' },
	});
	const [keyword] = await ok({
		resource: 'keyword',
		operation: 'create',
		keyword: 'JOIN',
		addContactToGroup: false,
		callWebhook: false,
	});

	const setup = await workflowTriggerSetup(
		optInWorkflow({
			keyword: keyword.uuid as string,
			group: group.uuid,
			template: welcome.uuid as string,
		}),
		credentials,
	);
	const server = await serveWebhooks(setup);
	try {
		await activate(setup);
		const inbound = await call(sandbox(), 'POST', '/_sandbox/inbound', {
			from: '447700900999',
			text: 'JOIN',
		});
		expect(inbound.body.data.deliveries).toEqual([expect.objectContaining({ status: 200 })]);
		await server.settled();
		expect(server.executions).toHaveLength(1);
		const runData = server.executions[0].run.data.resultData.runData;
		expect(server.executions[0].error).toBeUndefined();
		expect(runData['Send Welcome SMS'][0].data!.main[0]![0].json).toMatchObject({
			name: 'Welcome to the list',
			sender: '88440',
		});
		expect([...store.contactsOf(group.uuid)!.keys()]).toEqual(['447700900777', '447700900999']);
		const welcomed = (await call(sandbox(), 'GET', '/_sandbox/outbox')).body.data;
		expect(
			welcomed.map((message: Record<string, string>) => [
				message.kind,
				message.to,
				message.from,
				message.body,
			]),
		).toEqual([['test', '447700900999', '88440', 'Thanks for joining! Reply OPTOUT to stop.']]);
	} finally {
		await deactivate(setup);
		await server.close();
	}

	const [campaign] = await ok({
		resource: 'campaign',
		operation: 'create',
		name: 'First offer',
		template: byId(welcome.uuid as string),
		senderName: { __rl: true, mode: 'list', value: '88440' },
		includedGroups: [group.uuid],
		when: 'now',
	});
	const sent = (await call(sandbox(), 'GET', `/_sandbox/outbox?campaign=${campaign.uuid}`)).body
		.data;
	expect(sent.map((message: Record<string, string>) => message.to)).toEqual(['447700900999']);
	expect((await call(sandbox(), 'GET', '/_sandbox/outbox?to=447700900777')).body.data).toEqual([]);
});

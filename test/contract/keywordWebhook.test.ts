/** Every Keyword and Webhook operation, through n8n's engine, against the sandbox over real HTTP. */
import { byId, byUrl, fromList } from '../../harness/locators';
import { UUID } from '../sandbox/helpers';
import { useContract } from './helpers';

const { sandbox, ok } = useContract();

describe('Webhook against the sandbox', () => {
	test('Create, Get, Update, Get Many and Delete', async () => {
		const [created] = await ok({
			resource: 'webhook',
			operation: 'create',
			name: 'CRM',
			url: ' https://crm.example/hook ',
			headers: { header: [{ name: 'X-Secret', value: 's3cret' }] },
		});
		expect(created).toMatchObject({
			uuid: expect.stringMatching(UUID),
			name: 'CRM',
			url: 'https://crm.example/hook',
			headers: { 'X-Secret': 's3cret' },
		});
		const uuid = created.uuid as string;
		expect(await ok({ resource: 'webhook', operation: 'get', webhook: fromList(uuid) })).toEqual([
			created,
		]);

		const [updated] = await ok({
			resource: 'webhook',
			operation: 'update',
			webhook: byUrl(`${sandbox().url}/webhooks/${uuid}`),
			updateFields: { url: 'https://crm.example/v2' },
		});
		expect(updated).toMatchObject({
			uuid,
			name: 'CRM',
			url: 'https://crm.example/v2',
			headers: { 'X-Secret': 's3cret' },
		});

		sandbox().store.webhooks.set('00000000-0000-4000-8000-000000000002', {
			uuid: '00000000-0000-4000-8000-000000000002',
			name: 'Second',
			url: 'https://second.example/',
			headers: {},
		});
		const all = await ok({ resource: 'webhook', operation: 'getAll', returnAll: true });
		expect(all.map((webhook) => webhook.name)).toEqual(['CRM', 'Second']);
		expect(
			await ok({ resource: 'webhook', operation: 'getAll', returnAll: false, limit: 1 }),
		).toHaveLength(1);

		expect(await ok({ resource: 'webhook', operation: 'delete', webhook: byId(uuid) })).toEqual([
			{ deleted: true, uuid },
		]);
		expect(sandbox().store.webhooks.has(uuid)).toBe(false);
	});
});

describe('Keyword against the sandbox', () => {
	test('Create (group and webhook attached), Get, Update, Get Many and Delete', async () => {
		const group = sandbox().store.createContactGroup({ name: 'Joiners' });
		const [webhook] = await ok({
			resource: 'webhook',
			operation: 'create',
			name: 'CRM',
			url: 'https://crm.example/hook',
		});
		const [created] = await ok({
			resource: 'keyword',
			operation: 'create',
			keyword: 'JOIN',
			addContactToGroup: true,
			contactGroups: [group.uuid],
			callWebhook: true,
			webhooks: `={{ "${webhook.uuid}" }}`,
			additionalFields: { message: 'Welcome', help: 'Text JOIN' },
		});
		expect(created).toMatchObject({
			uuid: expect.stringMatching(UUID),
			keyword: 'JOIN',
			message: 'Welcome',
			help: 'Text JOIN',
			add_contact_to_group: true,
			contact_groups_uuid: [group.uuid],
			call_webhook: true,
			webhooks_uuid: [webhook.uuid],
		});
		const uuid = created.uuid as string;
		expect(await ok({ resource: 'keyword', operation: 'get', keyword: fromList(uuid) })).toEqual([
			created,
		]);

		const [updated] = await ok({
			resource: 'keyword',
			operation: 'update',
			keyword: byUrl(`${sandbox().url}/keywords/${uuid}`),
			updateFields: { keyword: 'START', callWebhook: false, webhooks: [] },
		});
		expect(updated).toMatchObject({
			uuid,
			keyword: 'START',
			call_webhook: false,
			webhooks_uuid: [],
			contact_groups_uuid: [group.uuid],
		});

		await ok({
			resource: 'keyword',
			operation: 'create',
			keyword: 'STOP',
			addContactToGroup: false,
			callWebhook: false,
		});
		const all = await ok({ resource: 'keyword', operation: 'getAll', returnAll: true });
		expect(all.map((keyword) => keyword.keyword)).toEqual(['START', 'STOP']);
		expect(
			await ok({ resource: 'keyword', operation: 'getAll', returnAll: false, limit: 1 }),
		).toHaveLength(1);

		expect(await ok({ resource: 'keyword', operation: 'delete', keyword: byId(uuid) })).toEqual([
			{ deleted: true, uuid },
		]);
		expect([...sandbox().store.keywords.values()].map((keyword) => keyword.keyword)).toEqual([
			'STOP',
		]);
	});
});

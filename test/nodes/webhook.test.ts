/** Every Webhook operation, run through n8n's engine against nock, exact requests and items. */
import { runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock, sentHeaders } from '../support/passonaMock';
import { page, WEBHOOK_UUID } from '../fixtures/passona';
import { byId, byUrl, fromList } from '../../harness/locators';

const headers = sentHeaders(TOKEN);
const webhookPath = `/webhooks/${WEBHOOK_UUID}`;

function webhook(overrides: Record<string, unknown> = {}) {
	return {
		name: 'CRM',
		uuid: WEBHOOK_UUID,
		url: 'https://crm.example/hook',
		headers: { 'X-Secret': 's3cret' },
		links: [{ rel: 'self', uri: `http://passona.test/api/2.0/webhooks/${WEBHOOK_UUID}` }],
		...overrides,
	};
}

describe('Webhook', () => {
	test('Create sends name, URL and headers as an object', async () => {
		const passona = new PassonaMock().reply('POST', '/webhooks', 201, { data: webhook() });
		const { items, error } = await runPassona({
			parameters: {
				resource: 'webhook',
				operation: 'create',
				name: 'CRM',
				url: ' https://crm.example/hook ',
				headers: {
					header: [
						{ name: 'X-Secret', value: 's3cret' },
						{ name: 'X-Team', value: 42 },
					],
				},
			},
		});
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([
			{
				method: 'POST',
				path: '/webhooks',
				query: {},
				headers,
				body: {
					name: 'CRM',
					url: 'https://crm.example/hook',
					headers: { 'X-Secret': 's3cret', 'X-Team': '42' },
				},
			},
		]);
		expect(items.map((item) => item.json)).toEqual([webhook()]);
	});

	test('Create without headers sends an empty headers object', async () => {
		const passona = new PassonaMock().reply('POST', '/webhooks', 201, {
			data: webhook({ headers: {} }),
		});
		await runPassona({
			parameters: {
				resource: 'webhook',
				operation: 'create',
				name: 'CRM',
				url: 'http://127.0.0.1:5678/hook',
			},
		});
		expect(passona.requests[0].body).toEqual({
			name: 'CRM',
			url: 'http://127.0.0.1:5678/hook',
			headers: {},
		});
	});

	test('Update sends only the fields added, to the webhook chosen By URL', async () => {
		const passona = new PassonaMock().reply('PUT', webhookPath, 200, {
			data: webhook({ url: 'https://crm.example/v2' }),
		});
		const { items } = await runPassona({
			parameters: {
				resource: 'webhook',
				operation: 'update',
				webhook: byUrl(`https://passona.co.uk/api/2.0/webhooks/${WEBHOOK_UUID}`),
				updateFields: {
					url: 'https://crm.example/v2',
					headers: { header: [{ name: 'X-Secret', value: 'new' }] },
				},
			},
		});
		expect(passona.requests).toEqual([
			{
				method: 'PUT',
				path: webhookPath,
				query: {},
				headers,
				body: { url: 'https://crm.example/v2', headers: { 'X-Secret': 'new' } },
			},
		]);
		expect(items[0].json.url).toBe('https://crm.example/v2');
	});

	test('Get fetches the webhook chosen From List', async () => {
		const passona = new PassonaMock().reply('GET', webhookPath, 200, { data: webhook() });
		const { items } = await runPassona({
			parameters: { resource: 'webhook', operation: 'get', webhook: fromList(WEBHOOK_UUID) },
		});
		expect(passona.requests).toEqual([
			{ method: 'GET', path: webhookPath, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([webhook()]);
	});

	test('Get Many with Return All follows every page', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/webhooks', 200, page('/webhooks', [webhook({ name: 'A' })], 1, 2, 1))
			.reply('GET', '/webhooks', 200, page('/webhooks', [webhook({ name: 'B' })], 2, 2, 1));
		const { items } = await runPassona({
			parameters: { resource: 'webhook', operation: 'getAll', returnAll: true },
		});
		expect(passona.requests.map((request) => [request.path, request.query])).toEqual([
			['/webhooks', { page: '1', per_page: '1000' }],
			['/webhooks', { page: '2', per_page: '1000' }],
		]);
		expect(items.map((item) => item.json.name)).toEqual(['A', 'B']);
	});

	test('Delete answers { deleted: true, uuid }', async () => {
		const passona = new PassonaMock().reply('DELETE', webhookPath, 204);
		const { items } = await runPassona({
			parameters: { resource: 'webhook', operation: 'delete', webhook: byId(WEBHOOK_UUID) },
		});
		expect(passona.requests).toEqual([
			{ method: 'DELETE', path: webhookPath, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, uuid: WEBHOOK_UUID }]);
	});

	test.each([
		[
			'a URL that is not a web address',
			{ url: 'ftp://crm.example/hook' },
			'"URL" is not a web address: "ftp://crm.example/hook" [item 0]',
		],
		[
			'a header name with a space',
			{ headers: { header: [{ name: 'X Secret', value: '1' }] } },
			'"Headers" has "X Secret", which is not a valid header name [item 0]',
		],
		[
			'a header row without a name',
			{ headers: { header: [{ name: '', value: '1' }] } },
			'"Headers" has a row without a name [item 0]',
		],
	])('refuses %s before sending', async (_case, fields, message) => {
		const passona = new PassonaMock();
		const { error } = await runPassona({
			parameters: {
				resource: 'webhook',
				operation: 'create',
				name: 'CRM',
				url: 'https://crm.example/hook',
				...fields,
			},
		});
		expect(passona.requests).toEqual([]);
		expect(error?.message).toBe(message);
	});
});

/** Every Keyword operation, run through n8n's engine against nock, exact requests and items. */
import { runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock, sentHeaders } from '../support/passonaMock';
import { GROUP_UUID, keyword, KEYWORD_UUID, page, WEBHOOK_UUID } from '../fixtures/passona';
import { byId, byUrl, fromList } from '../../harness/locators';

const headers = sentHeaders(TOKEN);
const keywordPath = `/keywords/${KEYWORD_UUID}`;

describe('Keyword', () => {
	test('Create sends every field of the official page', async () => {
		const created = keyword();
		const passona = new PassonaMock().reply('POST', '/keywords', 201, { data: created });
		const { items, error } = await runPassona({
			parameters: {
				resource: 'keyword',
				operation: 'create',
				keyword: 'OPTOUT',
				addContactToGroup: true,
				contactGroups: [GROUP_UUID],
				callWebhook: true,
				webhooks: [WEBHOOK_UUID],
				additionalFields: { message: 'Keyword Message info', help: 'Tooltip help text' },
			},
		});
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([
			{
				method: 'POST',
				path: '/keywords',
				query: {},
				headers,
				body: {
					keyword: 'OPTOUT',
					add_contact_to_group: true,
					contact_groups_uuid: [GROUP_UUID],
					call_webhook: true,
					webhooks_uuid: [WEBHOOK_UUID],
					message: 'Keyword Message info',
					help: 'Tooltip help text',
				},
			},
		]);
		expect(items.map((item) => item.json)).toEqual([created]);
	});

	test('Create with both switches off sends no lists', async () => {
		const passona = new PassonaMock().reply('POST', '/keywords', 201, { data: keyword() });
		await runPassona({
			parameters: {
				resource: 'keyword',
				operation: 'create',
				keyword: 'JOIN',
				addContactToGroup: false,
				callWebhook: false,
			},
		});
		expect(passona.requests[0].body).toEqual({
			keyword: 'JOIN',
			add_contact_to_group: false,
			call_webhook: false,
		});
	});

	test('Update sends only the fields added, to the keyword chosen By URL', async () => {
		const updated = keyword({ keyword: 'OPTOUT-UPDATE', call_webhook: false, webhooks_uuid: [] });
		const passona = new PassonaMock().reply('PUT', keywordPath, 200, { data: updated });
		const { items } = await runPassona({
			parameters: {
				resource: 'keyword',
				operation: 'update',
				keyword: byUrl(`http://passona.test/api/2.0/keywords/${KEYWORD_UUID}`),
				updateFields: { keyword: 'OPTOUT-UPDATE', callWebhook: false, webhooks: [] },
			},
		});
		expect(passona.requests).toEqual([
			{
				method: 'PUT',
				path: keywordPath,
				query: {},
				headers,
				body: { keyword: 'OPTOUT-UPDATE', call_webhook: false, webhooks_uuid: [] },
			},
		]);
		expect(items.map((item) => item.json)).toEqual([updated]);
	});

	test('Get fetches the keyword chosen From List', async () => {
		const passona = new PassonaMock().reply('GET', keywordPath, 200, { data: keyword() });
		const { items } = await runPassona({
			parameters: { resource: 'keyword', operation: 'get', keyword: fromList(KEYWORD_UUID) },
		});
		expect(passona.requests).toEqual([
			{ method: 'GET', path: keywordPath, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([keyword()]);
	});

	test('Get Many with Limit keeps one page size and follows on when Passona sends fewer rows', async () => {
		const all = Array.from({ length: 20 }, (_, n) => keyword({ keyword: `WORD${n}` }));
		const passona = new PassonaMock()
			// Passona may cap the page below what was asked for (15 rows): page 2 then starts at row 16.
			.reply('GET', '/keywords', 200, page('/keywords', all.slice(0, 15), 1, 2, 15))
			.reply('GET', '/keywords', 200, page('/keywords', all.slice(15, 20), 2, 2, 15));
		const { items } = await runPassona({
			parameters: { resource: 'keyword', operation: 'getAll', returnAll: false, limit: 18 },
		});
		expect(passona.requests.map((request) => request.query)).toEqual([
			{ page: '1', per_page: '18' },
			{ page: '2', per_page: '18' },
		]);
		expect(passona.requests.every((request) => request.path === '/keywords')).toBe(true);
		expect(items.map((item) => item.json)).toEqual(all.slice(0, 18));
	});

	test('Delete answers { deleted: true, uuid }', async () => {
		const passona = new PassonaMock().reply('DELETE', keywordPath, 204);
		const { items } = await runPassona({
			parameters: { resource: 'keyword', operation: 'delete', keyword: byId(` ${KEYWORD_UUID} `) },
		});
		expect(passona.requests).toEqual([
			{ method: 'DELETE', path: keywordPath, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, uuid: KEYWORD_UUID }]);
	});
});

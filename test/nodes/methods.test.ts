/** From List pickers and dropdowns, called in n8n's own LoadOptionsContext as the editor does. */
import type { ILoadOptionsFunctions, INodeType } from 'n8n-workflow';
import { loadOptionsContext, loadPackage, TOKEN } from '../harness/engine';
import { PassonaMock, sentHeaders } from '../harness/passonaMock';
import { group, keyword, page, WEBHOOK_UUID } from '../fixtures/passona';

async function passonaType(): Promise<INodeType> {
	return (await loadPackage()).nodeTypes.passona.type as INodeType;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('From List search', () => {
	test('contact groups: one page at a time, filtered by name, with the next page as token', async () => {
		const groups = [
			group({ uuid: uuid(1), name: 'Leeds customers', number_of_contacts: 12 }),
			group({ uuid: uuid(2), name: 'Newsletter' }),
		];
		const passona = new PassonaMock().reply('GET', '/contact-groups', 200, page('/contact-groups', groups, 2, 3, 2));
		const context = await loadOptionsContext({ resource: 'contactGroup', operation: 'get' });
		const search = (await passonaType()).methods!.listSearch!.searchContactGroups;
		const result = await search.call(context as unknown as ILoadOptionsFunctions, 'leeds', '2');
		expect(passona.requests).toEqual([
			{ method: 'GET', path: '/contact-groups', query: { page: '2', per_page: '100' }, headers: sentHeaders(TOKEN), body: undefined },
		]);
		expect(result).toEqual({ results: [{ name: 'Leeds customers (12 contacts)', value: uuid(1) }], paginationToken: '3' });
	});

	test('keywords: last page has no token', async () => {
		new PassonaMock().reply('GET', '/keywords', 200, page('/keywords', [keyword({ uuid: uuid(7), keyword: 'JOIN' })], 1, 1, 100));
		const context = await loadOptionsContext({ resource: 'keyword', operation: 'get' });
		const search = (await passonaType()).methods!.listSearch!.searchKeywords;
		const result = await search.call(context as unknown as ILoadOptionsFunctions);
		expect(result).toEqual({ results: [{ name: 'JOIN', value: uuid(7) }], paginationToken: undefined });
	});

	test("Passona's 401 while loading is shown in plain words", async () => {
		new PassonaMock().reply('GET', '/keywords', 401, { message: 'Unauthenticated.' });
		const context = await loadOptionsContext({ resource: 'keyword', operation: 'get' });
		const search = (await passonaType()).methods!.listSearch!.searchKeywords;
		await expect(search.call(context as unknown as ILoadOptionsFunctions)).rejects.toThrow(
			'Passona did not accept the API token',
		);
	});
});

describe('dropdowns', () => {
	test('contact groups load every page', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, page('/contact-groups', [group({ uuid: uuid(1), name: 'A', number_of_contacts: 3 })], 1, 2, 1))
			.reply('GET', '/contact-groups', 200, page('/contact-groups', [group({ uuid: uuid(2), name: 'B' })], 2, 2, 1));
		const context = await loadOptionsContext({ resource: 'contactGroup', operation: 'getUniqueContacts' });
		const load = (await passonaType()).methods!.loadOptions!.getContactGroups;
		const options = await load.call(context as unknown as ILoadOptionsFunctions);
		expect(passona.requests.map((request) => request.query)).toEqual([
			{ page: '1', per_page: '1000' },
			{ page: '2', per_page: '1000' },
		]);
		expect(options).toEqual([
			{ name: 'A', value: uuid(1), description: '3 contacts' },
			{ name: 'B', value: uuid(2), description: '0 contacts' },
		]);
	});

	test('webhooks', async () => {
		new PassonaMock().reply('GET', '/webhooks', 200, page('/webhooks', [{ uuid: WEBHOOK_UUID, name: 'CRM', url: 'https://crm.example/hook', headers: {} }], 1, 1, 15));
		const context = await loadOptionsContext({ resource: 'keyword', operation: 'create' });
		const load = (await passonaType()).methods!.loadOptions!.getWebhooks;
		expect(await load.call(context as unknown as ILoadOptionsFunctions)).toEqual([
			{ name: 'CRM', value: WEBHOOK_UUID, description: 'https://crm.example/hook' },
		]);
	});
});

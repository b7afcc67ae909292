/** From List pickers and dropdowns, called in n8n's own LoadOptionsContext as the editor does. */
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INode } from 'n8n-workflow';
import nock from 'nock';
import { BASE_URL, loadOptionsContext, passonaType, TOKEN } from '../../harness/engine';
import { triggerSetup } from '../../harness/trigger';
import { PassonaMock, sentHeaders } from '../support/passonaMock';
import { group, keyword, page, WEBHOOK_UUID } from '../fixtures/passona';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('From List search', () => {
	test('contact groups without a filter: one page at a time, with the next page as token', async () => {
		const groups = [
			group({ uuid: uuid(1), name: 'Leeds customers', number_of_contacts: 12 }),
			group({ uuid: uuid(2), name: 'Newsletter' }),
		];
		const passona = new PassonaMock().reply(
			'GET',
			'/contact-groups',
			200,
			page('/contact-groups', groups, 2, 3, 2),
		);
		const context = await loadOptionsContext({ resource: 'contactGroup', operation: 'get' });
		const search = (await passonaType()).methods!.listSearch!.searchContactGroups;
		const result = await search.call(context as unknown as ILoadOptionsFunctions, '  ', '2');
		expect(passona.requests).toEqual([
			{
				method: 'GET',
				path: '/contact-groups',
				query: { page: '2', per_page: '100' },
				headers: sentHeaders(TOKEN),
				body: undefined,
			},
		]);
		expect(result).toEqual({
			results: [
				{ name: 'Leeds customers (12 contacts)', value: uuid(1) },
				{ name: 'Newsletter (0 contacts)', value: uuid(2) },
			],
			paginationToken: '3',
		});
	});

	test('keywords: last page has no token', async () => {
		new PassonaMock().reply(
			'GET',
			'/keywords',
			200,
			page('/keywords', [keyword({ uuid: uuid(7), keyword: 'JOIN' })], 1, 1, 100),
		);
		const context = await loadOptionsContext({ resource: 'keyword', operation: 'get' });
		const search = (await passonaType()).methods!.listSearch!.searchKeywords;
		const result = await search.call(context as unknown as ILoadOptionsFunctions);
		expect(result).toEqual({
			results: [{ name: 'JOIN', value: uuid(7) }],
			paginationToken: undefined,
		});
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

/**
 * A Passona collection that, like the independent check, caps per_page at `cap` whatever is asked,
 * and answers any page asked for (persisted); records the page and per_page of each request.
 */
function collection(name: string, entries: Array<Record<string, unknown>>, cap = 100) {
	const asked: Array<{ page: number; perPage: number }> = [];
	const url = new URL(BASE_URL);
	const scope = nock(url.origin)
		.persist()
		.get(`${url.pathname}/${name}`)
		.query(true)
		.reply((uri) => {
			const query = new URL(uri, 'http://x').searchParams;
			const n = Number(query.get('page') ?? 1);
			const perPage = Math.min(cap, Number(query.get('per_page') ?? 15));
			asked.push({ page: n, perPage: Number(query.get('per_page')) });
			const last = Math.max(1, Math.ceil(entries.length / perPage));
			return [
				200,
				page(`/${name}`, entries.slice((n - 1) * perPage, n * perPage), n, last, perPage),
			];
		});
	return { asked, done: () => scope.persist(false) && nock.cleanAll() };
}

describe('From List search with a filter looks past the first page', () => {
	const groups = Array.from({ length: 230 }, (_, i) =>
		group({ uuid: uuid(i + 1), name: `Team ${i + 1}`, number_of_contacts: i }),
	);
	const search = async (method: string, filter?: string, token?: string) => {
		const context = await loadOptionsContext({ resource: 'contactGroup', operation: 'get' });
		const list = (await passonaType()).methods!.listSearch![method];
		return await list.call(context as unknown as ILoadOptionsFunctions, filter, token);
	};

	test('230 groups, filter "Team 217": found on page 3, with "1 contact" in the singular', async () => {
		const server = collection('contact-groups', groups);
		expect(await search('searchContactGroups', 'team 217')).toEqual({
			results: [{ name: 'Team 217 (216 contacts)', value: uuid(217) }],
			paginationToken: undefined,
		});
		expect(server.asked.map(({ page: n }) => n).sort()).toEqual([1, 2, 3]);
		expect(server.asked.every(({ perPage }) => perPage === 1000)).toBe(true);
		expect((await search('searchContactGroups', 'Team 2 ')).results[0]).toEqual({
			name: 'Team 2 (1 contact)',
			value: uuid(2),
		});
		server.done();
	});

	test('130 keywords, filter "K120"', async () => {
		const server = collection(
			'keywords',
			Array.from({ length: 130 }, (_, i) => keyword({ uuid: uuid(i + 1), keyword: `K${i + 1}` })),
		);
		expect(await search('searchKeywords', 'K120')).toEqual({
			results: [{ name: 'K120', value: uuid(120) }],
			paginationToken: undefined,
		});
		server.done();
	});

	test('the filter matches the name, not the "(N contacts)" label', async () => {
		const server = collection('contact-groups', groups);
		expect(await search('searchContactGroups', 'contacts')).toEqual({
			results: [],
			paginationToken: undefined,
		});
		server.done();
	});

	test('a search stops after 10 pages of 1,000 and says so; a match on the way leaves a token to go on', async () => {
		const many = Array.from({ length: 12_500 }, (_, i) => ({
			uuid: uuid(i + 1),
			name: `Hook ${i + 1}`,
		}));
		const server = collection('webhooks', many, 1000);
		expect(await search('searchWebhooks', 'nothing like this')).toEqual({
			results: [
				{
					name: 'No webhook named like "nothing like this" in the first 10,000',
					value: '',
					description: 'Type more of the name, or choose By ID',
				},
			],
		});
		expect(server.asked.map(({ page: n }) => n).sort((a, b) => a - b)).toEqual([
			1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
		]);
		server.asked.splice(0);
		expect(await search('searchWebhooks', 'Hook 2500')).toEqual({
			results: [{ name: 'Hook 2500', value: uuid(2500) }],
			paginationToken: '11',
		});
		server.asked.splice(0);
		// Scrolling goes on from page 11 to the end.
		expect(await search('searchWebhooks', 'Hook 12500', '11')).toEqual({
			results: [{ name: 'Hook 12500', value: uuid(12500) }],
			paginationToken: undefined,
		});
		expect(server.asked.map(({ page: n }) => n).sort((a, b) => a - b)).toEqual([11, 12, 13]);
		server.done();
	});

	test('scrolling on past matches: ten pages without one give an empty list and a token, not "No webhook named like"', async () => {
		const many = Array.from({ length: 22_000 }, (_, i) => ({
			uuid: uuid(i + 1),
			name: `Hook ${i + 1}`,
		}));
		const server = collection('webhooks', many, 1000);
		// "Hook 2500" was found on page 3; pages 11 to 20 hold Hook 10001 to Hook 20000.
		expect(await search('searchWebhooks', 'Hook 2500', '11')).toEqual({
			results: [],
			paginationToken: '21',
		});
		server.done();
	});

	test('Sender names: the "No sender named like" line keeps an empty value, so choosing it sets no sender', async () => {
		const server = collection(
			'senders',
			Array.from({ length: 10_500 }, (_, i) => ({ uuid: uuid(i + 1), sender: `Shop${i + 1}` })),
			1000,
		);
		expect(await search('searchSenderNames', 'Nobody')).toEqual({
			results: [
				{
					name: 'No sender named like "Nobody" in the first 10,000',
					value: '',
					description: 'Type more of the name, or choose By ID',
				},
			],
		});
		server.done();
	});
});

describe('dropdowns', () => {
	test('contact groups load every page', async () => {
		const passona = new PassonaMock()
			.reply(
				'GET',
				'/contact-groups',
				200,
				page(
					'/contact-groups',
					[group({ uuid: uuid(1), name: 'A', number_of_contacts: 3 })],
					1,
					2,
					1,
				),
			)
			.reply(
				'GET',
				'/contact-groups',
				200,
				page('/contact-groups', [group({ uuid: uuid(2), name: 'B' })], 2, 2, 1),
			);
		const context = await loadOptionsContext({
			resource: 'contactGroup',
			operation: 'getUniqueContacts',
		});
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
		new PassonaMock().reply(
			'GET',
			'/webhooks',
			200,
			page(
				'/webhooks',
				[{ uuid: WEBHOOK_UUID, name: 'CRM', url: 'https://crm.example/hook', headers: {} }],
				1,
				1,
				15,
			),
		);
		const context = await loadOptionsContext({ resource: 'keyword', operation: 'create' });
		const load = (await passonaType()).methods!.loadOptions!.getWebhooks;
		expect(await load.call(context as unknown as ILoadOptionsFunctions)).toEqual([
			{ name: 'CRM', value: WEBHOOK_UUID, description: 'https://crm.example/hook' },
		]);
	});
});

describe('pickers with nothing to list say what to do, never an error', () => {
	const asEditor = (context: LoadOptionsContext) => context as unknown as ILoadOptionsFunctions;

	test('a group picker on a node whose credential n8n has not attached yet: one line, no request', async () => {
		const passona = new PassonaMock();
		const context = await loadOptionsContext({ resource: 'campaign', operation: 'create' });
		// What n8n 2.40 sends for a node just added after another one.
		delete (context as unknown as { node: INode }).node.credentials;
		const load = (await passonaType()).methods!.loadOptions!.getContactGroups;
		expect(await load.call(asEditor(context))).toEqual([
			{
				name: 'Choose a Passona credential above to list your contact groups',
				description:
					"Chosen already? n8n asked for this list before it attached the credential: choose Refresh List in this field's ⋮ menu",
				value: '',
				disabled: true,
			},
		]);
		expect(passona.requests).toEqual([]);
	});

	test('a wrong token in a group picker says what the template list says: 401, check the credential', async () => {
		new PassonaMock().reply('GET', '/contact-groups', 401, { message: 'Unauthenticated.' });
		const context = await loadOptionsContext({
			resource: 'contactGroup',
			operation: 'getUniqueContacts',
		});
		const load = (await passonaType()).methods!.loadOptions!.getContactGroups;
		expect(await load.call(asEditor(context))).toEqual([
			{
				name: '401 - Passona did not accept the API token',
				description:
					'Check the Passona API credential: the API Token may be mistyped or revoked, or meant for another Passona host (Base URL). Passona said: Unauthenticated.',
				value: '',
				disabled: true,
			},
		]);
	});

	test("no keywords: the trigger's list says to create one with Keyword → Create", async () => {
		new PassonaMock().reply('GET', '/keywords', 200, page('/keywords', [], 1, 1, 1000));
		const setup = await triggerSetup({ keywords: [] });
		const context = new LoadOptionsContext(
			setup.workflow,
			setup.node,
			setup.additionalData,
			'parameters',
		);
		const load = setup.nodeType.methods!.loadOptions!.getKeywords;
		expect(await load.call(asEditor(context))).toEqual([
			{
				name: 'No keywords in this Passona team yet',
				description:
					"Create one first with the Passona node's Keyword → Create (or in Passona), then choose Refresh List in this field's ⋮ menu",
				value: '',
				disabled: true,
			},
		]);
	});

	test('no webhooks: the same line, with Webhook → Create', async () => {
		new PassonaMock().reply('GET', '/webhooks', 200, page('/webhooks', [], 1, 1, 1000));
		const context = await loadOptionsContext({ resource: 'keyword', operation: 'create' });
		const load = (await passonaType()).methods!.loadOptions!.getWebhooks;
		expect(await load.call(asEditor(context))).toEqual([
			expect.objectContaining({
				name: 'No webhooks in this Passona team yet',
				description: expect.stringMatching(
					/^Create one first with the Passona node's Webhook → Create/,
				),
			}),
		]);
	});

	test('no templates: the From List picker says to create one with Template → Create; a filter that matches nothing stays empty', async () => {
		new PassonaMock()
			.reply('GET', '/templates', 200, page('/templates', [], 1, 1, 100))
			.reply('GET', '/templates', 200, page('/templates', [], 1, 1, 1000));
		const context = await loadOptionsContext({ resource: 'template', operation: 'get' });
		const search = (await passonaType()).methods!.listSearch!.searchTemplates;
		expect(await search.call(asEditor(context))).toEqual({
			results: [
				{
					name: "No templates in this Passona team yet: create one first with the Passona node's Template → Create (or in Passona), then choose Refresh List in this field's ⋮ menu",
					value: '',
				},
			],
		});
		expect(await search.call(asEditor(context), 'Offer')).toEqual({
			results: [],
			paginationToken: undefined,
		});
	});
});

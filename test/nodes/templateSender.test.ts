/** Every Template and Sender operation, run through n8n's engine against nock, exact requests and items. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { loadOptionsContext, passonaType, runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock, refusedBeforeSending, sentHeaders } from '../support/passonaMock';
import { page } from '../fixtures/passona';
import { byId, byUrl, fromList } from '../../harness/locators';
import {
	campaign,
	CAMPAIGN_UUID,
	sender,
	SENDER_UUID,
	template,
	TEMPLATE_UUID,
} from '../fixtures/sending';

const headers = sentHeaders(TOKEN);
const templatePath = `/templates/${TEMPLATE_UUID}`;
const senderPath = `/senders/${SENDER_UUID}`;

describe('Template', () => {
	test('Create sends name, body and the sender picked from the list', async () => {
		const passona = new PassonaMock().reply('POST', '/templates', 201, { data: template() });
		const { items, error } = await runPassona({
			parameters: {
				resource: 'template',
				operation: 'create',
				name: 'New Template',
				body: 'This is the content with a ::LINK:: OPTOUT',
				senderName: fromList('Digitonic'),
			},
		});
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([
			{
				method: 'POST',
				path: '/templates',
				query: {},
				headers,
				body: {
					name: 'New Template',
					body: 'This is the content with a ::LINK:: OPTOUT',
					sender: 'Digitonic',
				},
			},
		]);
		expect(items.map((item) => item.json)).toEqual([template()]);
	});

	test.each([
		[
			'161 GSM-7 characters',
			'x'.repeat(161),
			'"Body" is 161 characters long; one SMS holds 160 (it would need 2 parts)',
		],
		[
			'158 characters with three € (two each)',
			`${'x'.repeat(155)}€€€`,
			'"Body" is 161 characters long; one SMS holds 160 (it would need 2 parts)',
		],
		[
			'71 characters with an emoji',
			`${'x'.repeat(69)}😀`,
			'"Body" is 71 characters long and contains "😀", outside the standard SMS alphabet (GSM-7), so it is sent as Unicode (UCS-2), where one SMS holds 70 characters (it would need 2 parts)',
		],
		// Typed in the panel, the Body is the same for every item: its errors name no item (issue 21).
		['an empty body (mapped: the item is named)', '={{ "  " }}', '"Body" is empty [item 0]'],
	])('Create refuses %s before sending', async (_case, body, message) => {
		const error = await refusedBeforeSending({
			parameters: {
				resource: 'template',
				operation: 'create',
				name: 'Long',
				body,
				senderName: fromList('Digitonic'),
			},
		});
		expect(error.message).toBe(message);
	});

	test('Update sends only the fields added; a template locked by a sending campaign (423) is explained', async () => {
		const updated = template({ body: 'This is the updated body content with a ::LINK:: OPTOUT' });
		const passona = new PassonaMock()
			.reply('PUT', templatePath, 200, { data: updated })
			.reply('PUT', templatePath, 423, { message: 'Locked' });
		const parameters = {
			resource: 'template',
			operation: 'update',
			template: byUrl(`https://passona.co.uk/api/2.0/templates/${TEMPLATE_UUID}`),
			updateFields: {
				body: 'This is the updated body content with a ::LINK:: OPTOUT',
				sender: 'NewSend',
			},
		};
		const { items } = await runPassona({ parameters });
		expect(passona.requests).toEqual([
			{
				method: 'PUT',
				path: templatePath,
				query: {},
				headers,
				body: {
					body: 'This is the updated body content with a ::LINK:: OPTOUT',
					sender: 'NewSend',
				},
			},
		]);
		expect(items.map((item) => item.json)).toEqual([updated]);

		const { error } = await runPassona({ parameters });
		expect(error?.message).toBe(
			'The template is locked because a campaign using it is sending right now',
		);
		expect(error?.description).toMatch(/create a new template/);
	});

	test('Get, Preview and Delete', async () => {
		const preview = template({ body: 'Here is an example of a populated http://www.google.co.uk' });
		const passona = new PassonaMock()
			.reply('GET', templatePath, 200, { data: template() })
			.reply('GET', `${templatePath}/preview`, 200, { data: preview })
			.reply('DELETE', templatePath, 204);
		const got = await runPassona({
			parameters: { resource: 'template', operation: 'get', template: fromList(TEMPLATE_UUID) },
		});
		const previewed = await runPassona({
			parameters: { resource: 'template', operation: 'preview', template: byId(TEMPLATE_UUID) },
		});
		const deleted = await runPassona({
			parameters: { resource: 'template', operation: 'delete', template: byId(TEMPLATE_UUID) },
		});
		expect(passona.requests).toEqual([
			{ method: 'GET', path: templatePath, query: {}, headers, body: undefined },
			{ method: 'GET', path: `${templatePath}/preview`, query: {}, headers, body: undefined },
			{ method: 'DELETE', path: templatePath, query: {}, headers, body: undefined },
		]);
		expect(got.items.map((item) => item.json)).toEqual([template()]);
		expect(previewed.items.map((item) => item.json)).toEqual([preview]);
		expect(deleted.items.map((item) => item.json)).toEqual([
			{ deleted: true, uuid: TEMPLATE_UUID },
		]);
	});

	test('Get Many with Return All follows every page', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/templates', 200, page('/templates', [template({ name: 'A' })], 1, 2, 1))
			.reply('GET', '/templates', 200, page('/templates', [template({ name: 'B' })], 2, 2, 1));
		const { items } = await runPassona({
			parameters: { resource: 'template', operation: 'getAll', returnAll: true },
		});
		expect(passona.requests.map((request) => [request.path, request.query])).toEqual([
			['/templates', { page: '1', per_page: '1000' }],
			['/templates', { page: '2', per_page: '1000' }],
		]);
		expect(items.map((item) => item.json.name)).toEqual(['A', 'B']);
	});
});

describe('Sender', () => {
	test('Create, Update, Get, Delete and Get Many', async () => {
		const passona = new PassonaMock()
			.reply('POST', '/senders', 201, { data: sender() })
			.reply('PUT', senderPath, 200, { data: sender({ sender: 'NewSendUp' }) })
			.reply('GET', senderPath, 200, { data: sender({ sender: 'NewSendUp' }) })
			.reply('DELETE', senderPath, 204)
			.reply('GET', '/senders', 200, page('/senders', [sender()], 1, 1, 20));
		const created = await runPassona({
			parameters: { resource: 'sender', operation: 'create', senderText: ' NewSend ' },
		});
		const updated = await runPassona({
			parameters: {
				resource: 'sender',
				operation: 'update',
				sender: byUrl(`https://passona.co.uk/api/2.0/senders/${SENDER_UUID}`),
				senderText: 'NewSendUp',
			},
		});
		const got = await runPassona({
			parameters: { resource: 'sender', operation: 'get', sender: fromList(SENDER_UUID) },
		});
		const deleted = await runPassona({
			parameters: { resource: 'sender', operation: 'delete', sender: byId(SENDER_UUID) },
		});
		const listed = await runPassona({
			parameters: { resource: 'sender', operation: 'getAll', returnAll: false, limit: 5 },
		});
		expect(passona.requests).toEqual([
			{ method: 'POST', path: '/senders', query: {}, headers, body: { sender: 'NewSend' } },
			{ method: 'PUT', path: senderPath, query: {}, headers, body: { sender: 'NewSendUp' } },
			{ method: 'GET', path: senderPath, query: {}, headers, body: undefined },
			{ method: 'DELETE', path: senderPath, query: {}, headers, body: undefined },
			{
				method: 'GET',
				path: '/senders',
				query: { page: '1', per_page: '5' },
				headers,
				body: undefined,
			},
		]);
		expect(created.items.map((item) => item.json)).toEqual([sender()]);
		expect(updated.items[0].json.sender).toBe('NewSendUp');
		expect(got.items[0].json.sender).toBe('NewSendUp');
		expect(deleted.items.map((item) => item.json)).toEqual([{ deleted: true, uuid: SENDER_UUID }]);
		expect(listed.items.map((item) => item.json)).toEqual([sender()]);
	});

	test.each([
		[
			'2 characters',
			'AB',
			'"Sender" is 2 characters long ("AB"); a Passona sender has 3 to 11 characters [item 0]',
		],
		[
			'12 characters',
			'ABCDEFGHIJKL',
			'"Sender" is 12 characters long ("ABCDEFGHIJKL"); a Passona sender has 3 to 11 characters [item 0]',
		],
		['nothing', '={{ "" }}', '"Sender" is empty [item 0]'],
	])('Create refuses a sender of %s before sending', async (_case, senderText, message) => {
		const error = await refusedBeforeSending({
			parameters: { resource: 'sender', operation: 'create', senderText },
		});
		expect(error.message).toBe(message);
	});
});

describe('From List pickers of the sending resources', () => {
	async function search(name: string, parameters: Record<string, string>) {
		const context = await loadOptionsContext(parameters);
		const type = await passonaType();
		return await type.methods!.listSearch![name].call(
			context as unknown as ILoadOptionsFunctions,
			'new',
		);
	}

	// With a filter ('new'), a picker reads pages of 1,000 (it searches past page one).
	test('templates, campaigns and senders by ID; sender names by text', async () => {
		const passona = new PassonaMock()
			.reply(
				'GET',
				'/templates',
				200,
				page(
					'/templates',
					[template(), template({ uuid: CAMPAIGN_UUID, name: 'Other' })],
					1,
					1,
					100,
				),
			)
			.reply(
				'GET',
				'/campaigns',
				200,
				page('/campaigns', [campaign({ name: 'New year' })], 1, 1, 100),
			)
			.reply(
				'GET',
				'/senders',
				200,
				page('/senders', [sender(), sender({ uuid: CAMPAIGN_UUID, sender: '88440' })], 1, 1, 100),
			)
			.reply('GET', '/senders', 200, page('/senders', [sender()], 1, 1, 100));
		expect(await search('searchTemplates', { resource: 'template', operation: 'get' })).toEqual({
			results: [{ name: 'New Template', value: TEMPLATE_UUID }],
			paginationToken: undefined,
		});
		expect(await search('searchCampaigns', { resource: 'campaign', operation: 'delete' })).toEqual({
			results: [{ name: 'New year (2019-11-25 15:25:00)', value: CAMPAIGN_UUID }],
			paginationToken: undefined,
		});
		expect(await search('searchSenders', { resource: 'sender', operation: 'get' })).toEqual({
			results: [{ name: 'NewSend', value: SENDER_UUID }],
			paginationToken: undefined,
		});
		expect(
			await search('searchSenderNames', { resource: 'campaign', operation: 'create' }),
		).toEqual({
			results: [{ name: 'NewSend', value: 'NewSend' }],
			paginationToken: undefined,
		});
		expect(passona.requests.map((request) => [request.path, request.query])).toEqual([
			['/templates', { page: '1', per_page: '1000' }],
			['/campaigns', { page: '1', per_page: '1000' }],
			['/senders', { page: '1', per_page: '1000' }],
			['/senders', { page: '1', per_page: '1000' }],
		]);
	});
});

/** Every Campaign operation, run through n8n's engine against nock, exact requests and items. */
import type { INodeParameters } from 'n8n-workflow';
import { passonaNode, runNode, runPassona, TOKEN, workflowWith } from '../../harness/engine';
import { PassonaMock, refusedBeforeSending, sentHeaders } from '../support/passonaMock';
import { page } from '../fixtures/passona';
import { byId, byUrl, fromList } from '../../harness/locators';
import {
	campaign,
	campaignCreate,
	CAMPAIGN_UUID,
	createdUnread,
	groupsWithOptouts,
	INCLUDED_UUID,
	OPTOUTS_UUID,
	sentUnread,
	TEMPLATE_UUID,
} from '../fixtures/sending';

const headers = sentHeaders(TOKEN);
const campaignPath = `/campaigns/${CAMPAIGN_UUID}`;
const groupsLookup = {
	method: 'GET',
	path: '/contact-groups',
	query: { page: '1', per_page: '1000' },
	headers,
	body: undefined,
};

/** Runs the node in a workflow whose time zone is `timezone` (as set in n8n's workflow settings). */
async function runInZone(parameters: INodeParameters, timezone: string) {
	const node = passonaNode(parameters);
	const workflow = await workflowWith(node);
	Object.assign(workflow, { timezone });
	return await runNode(node, {}, {}, workflow);
}

const create = campaignCreate;

// 2026-11-23 12:00:00 UTC (GMT: London shows the same time).
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('Campaign', () => {
	let clock: jest.SpyInstance;
	beforeEach(() => {
		clock = jest.spyOn(Date, 'now').mockReturnValue(NOW);
	});
	afterEach(() => clock.mockRestore());

	test('Create at a date sends the SDK body, with opt-outs excluded by name and London times', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', '/campaigns', 201, { data: campaign() });
		const { items, error } = await runInZone(
			{
				...create,
				when: 'at',
				// Summer: 15:25 in London is 14:25 UTC; given in UTC, sent as London's wall clock.
				sendAt: '2027-07-01T14:25:00Z',
				expiry: 'at',
				expiresAt: '2027-07-31T15:25:00',
			},
			'Europe/London',
		);
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([
			groupsLookup,
			{
				method: 'POST',
				path: '/campaigns',
				query: {},
				headers,
				body: {
					name: 'SDK MADE',
					template_uuid: TEMPLATE_UUID,
					sender: 'Digitonic',
					included_contact_groups: [INCLUDED_UUID],
					excluded_contact_groups: [OPTOUTS_UUID],
					scheduled_send_date: '2027-07-01 15:25:00',
					expiry_date: '2027-07-31 15:25:00',
				},
			},
		]);
		expect(items.map((item) => item.json)).toEqual([createdUnread(campaign())]);
	});

	test('Send Now with the default expiry: now and two days on; a date without zone is read in the workflow zone', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', '/campaigns', 201, { data: campaign() });
		await runInZone({ ...create, when: 'now', excludedGroups: [OPTOUTS_UUID] }, 'America/New_York');
		expect(passona.requests[1].body).toMatchObject({
			scheduled_send_date: '2026-11-23 12:00:00',
			expiry_date: '2026-11-25 12:00:00',
			// already listed: not twice
			excluded_contact_groups: [OPTOUTS_UUID],
		});

		const second = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', '/campaigns', 201, { data: campaign() });
		// 09:00 in New York in winter is 14:00 in London.
		await runInZone(
			{ ...create, when: 'at', sendAt: '2026-12-01T09:00:00', expiryDays: 3 },
			'America/New_York',
		);
		expect(second.requests[1].body).toMatchObject({
			scheduled_send_date: '2026-12-01 14:00:00',
			expiry_date: '2026-12-04 14:00:00',
		});
	});

	test('Create with the opt-out switch off makes no lookup and excludes only what was chosen', async () => {
		const passona = new PassonaMock().reply('POST', '/campaigns', 201, {
			data: campaign({ excluded_contact_groups: [] }),
		});
		const { items } = await runPassona({ parameters: { ...create, excludeOptouts: false } });
		expect(passona.requests.map((request) => request.path)).toEqual(['/campaigns']);
		expect(passona.requests[0].body).toMatchObject({ excluded_contact_groups: [] });
		expect(items[0].json.excluded_contact_groups).toEqual([]);
	});

	test('Create finds default_optouts past the first page of groups, waiting as Passona asks after a 429', async () => {
		const passona = new PassonaMock()
			.reply(
				'GET',
				'/contact-groups',
				200,
				page('/contact-groups', [{ uuid: INCLUDED_UUID, name: 'Joiners' }], 1, 2, 1),
			)
			.reply(
				'GET',
				'/contact-groups',
				429,
				{ message: 'Too Many Attempts.' },
				{ 'Content-Type': 'application/json', 'Retry-After': '0' },
			)
			.reply(
				'GET',
				'/contact-groups',
				200,
				page('/contact-groups', [{ uuid: OPTOUTS_UUID, name: 'default_optouts' }], 2, 2, 1),
			)
			.reply('POST', '/campaigns', 201, { data: campaign() });
		const { error } = await runPassona({ parameters: create });
		expect(error).toBeUndefined();
		expect(
			passona.requests.map((request) => [request.method, request.path, request.query.page]),
		).toEqual([
			['GET', '/contact-groups', '1'],
			['GET', '/contact-groups', '2'],
			['GET', '/contact-groups', '2'],
			['POST', '/campaigns', undefined],
		]);
		expect(passona.requests[3].body).toMatchObject({ excluded_contact_groups: [OPTOUTS_UUID] });
	});

	test('a team without default_optouts is told so, and nothing is created', async () => {
		const passona = new PassonaMock().reply('GET', '/contact-groups', 200, {
			data: [{ uuid: INCLUDED_UUID, name: 'Joiners' }],
			links: { next: null },
		});
		const { error } = await runPassona({ parameters: create });
		expect(passona.requests.map((request) => request.path)).toEqual(['/contact-groups']);
		expect(error?.message).toBe('Passona has no "default_optouts" contact group in this team');
		expect(error?.description).toMatch(/Turn off "Exclude Opted-Out Contacts"/);
	});

	test('Update sends only the fields added, dates as London time', async () => {
		const updated = campaign({
			name: 'SDK MADE Update',
			scheduled_send_date: '2027-01-10 17:30:00',
		});
		const passona = new PassonaMock().reply('PUT', campaignPath, 200, { data: updated });
		const { items } = await runInZone(
			{
				resource: 'campaign',
				operation: 'update',
				campaign: byUrl(`https://passona.co.uk/api/2.0/campaigns/${CAMPAIGN_UUID}`),
				updateFields: {
					name: 'SDK MADE Update',
					sendAt: '2027-01-10T17:30:00',
					templateId: ` ${TEMPLATE_UUID.toUpperCase()} `,
				},
			},
			'Europe/London',
		);
		expect(passona.requests).toEqual([
			{
				method: 'PUT',
				path: campaignPath,
				query: {},
				headers,
				body: {
					name: 'SDK MADE Update',
					scheduled_send_date: '2027-01-10 17:30:00',
					template_uuid: TEMPLATE_UUID,
				},
			},
		]);
		expect(items.map((item) => item.json)).toEqual([updated]);
	});

	test('Update refuses a send date in the past before sending', async () => {
		const error = await refusedBeforeSending({
			parameters: {
				resource: 'campaign',
				operation: 'update',
				campaign: byId(CAMPAIGN_UUID),
				updateFields: { sendAt: '2026-11-23T11:00:00Z' },
			},
		});
		expect(error.message).toBe(
			'"Send At" is in the past (2026-11-23 11:00:00 London time) [item 0]',
		);
	});

	test('Update of a sending campaign (423) and of a sent one (422) are explained', async () => {
		new PassonaMock().reply('PUT', campaignPath, 423, { message: 'Locked' });
		const locked = await runPassona({
			parameters: {
				resource: 'campaign',
				operation: 'update',
				campaign: byId(CAMPAIGN_UUID),
				updateFields: { name: 'x' },
			},
		});
		expect(locked.error?.message).toBe(
			'The campaign is sending right now, so it cannot be changed or deleted',
		);
		expect(locked.error?.description).toMatch(/Try again when the campaign has finished/);

		new PassonaMock().reply('PUT', campaignPath, 422, {
			message: 'The scheduled send date must be a date after now.',
			errors: { scheduled_send_date: ['The scheduled send date must be a date after now.'] },
		});
		const late = await runPassona({
			parameters: {
				resource: 'campaign',
				operation: 'update',
				campaign: byId(CAMPAIGN_UUID),
				updateFields: { name: 'x' },
			},
		});
		expect(late.error?.message).toBe('Passona rejected the values sent');
		expect(late.error?.description).toMatch(
			/• The scheduled send date must be a date after now\.\nA campaign can be changed only before it starts sending/,
		);
	});

	test('Delete answers { deleted: true, uuid }; a sending campaign (423) is refused in plain words', async () => {
		const passona = new PassonaMock()
			.reply('DELETE', campaignPath, 204)
			.reply('DELETE', campaignPath, 423, { message: 'Locked' });
		const { items } = await runPassona({
			parameters: { resource: 'campaign', operation: 'delete', campaign: fromList(CAMPAIGN_UUID) },
		});
		expect(passona.requests).toEqual([
			{ method: 'DELETE', path: campaignPath, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, uuid: CAMPAIGN_UUID }]);
		const { error } = await runPassona({
			parameters: { resource: 'campaign', operation: 'delete', campaign: byId(CAMPAIGN_UUID) },
		});
		expect(error?.message).toBe(
			'The campaign is sending right now, so it cannot be changed or deleted',
		);
	});

	test('Get Many with Limit pages /campaigns', async () => {
		const all = [campaign({ name: 'A' }), campaign({ name: 'B' }), campaign({ name: 'C' })];
		const passona = new PassonaMock().reply(
			'GET',
			'/campaigns',
			200,
			page('/campaigns', all, 1, 1, 20),
		);
		const { items } = await runPassona({
			parameters: { resource: 'campaign', operation: 'getAll', returnAll: false, limit: 2 },
		});
		expect(passona.requests).toEqual([
			{
				method: 'GET',
				path: '/campaigns',
				query: { page: '1', per_page: '2' },
				headers,
				body: undefined,
			},
		]);
		expect(items.map((item) => item.json.name)).toEqual(['A', 'B']);
	});

	test('Send Test sends one normalised number with the custom fields, and outputs the campaign record', async () => {
		const record = campaign({
			name: 'Welcome',
			scheduled_send_date: '2026-11-23 12:00:00',
			expiry_date: '2026-11-25 12:00:00',
		});
		const passona = new PassonaMock().reply('POST', '/campaigns/send-test', 200, { data: record });
		const { items, error } = await runPassona({
			parameters: {
				resource: 'campaign',
				operation: 'sendTest',
				phoneNumber: '+44 7758 741254',
				template: byId(TEMPLATE_UUID),
				senderName: { __rl: true, mode: 'name', value: ' Digitonic ' },
				name: 'Welcome',
				customFields: {
					field: [
						{ name: 'first_name', value: 'John' },
						{ name: 'last_name', value: 'Doe' },
					],
				},
			},
		});
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([
			{
				method: 'POST',
				path: '/campaigns/send-test',
				query: {},
				headers,
				body: {
					name: 'Welcome',
					template_uuid: TEMPLATE_UUID,
					sender: 'Digitonic',
					contact_number: '447758741254',
					custom_fields: { first_name: 'John', last_name: 'Doe' },
				},
			},
		]);
		expect(items.map((item) => item.json)).toEqual([
			sentUnread(record, '447758741254', { first_name: 'John', last_name: 'Doe' }),
		]);
	});

	test('Send Test checks its custom fields as Add Contacts does: a name of 256 characters is refused', async () => {
		const error = await refusedBeforeSending({
			parameters: {
				resource: 'campaign',
				operation: 'sendTest',
				phoneNumber: '+44 7758 741254',
				template: byId(TEMPLATE_UUID),
				senderName: { __rl: true, mode: 'name', value: 'Digitonic' },
				name: 'Welcome',
				customFields: { field: [{ name: 'f'.repeat(256), value: 'v' }] },
			},
		});
		expect(error.message).toBe(
			`"Custom Fields" has custom field "${'f'.repeat(40)}..." with a name of 256 characters; at most 255 are allowed [item 0]`,
		);
	});

	test('Send Test with Continue On Fail: a bad number becomes an error item, the others are sent', async () => {
		const passona = new PassonaMock()
			.reply('POST', '/campaigns/send-test', 200, { data: campaign({ name: 'a' }) })
			.reply('POST', '/campaigns/send-test', 200, { data: campaign({ name: 'c' }) });
		const { items, error } = await runPassona({
			parameters: {
				resource: 'campaign',
				operation: 'sendTest',
				phoneNumber: '={{ $json.phone }}',
				template: byId(TEMPLATE_UUID),
				senderName: { __rl: true, mode: 'name', value: 'Digitonic' },
				name: 'Welcome',
			},
			items: [{ phone: '447700900001' }, { phone: 'call me' }, { phone: '447700900003' }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		// n8n sends the items' requests at once: they may arrive in any order.
		expect(
			passona.requests
				.map((request) => (request.body as { contact_number: string }).contact_number)
				.sort(),
		).toEqual(['447700900001', '447700900003']);
		expect(items).toHaveLength(3);
		expect(items[1].json.error).toMatch(
			/^"Phone Number" contains "call me", which is not a phone number/,
		);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	test.each([
		[
			'a sender of 2 characters',
			{ senderName: { __rl: true, mode: 'name', value: '={{ "AB" }}' } },
			'"Sender" is 2 characters long ("AB"); a Passona sender has 3 to 11 characters [item 0]',
		],
		[
			'a sender of 12 characters',
			{ senderName: { __rl: true, mode: 'name', value: '={{ "TwelveLetter" }}' } },
			'"Sender" is 12 characters long ("TwelveLetter"); a Passona sender has 3 to 11 characters [item 0]',
		],
		[
			'no groups to send to',
			{ includedGroups: '={{ [] }}' },
			'"Send to Groups" is empty: choose at least one [item 0]',
		],
		[
			'a send date in the past',
			{ when: 'at', sendAt: '2026-11-22T12:00:00Z' },
			'"Send At" is in the past (2026-11-22 12:00:00 London time) [item 0]',
		],
		[
			'a send date that is not a date',
			{ when: 'at', sendAt: 'next tuesday' },
			'"Send At" is not a date: "next tuesday" [item 0]',
		],
		[
			'an expiry before the send date',
			{ when: 'now', expiry: 'at', expiresAt: '2026-11-23T11:00:00Z' },
			'"Expires At" (2026-11-23 11:00:00) is not after the send date (2026-11-23 12:00:00), London time [item 0]',
		],
		[
			'an expiry of 0 days',
			{ expiryDays: 0 },
			'"Expires After (Days)" must be a whole number of days from 1 to 365, got 0 [item 0]',
		],
		[
			'a template ID that is not a UUID',
			{ template: byId('={{ "template-1" }}') },
			'"Template" is not a valid Passona ID: "template-1" [item 0]',
		],
	])('Create refuses %s before sending anything', async (_case, fields, message) => {
		// With the opt-out switch on (the default), its lookup is not made either.
		const error = await refusedBeforeSending({ parameters: { ...create, ...fields } });
		expect(error.message).toBe(message);
		// An input error, as n8n shows one: not "From Passona" with "Error code: none".
		expect(error.name).toBe('NodeOperationError');
		expect((error as { httpCode?: string | null }).httpCode ?? null).toBeNull();
	});
});

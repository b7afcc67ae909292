/** Every Campaign operation, run through n8n's engine against nock, exact requests and items. */
import type { INodeParameters } from 'n8n-workflow';
import { passonaNode, runNode, runPassona, TOKEN, workflowWith } from '../../harness/engine';
import { PassonaMock, refusedBeforeSending, sentHeaders } from '../support/passonaMock';
import { useFixedNow } from '../support/fakeTime';
import { page } from '../fixtures/passona';
import { byId, byUrl, fromList } from '../../harness/locators';
import {
	campaign,
	CAMPAIGN_UUID,
	campaignCreate,
	createdUnread,
	GROUPS_LOOKUP,
	groupsWithOptouts,
	INCLUDED_UUID,
	OPTOUTS_UUID,
	sentUnread,
	TEMPLATE_UUID,
} from '../fixtures/sending';

const headers = sentHeaders(TOKEN);
const campaignPath = `/campaigns/${CAMPAIGN_UUID}`;

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
	const clock = useFixedNow(NOW);

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
			GROUPS_LOOKUP,
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
		// Passona's answer, and its two dates with London's zone then.
		expect(items.map((item) => item.json)).toEqual([
			{
				...createdUnread(campaign()),
				london_time: {
					send_at: '2019-11-25 15:25:00 GMT',
					expires_at: '2019-12-26 15:25:00 GMT',
				},
			},
		]);
	});

	test('Send Now with the default expiry: now and two days on, whatever the zones', async () => {
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
	});

	test('a time typed without zone is UK time, whatever the workflow zone (n8n: America/New_York unless changed); the output shows it on London time', async () => {
		const answer = campaign({
			scheduled_send_date: '2026-12-05 10:00:00',
			expiry_date: '2027-06-07 10:00:00',
		});
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', '/campaigns', 201, { data: answer });
		// Issue 21: typed as 10:00 in the date picker, sent at 15:00 London time.
		const { items } = await runInZone(
			{
				...create,
				when: 'at',
				sendAt: '2026-12-05T10:00:00',
				expiry: 'at',
				expiresAt: '2027-06-07T10:00:00',
			},
			'America/New_York',
		);
		expect(passona.requests[1].body).toMatchObject({
			scheduled_send_date: '2026-12-05 10:00:00',
			expiry_date: '2027-06-07 10:00:00',
		});
		expect(items[0].json.london_time).toEqual({
			send_at: '2026-12-05 10:00:00 GMT',
			expires_at: '2027-06-07 10:00:00 BST',
		});
	});

	test.each([
		// 09:00 in New York in winter is 14:00 in London.
		['workflow', 'America/New_York', '2026-12-01 14:00:00'],
		['Europe/Paris', 'America/New_York', '2026-12-01 08:00:00'],
		['=Asia/Kolkata', 'UTC', '2026-12-01 03:30:00'],
	])('Time Zone %s (workflow zone %s): 09:00 is sent as %s', async (timeZone, zone, london) => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', '/campaigns', 201, { data: campaign() });
		await runInZone(
			{ ...create, when: 'at', sendAt: '2026-12-01T09:00:00', expiryDays: 3, timeZone },
			zone,
		);
		expect(passona.requests[1].body).toMatchObject({ scheduled_send_date: london });
	});

	test('the hour London shows twice: a time Passona would read an hour later is refused; the second pass is sent', async () => {
		// 2027-10-31: London's clock shows 01:00 to 01:59 at 00:00 UTC (BST), then at 01:00 UTC (GMT).
		for (const sendAt of ['2027-10-31T00:30:00Z', '2027-10-31T01:30:00']) {
			const error = await refusedBeforeSending({
				parameters: { ...create, when: 'at', sendAt },
			});
			expect(error.message).toMatch(
				/^"Send At" \((2027-10-31T00:30:00Z, which is )?2027-10-31 01:30:00 London time\) falls in the hour London's clock shows twice as the clocks go back, the first time \(BST\): Passona would read 2027-10-31 01:30:00 as the second time \(GMT\), an hour later \[item 0\]$/,
			);
			expect(error.description).toBe(
				'Choose a time before 01:00 or from 02:00 London time that morning. For the second 01:30:00 (GMT), write 2027-10-31T01:30:00Z.',
			);
		}
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', '/campaigns', 201, { data: campaign() });
		await runPassona({
			parameters: { ...create, when: 'at', sendAt: '2027-10-31T01:30:00Z', expiryDays: 1 },
		});
		expect(passona.requests[1].body).toMatchObject({
			scheduled_send_date: '2027-10-31 01:30:00',
			expiry_date: '2027-11-01 01:30:00',
		});
	});

	test('Send Now in the first pass of the hour London shows twice is refused; in the second it sends', async () => {
		clock().mockReturnValue(Date.parse('2026-10-25T00:30:00Z'));
		const error = await refusedBeforeSending({ parameters: { ...create, when: 'now' } });
		expect(error.message).toBe(
			'"When" is Send Now in the hour London\'s clock shows twice as the clocks go back (now 2026-10-25 01:30:00 BST): Passona would read that time as the second 01:30:00 (GMT) and send an hour late [item 0]',
		);
		clock().mockReturnValue(Date.parse('2026-10-25T01:30:00Z'));
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', '/campaigns', 201, { data: campaign() });
		await runPassona({ parameters: { ...create, when: 'now' } });
		expect(passona.requests[1].body).toMatchObject({
			scheduled_send_date: '2026-10-25 01:30:00',
			expiry_date: '2026-10-27 01:30:00',
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

	test('Update sends only the fields added, dates as London time (UK time unless Time Zone says otherwise)', async () => {
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
			'America/New_York',
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
		expect(items.map((item) => item.json)).toEqual([
			{
				...updated,
				london_time: {
					send_at: '2027-01-10 17:30:00 GMT',
					expires_at: '2019-12-26 15:25:00 GMT',
				},
			},
		]);

		// In the workflow's zone when chosen: 12:30 in New York is 17:30 in London.
		const inNewYork = new PassonaMock().reply('PUT', campaignPath, 200, { data: updated });
		await runInZone(
			{
				resource: 'campaign',
				operation: 'update',
				campaign: byId(CAMPAIGN_UUID),
				updateFields: { sendAt: '2027-01-10T12:30:00', expiresAt: '2027-01-11T12:30:00' },
				timeZone: 'workflow',
			},
			'America/New_York',
		);
		expect(inNewYork.requests[0].body).toEqual({
			scheduled_send_date: '2027-01-10 17:30:00',
			expiry_date: '2027-01-11 17:30:00',
		});
	});

	test('Update refuses a send date in the past before sending, showing it as typed and on London time', async () => {
		const inNewYork = passonaNode({
			resource: 'campaign',
			operation: 'update',
			campaign: byId(CAMPAIGN_UUID),
			updateFields: { sendAt: '2026-11-23T06:30:00' },
			timeZone: 'workflow',
		});
		const workflow = await workflowWith(inNewYork);
		Object.assign(workflow, { timezone: 'America/New_York' });
		const { error: typed } = await runNode(inNewYork, {}, {}, workflow);
		expect(typed?.message).toBe(
			'"Send At" is in the past (2026-11-23 06:30:00 in America/New_York, which is 2026-11-23 11:30:00 London time) [item 0]',
		);
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
			'"Send At" is in the past (2026-11-23T11:00:00Z, which is 2026-11-23 11:00:00 London time) [item 0]',
		);
	});

	test.each([
		['a send date in the past', { sendAt: '2026-11-23T11:00:00Z' }, {}, '"Send At" is in the past'],
		[
			'a send date in a time zone that is no zone',
			{ sendAt: '2099-01-01T10:00:00' },
			{ timeZone: 'Mars/Olympus' },
			'"Time Zone"',
		],
		[
			'a switch that is neither on nor off',
			{},
			{ excludeOptouts: '={{ "maybe" }}' },
			'"Exclude Opted-Out Contacts"',
		],
		['a sender of 2 characters', { sender: 'AB' }, {}, '"Sender"'],
	])(
		'Update with a new Exclude Groups list and %s is refused before any request, the opt-out lookup included',
		async (_case, fields, parameters, message) => {
			const error = await refusedBeforeSending({
				parameters: {
					resource: 'campaign',
					operation: 'update',
					campaign: byId(CAMPAIGN_UUID),
					updateFields: { excludedGroups: [INCLUDED_UUID], ...fields },
					...parameters,
				},
			});
			expect(error.message).toContain(message);
		},
	);

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
			{ when: 'at', sendAt: '2026-11-22 12:00' },
			'"Send At" is in the past (2026-11-22 12:00:00 London time) [item 0]',
		],
		[
			'a send date in the past, typed in the workflow zone',
			{ when: 'at', sendAt: '2026-11-23T06:30:00', timeZone: 'workflow' },
			'"Send At" is in the past (2026-11-23 06:30:00 in America/New_York, which is 2026-11-23 11:30:00 London time) [item 0]',
		],
		[
			'a Time Zone that is not one',
			{ when: 'at', sendAt: '2026-12-01T09:00:00', timeZone: '=Mars/Olympus' },
			'"Time Zone" is not a time zone: "Mars/Olympus" [item 0]',
		],
		[
			'a send date that is not a date',
			{ when: 'at', sendAt: 'next tuesday' },
			'"Send At" is not a date: "next tuesday" [item 0]',
		],
		[
			'an expiry before the send date',
			{ when: 'now', expiry: 'at', expiresAt: '2026-11-23T11:00:00Z' },
			'"Expires At" (2026-11-23T11:00:00Z, which is 2026-11-23 11:00:00 London time) is not after the send date (now, which is 2026-11-23 12:00:00 London time) [item 0]',
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

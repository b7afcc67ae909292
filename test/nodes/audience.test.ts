/**
 * Knowing the audience before sending, through n8n's engine against nock: Campaign → Get Audience
 * and Campaign Create's Maximum Recipients guard, exact requests and items.
 */
import { runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock, refusedBeforeSending, sentHeaders } from '../support/passonaMock';
import { page } from '../fixtures/passona';
import {
	campaign,
	campaignCreate,
	createdUnread,
	GROUPS_LOOKUP,
	groupsWithOptouts,
	INCLUDED_UUID,
	OPTOUTS_UUID,
	STAFF_UUID,
} from '../fixtures/sending';

const headers = sentHeaders(TOKEN);
const UNIQUE = '/contact-groups/unique-contacts';
const contacts = (...numbers: string[]) =>
	numbers.map((phone_number) => ({ phone_number, created_at: '2026-01-01 10:00:00' }));
/** unique-contacts as Passona documents it: `data` alone, not paged. */
const audience = (...numbers: string[]) => ({ data: contacts(...numbers) });
const uniqueRequest = (excluded: string[]) => ({
	method: 'POST',
	path: UNIQUE,
	query: { page: '1', per_page: '1000' },
	headers,
	body: { included_contact_group_uuids: [INCLUDED_UUID], excluded_contact_group_uuids: excluded },
});

const getAudience = {
	resource: 'campaign',
	operation: 'getAudience',
	includedGroups: [INCLUDED_UUID],
	excludedGroups: [STAFF_UUID],
	limit: 2,
};

describe('Campaign → Get Audience', () => {
	test('counts everyone reached and lists the numbers up to the Limit, opt-outs excluded as Create excludes them', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', UNIQUE, 200, audience('447700900001', '447700900002', '447700900003'));
		const { items, error } = await runPassona({ parameters: getAudience });
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([GROUPS_LOOKUP, uniqueRequest([STAFF_UUID, OPTOUTS_UUID])]);
		expect(items).toEqual([
			{
				json: {
					count: 3,
					included_contact_groups: [INCLUDED_UUID],
					excluded_contact_groups: [STAFF_UUID, OPTOUTS_UUID],
					phone_numbers: ['447700900001', '447700900002'],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Return All lists every number; with the opt-out switch off there is no lookup', async () => {
		const passona = new PassonaMock().reply(
			'POST',
			UNIQUE,
			200,
			audience('447700900001', '447700900002', '447700900003'),
		);
		const { items } = await runPassona({
			parameters: { ...getAudience, returnAll: true, excludeOptouts: false },
		});
		expect(passona.requests).toEqual([uniqueRequest([STAFF_UUID])]);
		expect(items[0].json).toMatchObject({
			count: 3,
			phone_numbers: ['447700900001', '447700900002', '447700900003'],
		});
	});

	test('a paged answer is read to the end: the count is never that of a first page', async () => {
		const passona = new PassonaMock()
			.reply('POST', UNIQUE, 200, page(UNIQUE, contacts('447700900001', '447700900002'), 1, 2, 2))
			.reply('POST', UNIQUE, 200, page(UNIQUE, contacts('447700900003'), 2, 2, 2));
		const { items } = await runPassona({
			parameters: { ...getAudience, excludeOptouts: false, limit: 1 },
		});
		expect(passona.requests.map((request) => request.query.page)).toEqual(['1', '2']);
		expect(items[0].json).toMatchObject({ count: 3, phone_numbers: ['447700900001'] });
	});

	test('an empty audience is a count of 0', async () => {
		new PassonaMock().reply('POST', UNIQUE, 200, audience());
		const { items } = await runPassona({ parameters: { ...getAudience, excludeOptouts: false } });
		expect(items[0].json).toMatchObject({ count: 0, phone_numbers: [] });
	});

	test.each([
		[
			'no groups to send to',
			{ includedGroups: '={{ [] }}' },
			'"Send to Groups" is empty: choose at least one [item 0]',
		],
		[
			'an excluded group that is not an ID',
			{ excludedGroups: '={{ ["Staff"] }}' },
			'"Exclude Groups" is not a valid Passona ID: "Staff" [item 0]',
		],
		['a Limit of 0', { limit: 0 }, '"Limit" must be a whole number of 1 or more, got 0 [item 0]'],
	])(
		'refuses %s before any request (the opt-out lookup included)',
		async (_case, fields, message) => {
			const error = await refusedBeforeSending({ parameters: { ...getAudience, ...fields } });
			expect(error.message).toBe(message);
		},
	);

	test('an answer whose entries have no phone number is not understood', async () => {
		new PassonaMock().reply('POST', UNIQUE, 200, { data: [{ created_at: 'x' }] });
		const { error } = await runPassona({ parameters: { ...getAudience, excludeOptouts: false } });
		expect(error?.message).toBe('Passona sent an answer this node does not understand');
		expect(error?.description).toContain('An entry of the unique contacts had no "phone_number"');
	});
});

describe('Campaign Create → Maximum Recipients', () => {
	const guarded = (maxRecipients: string | number) => ({
		...campaignCreate,
		options: { maxRecipients },
	});

	test('an audience larger than the maximum refuses the item, with the count, and creates nothing', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', UNIQUE, 200, audience('447700900001', '447700900002', '447700900003'));
		const { error } = await runPassona({ parameters: guarded(2) });
		expect(passona.requests).toEqual([GROUPS_LOOKUP, uniqueRequest([OPTOUTS_UUID])]);
		expect(error?.message).toBe(
			'The campaign would reach 3 people, more than the Maximum Recipients of 2: it was not created [item 0]',
		);
		expect(error?.description).toMatch(/Campaign → Get Audience/);
		expect(error?.name).toBe('NodeOperationError');
	});

	test('counts are written as people read them', async () => {
		const many = Array.from({ length: 50_000 }, (_, n) => String(447000000000 + n));
		new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', UNIQUE, 200, audience(...many));
		const { error } = await runPassona({ parameters: guarded(1000) });
		expect(error?.message).toBe(
			'The campaign would reach 50,000 people, more than the Maximum Recipients of 1,000: it was not created [item 0]',
		);
	});

	test('an audience within the maximum is created, with the body Create always sends', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', UNIQUE, 200, audience('447700900001', '447700900002'))
			.reply('POST', '/campaigns', 201, { data: campaign() });
		const { items, error } = await runPassona({ parameters: guarded(2) });
		expect(error).toBeUndefined();
		expect(passona.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /contact-groups',
			`POST ${UNIQUE}`,
			'POST /campaigns',
		]);
		expect(passona.requests[2].body).toMatchObject({
			included_contact_groups: [INCLUDED_UUID],
			excluded_contact_groups: [OPTOUTS_UUID],
		});
		expect(items.map((item) => item.json)).toEqual([createdUnread(campaign())]);
	});

	test('without the option nothing is counted', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', '/campaigns', 201, { data: campaign() });
		const { error } = await runPassona({ parameters: { ...campaignCreate, options: {} } });
		expect(error?.message).toBeUndefined();
		expect(passona.requests.map((request) => request.path)).toEqual([
			'/contact-groups',
			'/campaigns',
		]);
	});

	test.each([
		[0, '"Maximum Recipients" must be a whole number of 1 or more, got 0 [item 0]'],
		[
			'={{ "many" }}',
			'"Maximum Recipients" must be a whole number of 1 or more, got many [item 0]',
		],
		[2.5, '"Maximum Recipients" must be a whole number of 1 or more, got 2.5 [item 0]'],
	])('a Maximum Recipients of %p is refused before any request', async (value, message) => {
		const error = await refusedBeforeSending({ parameters: guarded(value) });
		expect(error.message).toBe(message);
	});

	test('with On Error → Continue, the item over its maximum becomes an error item and the other is created', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', UNIQUE, 200, audience('447700900001', '447700900002'))
			.reply('POST', UNIQUE, 200, audience('447700900001', '447700900002'))
			.reply('POST', '/campaigns', 201, { data: campaign() });
		const { items, error } = await runPassona({
			parameters: guarded('={{ $json.max }}'),
			items: [{ max: 1 }, { max: 5 }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(passona.requests.filter((request) => request.path === '/campaigns')).toHaveLength(1);
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toBe(
			'The campaign would reach 2 people, more than the Maximum Recipients of 1: it was not created [item 0]',
		);
		expect(items[1].json).toEqual(createdUnread(campaign()));
	});
});

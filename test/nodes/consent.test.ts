/**
 * Opted-out people stay out on every path, through n8n's engine against nock: exact requests for
 * Campaign Update, Contact → Sync Groups and the opt-out lookup of Campaign Create.
 */
import { runPassona, TOKEN } from '../../harness/engine';
import { byId } from '../../harness/locators';
import { PassonaMock, sentHeaders } from '../support/passonaMock';
import { useFixedNow } from '../support/fakeTime';
import { page } from '../fixtures/passona';
import {
	campaign,
	CAMPAIGN_UUID,
	campaignCreate,
	GROUPS_LOOKUP,
	groupsWithOptouts,
	INCLUDED_UUID,
	OPTOUTS_UUID,
	STAFF_UUID,
} from '../fixtures/sending';

const headers = sentHeaders(TOKEN);
const DECOY_UUID = '0d4c8f2a-3b1e-4a5c-8d9f-1e2a3b4c5d6e';
const groupsPage = (groups: unknown[]) => page('/contact-groups', groups, 1, 1, 1000);

// 2026-11-23 12:00:00 UTC.
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
useFixedNow(NOW);

describe('Campaign → Update keeps the opt-out group excluded', () => {
	const update = {
		resource: 'campaign',
		operation: 'update',
		campaign: byId(CAMPAIGN_UUID),
		updateFields: { excludedGroups: [STAFF_UUID] },
	};

	test('a new Exclude Contact Groups list gets default_optouts added (found as Create finds it)', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('PUT', `/campaigns/${CAMPAIGN_UUID}`, 200, {
				data: campaign({ excluded_contact_groups: [STAFF_UUID, OPTOUTS_UUID] }),
			});
		const { items, error } = await runPassona({ parameters: update });
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([
			GROUPS_LOOKUP,
			{
				method: 'PUT',
				path: `/campaigns/${CAMPAIGN_UUID}`,
				query: {},
				headers,
				body: { excluded_contact_groups: [STAFF_UUID, OPTOUTS_UUID] },
			},
		]);
		expect(items.map((item) => item.json.excluded_contact_groups)).toEqual([
			[STAFF_UUID, OPTOUTS_UUID],
		]);
	});

	test('an emptied list still excludes default_optouts', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('PUT', `/campaigns/${CAMPAIGN_UUID}`, 200, { data: campaign() });
		await runPassona({ parameters: { ...update, updateFields: { excludedGroups: [] } } });
		expect(passona.requests[1].body).toEqual({ excluded_contact_groups: [OPTOUTS_UUID] });
	});

	test('with the switch off, exactly the groups chosen, and no lookup', async () => {
		const passona = new PassonaMock().reply('PUT', `/campaigns/${CAMPAIGN_UUID}`, 200, {
			data: campaign({ excluded_contact_groups: [STAFF_UUID] }),
		});
		await runPassona({ parameters: { ...update, excludeOptouts: false } });
		expect(passona.requests.map((request) => [request.method, request.body])).toEqual([
			['PUT', { excluded_contact_groups: [STAFF_UUID] }],
		]);
	});

	test('an update that leaves the excluded groups alone makes no lookup', async () => {
		const passona = new PassonaMock().reply('PUT', `/campaigns/${CAMPAIGN_UUID}`, 200, {
			data: campaign({ name: 'Renamed' }),
		});
		await runPassona({ parameters: { ...update, updateFields: { name: 'Renamed' } } });
		expect(passona.requests.map((request) => [request.method, request.body])).toEqual([
			['PUT', { name: 'Renamed' }],
		]);
	});

	test('a bad excluded group is refused before the lookup', async () => {
		const passona = new PassonaMock();
		const { error } = await runPassona({
			parameters: { ...update, updateFields: { excludedGroups: ['Staff'] } },
		});
		expect(error?.message).toBe('"Exclude Groups" is not a valid Passona ID: "Staff" [item 0]');
		expect(passona.requests).toEqual([]);
	});
});

describe('the opt-out lookup excludes every group named default_optouts', () => {
	test('a decoy listed first and the team’s own group are both excluded', async () => {
		const passona = new PassonaMock()
			.reply(
				'GET',
				'/contact-groups',
				200,
				groupsPage([
					{ uuid: DECOY_UUID, name: 'default_optouts' },
					{ uuid: INCLUDED_UUID, name: 'Joiners' },
					{ uuid: OPTOUTS_UUID.toUpperCase(), name: 'default_optouts' },
				]),
			)
			.reply('POST', '/campaigns', 201, { data: campaign() });
		const { error } = await runPassona({ parameters: campaignCreate });
		expect(error).toBeUndefined();
		expect(passona.requests[1].body).toMatchObject({
			excluded_contact_groups: [DECOY_UUID, OPTOUTS_UUID],
		});
	});

	test.each([
		['an empty ID', '', 'empty text'],
		['no ID', undefined, 'nothing'],
		['an ID that is not a UUID', 'optouts', '"optouts"'],
	])(
		'a default_optouts group with %s is refused with words, and nothing is created',
		async (_case, uuid, shown) => {
			const passona = new PassonaMock().reply(
				'GET',
				'/contact-groups',
				200,
				// Listed first, it was the one the lookup took and posted (an empty ID as "").
				groupsPage([
					{ uuid, name: 'default_optouts' },
					{ uuid: OPTOUTS_UUID, name: 'default_optouts' },
				]),
			);
			const { error } = await runPassona({ parameters: campaignCreate });
			expect(passona.requests.map((request) => request.method)).toEqual(['GET']);
			expect(error?.message).toBe('Passona sent an answer this node does not understand');
			expect(error?.description).toContain(
				`Passona listed a "default_optouts" contact group whose ID is ${shown}, not a Passona ID, so the people who opted out could not be left out: nothing was sent`,
			);
		},
	);

	test('every page is read, even after a default_optouts group was found', async () => {
		const passona = new PassonaMock()
			.reply(
				'GET',
				'/contact-groups',
				200,
				page('/contact-groups', [{ uuid: OPTOUTS_UUID, name: 'default_optouts' }], 1, 2, 1),
			)
			.reply(
				'GET',
				'/contact-groups',
				200,
				page('/contact-groups', [{ uuid: DECOY_UUID, name: 'default_optouts' }], 2, 2, 1),
			)
			.reply('POST', '/campaigns', 201, { data: campaign() });
		await runPassona({ parameters: campaignCreate });
		expect(passona.requests.map((request) => request.query.page ?? request.method)).toEqual([
			'1',
			'2',
			'POST',
		]);
		expect(passona.requests[2].body).toMatchObject({
			excluded_contact_groups: [OPTOUTS_UUID, DECOY_UUID],
		});
	});
});

describe('Contact → Sync Groups keeps an opted-out number opted out', () => {
	const sync = {
		resource: 'contact',
		operation: 'syncGroups',
		phoneNumber: '07700 900123',
		contactGroups: [INCLUDED_UUID],
	};
	const optoutsPath = `/contact-groups/${OPTOUTS_UUID}/list-contacts`;
	const contacts = (...numbers: string[]) =>
		page(
			optoutsPath,
			numbers.map((phone_number) => ({ phone_number, created_at: '2026-01-01 10:00:00' })),
			1,
			1,
			1000,
		);

	test('a number in default_optouts is synced with that group kept, and the output says so', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('GET', optoutsPath, 200, contacts('447700900999', '447700900123'))
			.reply('POST', '/contact/sync/groups', 200, []);
		const { items, error } = await runPassona({ parameters: sync });
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([
			GROUPS_LOOKUP,
			{ ...GROUPS_LOOKUP, path: optoutsPath },
			{
				method: 'POST',
				path: '/contact/sync/groups',
				query: {},
				headers,
				body: { contact: '447700900123', groups: [INCLUDED_UUID, OPTOUTS_UUID] },
			},
		]);
		expect(items.map((item) => item.json)).toEqual([
			{ contact: '447700900123', groups: [INCLUDED_UUID, OPTOUTS_UUID] },
		]);
	});

	test('a number that never opted out is synced to exactly the groups chosen', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('GET', optoutsPath, 200, contacts('447700900999'))
			.reply('POST', '/contact/sync/groups', 200, []);
		const { items } = await runPassona({ parameters: sync });
		expect(passona.requests[2].body).toEqual({
			contact: '447700900123',
			groups: [INCLUDED_UUID],
		});
		expect(items[0].json).toEqual({ contact: '447700900123', groups: [INCLUDED_UUID] });
	});

	test('default_optouts chosen among the groups needs no lookup of its contacts', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', '/contact/sync/groups', 200, []);
		await runPassona({ parameters: { ...sync, contactGroups: [OPTOUTS_UUID, INCLUDED_UUID] } });
		expect(passona.requests.map((request) => request.path)).toEqual([
			'/contact-groups',
			'/contact/sync/groups',
		]);
	});

	test('Keep Opt-Out off: no lookup, exactly the groups chosen (the number leaves default_optouts)', async () => {
		const passona = new PassonaMock().reply('POST', '/contact/sync/groups', 200, []);
		await runPassona({ parameters: { ...sync, keepOptout: false } });
		expect(passona.requests.map((request) => [request.path, request.body])).toEqual([
			['/contact/sync/groups', { contact: '447700900123', groups: [INCLUDED_UUID] }],
		]);
	});

	test('a team without default_optouts syncs as asked', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsPage([{ uuid: INCLUDED_UUID, name: 'Joiners' }]))
			.reply('POST', '/contact/sync/groups', 200, []);
		const { error } = await runPassona({ parameters: sync });
		expect(error).toBeUndefined();
		expect(passona.requests[1].body).toEqual({ contact: '447700900123', groups: [INCLUDED_UUID] });
	});

	test('a failed lookup stops the sync: the number is not taken out of default_optouts', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('GET', optoutsPath, 503, { message: 'Service Unavailable' });
		const { error } = await runPassona({ parameters: sync });
		expect(error?.message).toBe('Passona had a problem on its side (HTTP 503)');
		expect(passona.requests.map((request) => request.method)).toEqual(['GET', 'GET']);
	});
});

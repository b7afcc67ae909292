import { startSandbox } from '../../sandbox';
import { call, getWithBody, TIMESTAMP, useSandbox, UUID, waitFor } from './helpers';

const sandbox = useSandbox({ jobDelayMs: 40 });

const LOCKED = { message: 'The contact group is locked: a campaign using it is sending.' };

async function createGroup(name: string, extra: Record<string, unknown> = {}) {
	const answer = await call(sandbox(), 'POST', '/contact-groups', { name, ...extra });
	expect(answer.status).toBe(201);
	return answer.body.data;
}

describe('authentication', () => {
	it.each([
		['no header', {}],
		['a wrong token', { Authorization: 'Bearer nope' }],
		['another scheme', { Authorization: 'Basic abc' }],
	])('answers 401 with %s', async (_name, headers) => {
		for (const path of ['/balance', '/contact-groups', '/keywords', '/_sandbox/requests']) {
			const answer = await call(sandbox(), 'GET', path, undefined, headers);
			expect(answer.status).toBe(401);
			expect(answer.body).toEqual({ message: 'Unauthenticated.' });
			expect(answer.headers.get('content-type')).toBe('application/json');
		}
	});

	it('answers the balance to the right token', async () => {
		const answer = await call(sandbox(), 'GET', '/balance/');
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ data: { balance: 1000, currency: 'GBP' } });
	});

	it('takes a given token and builds its urls on the bound port', async () => {
		const other = await startSandbox({ token: 'fixed-token' });
		try {
			expect(other.token).toBe('fixed-token');
			expect(other.url).toBe(`http://127.0.0.1:${other.port}/api/2.0`);
			expect(other.origin).toBe(`http://127.0.0.1:${other.port}`);
			expect((await call(other, 'GET', '/balance')).status).toBe(200);
		} finally {
			await other.close();
		}
	});
});

describe('contact groups CRUD', () => {
	it('lists the default_optouts group of a fresh team', async () => {
		const answer = await call(sandbox(), 'GET', '/contact-groups');
		expect(answer.status).toBe(200);
		expect(answer.body.data).toEqual([
			{
				uuid: sandbox().store.defaultOptoutsGroup.uuid,
				name: 'default_optouts',
				description: 'The default contact group created on team creation.',
				created_at: expect.stringMatching(TIMESTAMP),
				updated_at: expect.stringMatching(TIMESTAMP),
				deletable: false,
				centralised: true,
				number_of_contacts: 0,
				scheduled_jobs_number: 0,
				status: 'Empty',
				headers: [],
				links: [
					{
						rel: 'self',
						uri: `${sandbox().url}/contact-groups/${sandbox().store.defaultOptoutsGroup.uuid}`,
					},
				],
			},
		]);
	});

	it('creates, shows, updates and deletes a group with the documented shape', async () => {
		const created = await call(sandbox(), 'POST', '/contact-groups/', {
			name: 'New Contact Group',
		});
		expect(created.status).toBe(201);
		const uuid = created.body.data.uuid;
		expect(uuid).toMatch(UUID);
		expect(created.body).toEqual({
			data: {
				uuid,
				name: 'New Contact Group',
				description: '',
				created_at: expect.stringMatching(TIMESTAMP),
				updated_at: expect.stringMatching(TIMESTAMP),
				deletable: true,
				centralised: false,
				number_of_contacts: 0,
				scheduled_jobs_number: 0,
				status: 'Empty',
				headers: [],
				links: [{ rel: 'self', uri: `${sandbox().url}/contact-groups/${uuid}` }],
			},
		});

		const shown = await call(sandbox(), 'GET', `/contact-groups/${uuid}`);
		expect(shown.body).toEqual(created.body);

		const updated = await call(sandbox(), 'PUT', `/contact-groups/${uuid}`, {
			name: 'Renamed',
			description: 'A new contact group',
		});
		expect(updated.status).toBe(200);
		expect(updated.body.data).toMatchObject({
			uuid,
			name: 'Renamed',
			description: 'A new contact group',
		});

		const deleted = await call(sandbox(), 'DELETE', `/contact-groups/${uuid}`);
		expect(deleted.status).toBe(204);
		expect(deleted.body).toBeUndefined();
		expect(sandbox().store.contactGroups.has(uuid)).toBe(false);
		expect((await call(sandbox(), 'GET', `/contact-groups/${uuid}`)).status).toBe(404);
	});

	it('keeps deletable and the description given on create', async () => {
		const group = await createGroup('Kept', { description: 'Internal', deletable: false });
		expect(group).toMatchObject({ description: 'Internal', deletable: false });
	});

	it('answers 422 Laravel style for invalid bodies', async () => {
		const missing = await call(sandbox(), 'POST', '/contact-groups', { deletable: 'maybe' });
		expect(missing.status).toBe(422);
		expect(missing.body).toEqual({
			message: 'The name field is required. (and 1 more error)',
			errors: {
				name: ['The name field is required.'],
				deletable: ['The deletable field must be true or false.'],
			},
		});
		const long = await call(sandbox(), 'POST', '/contact-groups', { name: 'x'.repeat(256) });
		expect(long.body.errors.name).toEqual([
			'The name field must not be greater than 255 characters.',
		]);
		const invalidJson = await call(sandbox(), 'POST', '/contact-groups', '{"name": ');
		expect(invalidJson.status).toBe(422);
		expect(invalidJson.body.errors).toHaveProperty('body');
		expect(sandbox().store.contactGroups.size).toBe(1);
	});

	it('answers 404 for unknown groups and routes, 405 for wrong methods', async () => {
		const unknown = await call(
			sandbox(),
			'GET',
			'/contact-groups/00000000-0000-0000-0000-000000000000',
		);
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({
			message: 'No query results for model [ContactGroup] 00000000-0000-0000-0000-000000000000',
		});
		for (const path of [
			'/nothing-here',
			'/contact-groups/x/y/z',
			'/contact-groups/%E0%A4%A/list-contacts',
		]) {
			const answer = await call(sandbox(), 'GET', path);
			expect(answer.status).toBe(404);
			expect(answer.body).toEqual({ message: 'Not found' });
		}
		const wrong = await call(sandbox(), 'PATCH', '/contact-groups');
		expect(wrong.status).toBe(405);
		expect(wrong.headers.get('allow')).toBe('GET, POST');
		expect((await call(sandbox(), 'GET', '/contact-groups/bulk-contacts')).status).toBe(405);
	});

	it('refuses to delete a group that a keyword adds to (409) or the default opt-outs', async () => {
		const group = await createGroup('Keyword group');
		const keyword = await call(sandbox(), 'POST', '/keywords', {
			keyword: 'JOIN',
			add_contact_to_group: true,
			contact_groups_uuid: [group.uuid],
		});
		expect(keyword.status).toBe(201);
		const conflict = await call(sandbox(), 'DELETE', `/contact-groups/${group.uuid}`);
		expect(conflict.status).toBe(409);
		expect(conflict.body.message).toEqual(expect.any(String));
		expect(sandbox().store.contactGroups.has(group.uuid)).toBe(true);

		await call(sandbox(), 'DELETE', `/keywords/${keyword.body.data.uuid}`);
		expect((await call(sandbox(), 'DELETE', `/contact-groups/${group.uuid}`)).status).toBe(204);
		const optouts = sandbox().store.defaultOptoutsGroup.uuid;
		expect((await call(sandbox(), 'DELETE', `/contact-groups/${optouts}`)).status).toBe(409);
	});

	it('answers 423 for every change of a locked group, and unlocks', async () => {
		const group = await createGroup('Sending');
		const lock = await call(sandbox(), 'PUT', `/_sandbox/contact-groups/${group.uuid}/lock`, {
			locked: true,
		});
		expect(lock.status).toBe(200);
		const attempts: [string, string, unknown][] = [
			['PUT', '', { name: 'x' }],
			['DELETE', '', undefined],
			['PUT', '/add-contacts', { contacts: [{ phone_number: '447700900001' }] }],
			['PUT', '/remove-contacts', { phone_numbers: ['447700900001'] }],
			['PUT', '/flush', undefined],
		];
		for (const [method, suffix, body] of attempts) {
			const answer = await call(sandbox(), method, `/contact-groups/${group.uuid}${suffix}`, body);
			expect([method, suffix, answer.status, answer.body]).toEqual([method, suffix, 423, LOCKED]);
		}
		expect((await call(sandbox(), 'GET', `/contact-groups/${group.uuid}`)).status).toBe(200);
		sandbox().store.lockGroup(group.uuid, false);
		expect((await call(sandbox(), 'PUT', `/contact-groups/${group.uuid}/flush`)).status).toBe(200);
	});
});

describe('contacts of a group', () => {
	it('adds contacts as a background job: Modifying at once, Ready after the delay', async () => {
		const group = await createGroup('Async');
		const added = await call(sandbox(), 'PUT', `/contact-groups/${group.uuid}/add-contacts`, {
			contacts: [
				{ phone_number: '447713252151', custom_fields: { first_name: 'John', last_name: 'Doe' } },
				{ phone_number: '+44 7713 252152', custom_fields: { first_name: 'Jane' } },
			],
		});
		expect(added.status).toBe(200);
		expect(added.body.data).toMatchObject({
			status: 'Modifying',
			number_of_contacts: 2,
			headers: ['first_name', 'last_name'],
		});
		expect(added.body.data.scheduled_jobs_number).toBeGreaterThanOrEqual(1);

		const settled = await waitFor(
			() => call(sandbox(), 'GET', `/contact-groups/${group.uuid}`),
			(answer) => answer.body.data.status !== 'Modifying',
		);
		expect(settled.body.data).toMatchObject({
			status: 'Ready',
			scheduled_jobs_number: 0,
			number_of_contacts: 2,
		});
		expect([...sandbox().store.contactsOf(group.uuid)!.keys()]).toEqual([
			'447713252151',
			'447713252152',
		]);
	});

	it('updates the custom fields of a number added again, removes and flushes', async () => {
		const group = await createGroup('Edits');
		const url = `/contact-groups/${group.uuid}`;
		await call(sandbox(), 'PUT', `${url}/add-contacts`, {
			contacts: [
				{ phone_number: '447700900001', custom_fields: { name: 'A' } },
				{ phone_number: '447700900002' },
			],
		});
		await call(sandbox(), 'PUT', `${url}/add-contacts`, {
			contacts: [{ phone_number: '447700900001', custom_fields: { name: 'B' } }],
		});
		const contacts = sandbox().store.contactsOf(group.uuid)!;
		expect(contacts.size).toBe(2);
		expect(contacts.get('447700900001')!.custom_fields).toEqual({ name: 'B' });

		const removed = await call(sandbox(), 'PUT', `${url}/remove-contacts`, {
			phone_numbers: ['447700900002'],
		});
		expect(removed.body.data).toMatchObject({ status: 'Modifying', number_of_contacts: 1 });

		const flushed = await call(sandbox(), 'PUT', `${url}/flush/`);
		expect(flushed.body.data).toMatchObject({
			status: 'Modifying',
			number_of_contacts: 0,
			headers: [],
		});
		const settled = await waitFor(
			() => call(sandbox(), 'GET', url),
			(answer) => answer.body.data.scheduled_jobs_number === 0,
		);
		expect(settled.body.data.status).toBe('Empty');
	});

	it('validates phone numbers (7 to 15 digits) and the contact list', async () => {
		const group = await createGroup('Validation');
		const answer = await call(sandbox(), 'PUT', `/contact-groups/${group.uuid}/add-contacts`, {
			contacts: [
				{ phone_number: '123' },
				{ custom_fields: {} },
				{ phone_number: '1234567890123456' },
				'x',
			],
		});
		expect(answer.status).toBe(422);
		expect(Object.keys(answer.body.errors)).toEqual([
			'contacts.0.phone_number',
			'contacts.1.phone_number',
			'contacts.2.phone_number',
			'contacts.3',
		]);
		expect(answer.body.message).toMatch(/\(and 3 more errors\)$/);
		const empty = await call(sandbox(), 'PUT', `/contact-groups/${group.uuid}/add-contacts`, {});
		expect(empty.body.errors).toEqual({ contacts: ['The contacts field is required.'] });
		expect(sandbox().store.contactsOf(group.uuid)!.size).toBe(0);
	});

	it('creates a bulk group with contacts in one call', async () => {
		const answer = await call(sandbox(), 'POST', '/contact-groups/bulk-contacts', {
			name: 'Bulk Contact Group',
			description: 'Bulk contacts upload with group',
			contacts: ['447787854121', '447789856230', '447785412541', '447787854121'],
			deletable: false,
		});
		expect(answer.status).toBe(201);
		expect(answer.body.data).toMatchObject({
			name: 'Bulk Contact Group',
			description: 'Bulk contacts upload with group',
			deletable: false,
			number_of_contacts: 3,
			status: 'Modifying',
			headers: [],
		});
		expect(answer.body.data.scheduled_jobs_number).toBeGreaterThanOrEqual(1);
		const bad = await call(sandbox(), 'POST', '/contact-groups/bulk-contacts', {
			contacts: ['abc'],
		});
		expect(bad.body.errors).toEqual({
			name: ['The name field is required.'],
			'contacts.0': ['The contacts.0 field must be a phone number of 7 to 15 digits.'],
		});
	});

	it('computes unique contacts: in any included group, in no excluded group, once each', async () => {
		const store = sandbox().store;
		const a = store.seedContactGroup({
			name: 'A',
			contacts: ['447700000001', '447700000002', '447700000003'],
		});
		const b = store.seedContactGroup({
			name: 'B',
			contacts: ['447700000003', '447700000004', '447700000005'],
		});
		const optouts = store.defaultOptoutsGroup;
		store.addContacts(optouts, [
			{ phone_number: '447700000002' },
			{ phone_number: '447700000005' },
		]);
		const c = store.seedContactGroup({ name: 'C', contacts: ['447700000004', '447700000009'] });
		const body = {
			included_contact_group_uuids: [a.uuid, b.uuid],
			excluded_contact_group_uuids: [optouts.uuid, c.uuid],
		};
		const post = await call(sandbox(), 'POST', '/contact-groups/unique-contacts', body);
		expect(post.status).toBe(200);
		expect(post.body.data.map((c: { phone_number: string }) => c.phone_number)).toEqual([
			'447700000001',
			'447700000003',
		]);
		expect(post.body.data[0]).toEqual({
			phone_number: '447700000001',
			created_at: expect.stringMatching(TIMESTAMP),
		});
		expect(post.body).not.toHaveProperty('meta');

		const get = await getWithBody(sandbox(), '/contact-groups/unique-contacts', body);
		expect(get.body).toEqual(post.body);
		const query = [
			`included_contact_group_uuids[]=${a.uuid}`,
			`included_contact_group_uuids[]=${b.uuid}`,
			`excluded_contact_group_uuids[]=${optouts.uuid}`,
			`excluded_contact_group_uuids[]=${c.uuid}`,
		].join('&');
		const viaQuery = await call(sandbox(), 'GET', `/contact-groups/unique-contacts?${query}`);
		expect(viaQuery.body).toEqual(post.body);

		const unknown = await call(sandbox(), 'POST', '/contact-groups/unique-contacts', {
			included_contact_group_uuids: ['nope'],
		});
		expect(unknown.status).toBe(422);
		expect(unknown.body.errors).toEqual({
			'included_contact_group_uuids.0': ['The selected included_contact_group_uuids.0 is invalid.'],
		});
	});
});

describe('pagination', () => {
	it('pages the contact groups Laravel style, keeping per_page in the links', async () => {
		for (let i = 1; i <= 24; i++) sandbox().store.createContactGroup({ name: `Group ${i}` });
		const path = `${sandbox().url}/contact-groups`;
		const first = await call(sandbox(), 'GET', '/contact-groups?per_page=10');
		expect(first.body.data).toHaveLength(10);
		expect(first.body.data[0].name).toBe('default_optouts');
		expect(first.body.links).toEqual({
			first: `${path}?page=1&per_page=10`,
			last: `${path}?page=3&per_page=10`,
			prev: null,
			next: `${path}?page=2&per_page=10`,
		});
		expect(first.body.meta).toEqual({
			current_page: 1,
			from: 1,
			last_page: 3,
			path,
			per_page: 10,
			to: 10,
			total: 25,
		});

		const last = await call(sandbox(), 'GET', '/contact-groups?page=3&per_page=10');
		expect(last.body.data.map((g: { name: string }) => g.name)).toEqual([
			'Group 20',
			'Group 21',
			'Group 22',
			'Group 23',
			'Group 24',
		]);
		expect(last.body.links.next).toBeNull();
		expect(last.body.links.prev).toBe(`${path}?page=2&per_page=10`);
		expect(last.body.meta).toMatchObject({ current_page: 3, from: 21, to: 25 });

		const beyond = await call(sandbox(), 'GET', '/contact-groups?page=9&per_page=10');
		expect(beyond.body.data).toEqual([]);
		expect(beyond.body.meta).toMatchObject({
			current_page: 9,
			from: null,
			to: null,
			total: 25,
			last_page: 3,
		});
		expect(beyond.body.links.next).toBeNull();
	});

	it('defaults to 50 a page without per_page in the links, clamps to 1000, rejects nonsense', async () => {
		const seeded = sandbox().store.seedContactGroup({ name: 'Big', contacts: 1200 });
		const contactsPath = `/contact-groups/${seeded.uuid}/list-contacts`;
		const byDefault = await call(sandbox(), 'GET', contactsPath);
		expect(byDefault.body.data).toHaveLength(50);
		expect(byDefault.body.data[0]).toEqual({
			phone_number: '447000000000',
			created_at: expect.stringMatching(TIMESTAMP),
		});
		expect(byDefault.body.meta).toMatchObject({ per_page: 50, last_page: 24, total: 1200 });
		expect(byDefault.body.links.next).toBe(`${sandbox().url}${contactsPath}?page=2`);

		const clamped = await call(sandbox(), 'GET', `${contactsPath}?per_page=5000&page=2`);
		expect(clamped.body.meta).toMatchObject({ per_page: 1000, from: 1001, to: 1200, last_page: 2 });
		expect(clamped.body.data[0].phone_number).toBe('447000001000');

		for (const query of ['per_page=0', 'per_page=abc', 'page=0', 'page=-1']) {
			const answer = await call(sandbox(), 'GET', `/contact-groups?${query}`);
			expect([query, answer.status]).toEqual([query, 422]);
		}
	});
});

describe('seeding', () => {
	it('seeds 100,000 contacts quickly and lists their last page', async () => {
		const started = Date.now();
		const group = sandbox().store.seedContactGroup({
			name: 'Benchmark',
			contacts: 100_000,
			customFields: true,
		});
		expect(Date.now() - started).toBeLessThan(5000);
		const answer = await call(sandbox(), 'GET', `/contact-groups/${group.uuid}`);
		expect(answer.body.data).toMatchObject({
			number_of_contacts: 100_000,
			status: 'Ready',
			scheduled_jobs_number: 0,
			headers: ['first_name', 'last_name'],
		});
		const last = await call(
			sandbox(),
			'GET',
			`/contact-groups/${group.uuid}/list-contacts?per_page=1000&page=100`,
		);
		expect(last.body.data).toHaveLength(1000);
		expect(last.body.data[999].phone_number).toBe('447000099999');
		expect(last.body.links.next).toBeNull();
	});
});

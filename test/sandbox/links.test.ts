/** The sandbox's links, vanity domains and contact sync over raw HTTP, in the SDK's shapes. */
import { call, TIMESTAMP, useSandbox, UUID } from './helpers';

const sandbox = useSandbox();
const TEMPLATE = '68f69f96-f732-11e9-ba60-0a58646001cd';

function addTemplate() {
	const now = '2019-10-29 13:36:56';
	sandbox().store.sending.templates.set(TEMPLATE, {
		uuid: TEMPLATE,
		name: 'T',
		body: 'Go ::GO::',
		sender: 'Sandbox',
		created_at: now,
		updated_at: now,
	});
}

describe('vanity domains', () => {
	it('lists https://psms.io for every team, creates with the SDK shape, refuses duplicates and the default', async () => {
		const psms = sandbox().store.defaultVanityDomain;
		const list = await call(sandbox(), 'GET', '/vanity-domains/?per_page=20&page=1');
		expect(list.body.data).toEqual([
			{
				uuid: psms.uuid,
				domain: 'https://psms.io',
				dns_status: 'Pending Validation',
				nameservers: '[]',
				status: '1',
				created_at: expect.stringMatching(TIMESTAMP),
				updated_at: expect.stringMatching(TIMESTAMP),
				zone_id: '',
				links: [{ rel: 'self', uri: `${sandbox().url}/vanity-domains/${psms.uuid}` }],
			},
		]);
		const created = await call(sandbox(), 'POST', '/vanity-domains/', {
			domain: 'https://vani.io',
		});
		expect(created.status).toBe(201);
		expect(created.body.data).toMatchObject({
			uuid: expect.stringMatching(UUID),
			domain: 'https://vani.io',
			nameservers: '[]',
			zone_id: '',
		});
		const again = await call(sandbox(), 'POST', '/vanity-domains/', { domain: 'https://vani.io' });
		expect(again.status).toBe(422);
		expect(again.body.errors).toEqual({ domain: ['The domain has already been taken.'] });
		expect(
			(await call(sandbox(), 'POST', '/vanity-domains/', { domain: 'vani' })).body.errors,
		).toEqual({ domain: ['The domain format is invalid.'] });
		expect(
			(await call(sandbox(), 'PUT', `/vanity-domains/${psms.uuid}`, { domain: 'https://x.io' }))
				.status,
		).toBe(409);
		expect((await call(sandbox(), 'DELETE', `/vanity-domains/${psms.uuid}`)).status).toBe(409);
		expect(
			(await call(sandbox(), 'DELETE', `/vanity-domains/${created.body.data.uuid}`)).status,
		).toBe(204);
	});
});

describe('links', () => {
	it('create, show, partial update, delete; no list; 404 in Laravel words; a domain in use cannot go', async () => {
		addTemplate();
		const domain = (
			await call(sandbox(), 'POST', '/vanity-domains/', { domain: 'https://vani.io' })
		).body.data.uuid;
		const body = {
			vanity_domain_uuid: domain,
			template_uuid: TEMPLATE,
			name: 'New Link',
			destination: 'https://digitonic.co.uk',
		};
		const created = await call(sandbox(), 'POST', '/links/', body);
		expect(created.status).toBe(201);
		const uuid = created.body.data.uuid;
		expect(created.body.data).toEqual({
			uuid,
			...body,
			created_at: expect.stringMatching(TIMESTAMP),
			updated_at: expect.stringMatching(TIMESTAMP),
		});
		expect((await call(sandbox(), 'GET', `/links/${uuid}`)).body).toEqual(created.body);
		const updated = await call(sandbox(), 'PUT', `/links/${uuid}`, {
			name: 'New Link Updated',
			destination: 'https://digitonic.co.uk/update',
		});
		expect(updated.body.data).toMatchObject({
			...body,
			name: 'New Link Updated',
			destination: 'https://digitonic.co.uk/update',
		});

		expect((await call(sandbox(), 'GET', '/links')).status).toBe(405);
		expect((await call(sandbox(), 'DELETE', `/vanity-domains/${domain}`)).status).toBe(409);
		expect((await call(sandbox(), 'DELETE', `/links/${uuid}`)).status).toBe(204);
		const gone = await call(sandbox(), 'GET', `/links/${uuid}`);
		expect(gone).toMatchObject({
			status: 404,
			body: { message: `No query results for model [Link] ${uuid}` },
		});
	});

	it('validates every field on create (422 with one message per field)', async () => {
		const answer = await call(sandbox(), 'POST', '/links', {
			vanity_domain_uuid: 'nope',
			destination: 'digitonic',
		});
		expect(answer.status).toBe(422);
		expect(answer.body.errors).toEqual({
			vanity_domain_uuid: ['The selected vanity domain uuid is invalid.'],
			template_uuid: ['The template_uuid field is required.'],
			name: ['The name field is required.'],
			destination: ['The destination format is invalid.'],
		});
	});

	it('a link locked by hand (/_sandbox/links/{uuid}/lock) answers 423 to changes and deletion, not to reading', async () => {
		addTemplate();
		const psms = sandbox().store.defaultVanityDomain.uuid;
		const body = {
			vanity_domain_uuid: psms,
			template_uuid: TEMPLATE,
			name: 'L',
			destination: 'https://x.example',
		};
		const uuid = (await call(sandbox(), 'POST', '/links', body)).body.data.uuid;
		await call(sandbox(), 'PUT', `/_sandbox/links/${uuid}/lock`, { locked: true });
		expect((await call(sandbox(), 'PUT', `/links/${uuid}`, { name: 'M' })).status).toBe(423);
		expect((await call(sandbox(), 'DELETE', `/links/${uuid}`)).status).toBe(423);
		expect((await call(sandbox(), 'GET', `/links/${uuid}`)).status).toBe(200);
		await call(sandbox(), 'PUT', `/_sandbox/links/${uuid}/lock`, { locked: false });
		expect((await call(sandbox(), 'PUT', `/links/${uuid}`, { name: 'M' })).status).toBe(200);
	});
});

describe('contact sync', () => {
	it('replaces the contact’s groups and answers [] (as the SDK’s test mocks it)', async () => {
		const store = sandbox().store;
		const a = store.seedContactGroup({ name: 'A', contacts: ['447715898521'] });
		const b = store.seedContactGroup({ name: 'B', contacts: [] });
		store.addContacts(store.defaultOptoutsGroup, [{ phone_number: '447715898521' }]);
		const answer = await call(sandbox(), 'POST', '/contact/sync/groups', {
			groups: [b.uuid],
			contact: '+44 7715 898521',
		});
		expect(answer).toMatchObject({ status: 200, body: [] });
		expect(
			[a, b, store.defaultOptoutsGroup].map((group) => group.contacts.has('447715898521')),
		).toEqual([false, true, false]);
	});

	it('refuses unknown groups, an empty list and a bad number (422)', async () => {
		const answer = await call(sandbox(), 'POST', '/contact/sync/groups', {
			groups: ['x'],
			contact: '12',
		});
		expect(answer.status).toBe(422);
		expect(Object.keys(answer.body.errors)).toEqual(['contact', 'groups.0']);
		expect(
			(
				await call(sandbox(), 'POST', '/contact/sync/groups', {
					groups: [],
					contact: '447715898521',
				})
			).body.errors,
		).toEqual({
			groups: ['The groups field is required.'],
		});
	});
});

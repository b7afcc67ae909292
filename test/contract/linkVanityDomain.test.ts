/** Link, Vanity Domain, Contact → Sync Groups and Account → Get Balance against the sandbox over real HTTP. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { loadOptionsContext, passonaType } from '../../harness/engine';
import { byId, byUrl, fromList } from '../../harness/locators';
import { TEMPLATE_UUID } from '../fixtures/more';
import { call, UUID } from '../sandbox/helpers';
import { useContract } from './helpers';

const { sandbox, ok, run } = useContract();

describe('Vanity Domain against the sandbox', () => {
	test('every team has https://psms.io; Create, Get, Update, Get Many and Delete', async () => {
		const psms = sandbox().store.defaultVanityDomain.uuid;
		expect(await ok({ resource: 'vanityDomain', operation: 'getAll', returnAll: true })).toEqual([
			expect.objectContaining({
				uuid: psms,
				domain: 'https://psms.io',
				dns_status: 'Pending Validation',
				nameservers: '[]',
			}),
		]);
		const [created] = await ok({
			resource: 'vanityDomain',
			operation: 'create',
			domain: 'https://vani.io/',
		});
		expect(created).toMatchObject({
			uuid: expect.stringMatching(UUID),
			domain: 'https://vani.io',
			status: '1',
			zone_id: '',
		});
		const uuid = created.uuid as string;
		expect(
			await ok({ resource: 'vanityDomain', operation: 'get', vanityDomain: byId(uuid) }),
		).toEqual([created]);
		const [updated] = await ok({
			resource: 'vanityDomain',
			operation: 'update',
			vanityDomain: byUrl(`${sandbox().url}/vanity-domains/${uuid}`),
			domain: 'https://vaniup.io',
		});
		expect(updated).toMatchObject({ uuid, domain: 'https://vaniup.io' });
		const all = await ok({
			resource: 'vanityDomain',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
		});
		expect(all.map((domain) => domain.domain)).toEqual(['https://psms.io', 'https://vaniup.io']);

		const context = await loadOptionsContext(
			{ resource: 'link', operation: 'create' },
			{ apiToken: sandbox().token, baseUrl: sandbox().url },
		);
		const search = (await passonaType()).methods!.listSearch!.searchVanityDomains;
		expect(await search.call(context as unknown as ILoadOptionsFunctions, 'vani')).toEqual({
			results: [{ name: 'https://vaniup.io', value: uuid }],
			paginationToken: undefined,
		});

		expect(
			await ok({ resource: 'vanityDomain', operation: 'delete', vanityDomain: fromList(uuid) }),
		).toEqual([{ deleted: true, uuid }]);
		expect([...sandbox().store.vanityDomains.keys()]).toEqual([psms]);
		const refused = await run({
			resource: 'vanityDomain',
			operation: 'delete',
			vanityDomain: byId(psms),
		});
		expect(refused.error?.message).toBe(
			`Passona refused because of the current state of the vanity domain ${psms}`,
		);
	});
});

/** A template in the sandbox team, for links to belong to. */
function template() {
	const now = '2019-10-29 13:36:56';
	const offer = {
		uuid: TEMPLATE_UUID,
		name: 'Offer',
		body: 'Hi, see ::New Link::',
		sender: 'Sandbox',
		created_at: now,
		updated_at: now,
	};
	sandbox().store.sending.templates.set(TEMPLATE_UUID, offer);
	return offer;
}

describe('Link against the sandbox', () => {
	test('Create on https://psms.io, Get, Update, locked by hand (423), Delete', async () => {
		template();
		const psms = sandbox().store.defaultVanityDomain.uuid;
		const [created] = await ok({
			resource: 'link',
			operation: 'create',
			vanityDomain: fromList(psms),
			templateId: TEMPLATE_UUID,
			name: 'New Link',
			destination: 'https://digitonic.co.uk',
		});
		expect(created).toEqual({
			uuid: expect.stringMatching(UUID),
			vanity_domain_uuid: psms,
			template_uuid: TEMPLATE_UUID,
			name: 'New Link',
			destination: 'https://digitonic.co.uk',
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		const uuid = created.uuid as string;
		expect(await ok({ resource: 'link', operation: 'get', link: byId(uuid) })).toEqual([created]);
		const [updated] = await ok({
			resource: 'link',
			operation: 'update',
			link: byUrl(`${sandbox().url}/links/${uuid}`),
			updateFields: { name: 'New Link Updated', destination: 'https://digitonic.co.uk/update' },
		});
		expect(updated).toMatchObject({
			uuid,
			name: 'New Link Updated',
			destination: 'https://digitonic.co.uk/update',
			vanity_domain_uuid: psms,
		});

		expect(
			(await call(sandbox(), 'PUT', `/_sandbox/links/${uuid}/lock`, { locked: true })).status,
		).toBe(200);
		const locked = await run({ resource: 'link', operation: 'delete', link: byId(uuid) });
		expect(locked.error?.message).toBe(
			'The link is locked because a campaign using it is sending right now',
		);
		expect(locked.error?.description).toContain(
			'Passona said: The link is locked: a campaign using it is sending.',
		);
		await call(sandbox(), 'PUT', `/_sandbox/links/${uuid}/lock`, { locked: false });

		expect(await ok({ resource: 'link', operation: 'delete', link: byId(uuid) })).toEqual([
			{ deleted: true, uuid },
		]);
		const gone = await run({ resource: 'link', operation: 'get', link: byId(uuid) });
		expect(gone.error?.message).toBe(`Passona has no link ${uuid}`);
	});

	test('locked while a campaign using its template is sending (423), free again once it has finished', async () => {
		template();
		const store = sandbox().store;
		const [created] = await ok({
			resource: 'link',
			operation: 'create',
			vanityDomain: fromList(store.defaultVanityDomain.uuid),
			templateId: TEMPLATE_UUID,
			name: 'New Link',
			destination: 'https://digitonic.co.uk',
		});
		const start = Date.parse('2026-11-23T09:00:00Z');
		store.sending.clock.freeze(start);
		store.sending.createCampaign({
			name: 'Offer',
			sender: 'Sandbox',
			template_uuid: TEMPLATE_UUID,
			scheduled_send_date: store.sending.date(start),
			expiry_date: store.sending.date(start + 86_400_000),
			included_contact_groups: [],
			excluded_contact_groups: [],
		});
		const update = {
			resource: 'link',
			operation: 'update',
			link: byId(created.uuid as string),
			updateFields: { name: 'Renamed' },
		};
		expect((await run(update)).error?.message).toBe(
			'The link is locked because a campaign using it is sending right now',
		);
		store.sending.clock.advance(store.sending.sendDurationMs);
		expect(await ok(update)).toEqual([expect.objectContaining({ name: 'Renamed' })]);
	});

	test('a vanity domain or template the team does not have is refused by Passona (422)', async () => {
		const { error } = await run({
			resource: 'link',
			operation: 'create',
			vanityDomain: byId('00000000-0000-4000-8000-000000000009'),
			templateId: TEMPLATE_UUID,
			name: 'X',
			destination: 'https://example.com',
		});
		expect(error?.message).toBe('Passona rejected the values sent');
		expect(error?.description).toBe(
			'Fix these and run again:\n• The selected vanity domain uuid is invalid.\n• The selected template uuid is invalid.',
		);
	});
});

describe('Contact → Sync Groups against the sandbox', () => {
	test('the contact ends up in exactly the groups chosen: added where missing, removed from the others', async () => {
		const store = sandbox().store;
		const kept = store.seedContactGroup({
			name: 'Kept',
			contacts: ['447715898521', '447700900001'],
		});
		const left = store.seedContactGroup({ name: 'Left', contacts: ['447715898521'] });
		const joined = store.seedContactGroup({ name: 'Joined', contacts: ['447700900002'] });
		const out = await ok({
			resource: 'contact',
			operation: 'syncGroups',
			phoneNumber: '+44 7715 898521',
			contactGroups: [kept.uuid, joined.uuid],
		});
		expect(out).toEqual([{ contact: '447715898521', groups: [kept.uuid, joined.uuid] }]);
		expect([...kept.contacts.keys()]).toEqual(['447715898521', '447700900001']);
		expect([...left.contacts.keys()]).toEqual([]);
		expect([...joined.contacts.keys()]).toEqual(['447700900002', '447715898521']);
	});

	test('a group locked by a sending campaign: 423, and nothing changes', async () => {
		const store = sandbox().store;
		const locked = store.seedContactGroup({ name: 'Sending', contacts: ['447715898521'] });
		const other = store.seedContactGroup({ name: 'Other', contacts: [] });
		store.lockGroup(locked.uuid, true);
		const { error } = await run({
			resource: 'contact',
			operation: 'syncGroups',
			phoneNumber: '447715898521',
			contactGroups: [other.uuid],
		});
		expect(error?.message).toBe(
			'The contact group is locked because a campaign using it is sending right now',
		);
		expect(locked.contacts.size).toBe(1);
		expect(other.contacts.size).toBe(0);
	});
});

describe('Account → Get Balance against the sandbox', () => {
	test('outputs the balance', async () => {
		expect(await ok({ resource: 'account', operation: 'getBalance' })).toEqual([
			{ balance: 1000, currency: 'GBP' },
		]);
	});
});

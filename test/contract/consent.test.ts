/**
 * Opted-out people stay out on every path, measured against the sandbox over HTTP: who got the
 * SMS (the outbox) after Campaign Update, Contact → Sync Groups, and a second group named
 * default_optouts listed before the team's own.
 */
import { byId, fromList } from '../../harness/locators';
import { useClockAt, useContract } from './helpers';

const { sandbox, ok, run, texted } = useContract({ jobDelayMs: 5 });
useClockAt('2026-11-23T12:00:00Z');

const STAYED = '447700900001';
const OPTED_OUT = '447700900002';

/** A group of two, one of whom texted STOP (and so is in default_optouts), and a template. */
async function team() {
	const store = sandbox().store;
	const customers = store.seedContactGroup({ name: 'Customers', contacts: [STAYED, OPTED_OUT] });
	store.addContacts(store.defaultOptoutsGroup, [{ phone_number: OPTED_OUT }]);
	const [template] = await ok({
		resource: 'template',
		operation: 'create',
		name: 'Offer',
		body: '20% off today. Text STOP to opt out',
		senderName: fromList('88440'),
	});
	return { store, customers, template: template.uuid as string };
}

const campaignTo = (template: string, groups: string[]) => ({
	resource: 'campaign',
	operation: 'create',
	name: 'Offer',
	template: byId(template),
	senderName: fromList('88440'),
	includedGroups: groups,
	when: 'now',
});

describe('Campaign → Update keeps the opt-out group excluded', () => {
	test('replacing Exclude Contact Groups with [Staff] still leaves out the number that texted STOP', async () => {
		const { store, customers, template } = await team();
		const staff = store.seedContactGroup({ name: 'Staff', contacts: ['447700900003'] });
		const [created] = await ok({
			...campaignTo(template, [customers.uuid]),
			when: 'at',
			sendAt: '2026-11-24T09:00:00Z',
		});
		expect(created.excluded_contact_groups).toEqual([store.defaultOptoutsGroup.uuid]);
		const [updated] = await ok({
			resource: 'campaign',
			operation: 'update',
			campaign: byId(created.uuid as string),
			updateFields: { excludedGroups: [staff.uuid] },
		});
		expect(updated.excluded_contact_groups).toEqual([staff.uuid, store.defaultOptoutsGroup.uuid]);
		store.sending.clock.freeze(Date.parse('2026-11-24T09:00:00Z'));
		expect(await texted()).toEqual([STAYED]);
	});

	test('turned off on purpose, Update sends exactly the groups chosen', async () => {
		const { store, customers, template } = await team();
		const staff = store.seedContactGroup({ name: 'Staff', contacts: [] });
		const [created] = await ok({
			...campaignTo(template, [customers.uuid]),
			when: 'at',
			sendAt: '2026-11-24T09:00:00Z',
		});
		const [updated] = await ok({
			resource: 'campaign',
			operation: 'update',
			campaign: byId(created.uuid as string),
			excludeOptouts: false,
			updateFields: { excludedGroups: [staff.uuid] },
		});
		expect(updated.excluded_contact_groups).toEqual([staff.uuid]);
	});
});

describe('Contact → Sync Groups keeps an opted-out number opted out', () => {
	test('by default the number stays in default_optouts, and the next campaign leaves it out', async () => {
		const { store, template } = await team();
		const vip = store.seedContactGroup({ name: 'VIP', contacts: [] });
		const [synced] = await ok({
			resource: 'contact',
			operation: 'syncGroups',
			phoneNumber: OPTED_OUT,
			contactGroups: [vip.uuid],
		});
		expect(synced).toEqual({
			contact: OPTED_OUT,
			groups: [vip.uuid, store.defaultOptoutsGroup.uuid],
		});
		expect(store.contactsOf(store.defaultOptoutsGroup.uuid)!.has(OPTED_OUT)).toBe(true);
		await ok(campaignTo(template, [vip.uuid]));
		expect(await texted()).toEqual([]);
	});

	test('a number that never opted out is not put in default_optouts', async () => {
		const { store } = await team();
		const vip = store.seedContactGroup({ name: 'VIP', contacts: [] });
		const [synced] = await ok({
			resource: 'contact',
			operation: 'syncGroups',
			phoneNumber: STAYED,
			contactGroups: [vip.uuid],
		});
		expect(synced).toEqual({ contact: STAYED, groups: [vip.uuid] });
		expect(store.contactsOf(store.defaultOptoutsGroup.uuid)!.has(STAYED)).toBe(false);
	});

	test('removing the opt-out is an explicit choice', async () => {
		const { store, template } = await team();
		const vip = store.seedContactGroup({ name: 'VIP', contacts: [] });
		await ok({
			resource: 'contact',
			operation: 'syncGroups',
			phoneNumber: OPTED_OUT,
			contactGroups: [vip.uuid],
			keepOptout: false,
		});
		expect(store.contactsOf(store.defaultOptoutsGroup.uuid)!.has(OPTED_OUT)).toBe(false);
		await ok(campaignTo(template, [vip.uuid]));
		expect(await texted()).toEqual([OPTED_OUT]);
	});
});

describe('every group named default_optouts is excluded', () => {
	test("a group a user named default_optouts, listed before the team's own, does not let the opt-outs through", async () => {
		const { store, customers, template } = await team();
		const decoy = store.createContactGroup({ name: 'default_optouts' });
		// Passona documents no order for its list of groups: here the user's group comes first.
		const own = store.defaultOptoutsGroup;
		store.contactGroups.delete(own.uuid);
		store.contactGroups.set(own.uuid, own);
		const [created] = await ok(campaignTo(template, [customers.uuid]));
		expect(created.excluded_contact_groups).toEqual([decoy.uuid, own.uuid]);
		expect(await texted()).toEqual([STAYED]);
	});

	test('a campaign whose only recipients opted out sends nothing', async () => {
		const { store, template } = await team();
		const quitters = store.seedContactGroup({ name: 'Quitters', contacts: [OPTED_OUT] });
		const { error } = await run(campaignTo(template, [quitters.uuid]));
		expect(error).toBeUndefined();
		expect(await texted()).toEqual([]);
	});
});

/**
 * Knowing the audience before sending, against the sandbox over HTTP: Campaign → Get Audience
 * names exactly who the same campaign then texts (the outbox), and Create's Maximum Recipients
 * stops a campaign that would reach more people.
 */
import { byId, fromList } from '../../harness/locators';
import { useClockAt, useContract } from './helpers';

const { sandbox, ok, run, texted } = useContract({ jobDelayMs: 5 });
useClockAt('2026-11-23T12:00:00Z');

/** Two overlapping groups, a Staff group to leave out and one number that texted STOP. */
async function team() {
	const store = sandbox().store;
	const customers = store.seedContactGroup({
		name: 'Customers',
		contacts: ['447700900001', '447700900002', '447700900003'],
	});
	const newsletter = store.seedContactGroup({
		name: 'Newsletter',
		contacts: ['447700900003', '447700900004', '447700900005'],
	});
	const staff = store.seedContactGroup({ name: 'Staff', contacts: ['447700900004'] });
	store.addContacts(store.defaultOptoutsGroup, [{ phone_number: '447700900002' }]);
	const [template] = await ok({
		resource: 'template',
		operation: 'create',
		name: 'Offer',
		body: '20% off today. Text STOP to opt out',
		senderName: fromList('88440'),
	});
	const groups = {
		includedGroups: [customers.uuid, newsletter.uuid],
		excludedGroups: [staff.uuid],
	};
	return { store, groups, template: template.uuid as string };
}

const create = (template: string) => ({
	resource: 'campaign',
	operation: 'create',
	name: 'Offer',
	template: byId(template),
	senderName: fromList('88440'),
	when: 'now',
});

test('Get Audience lists exactly the people the same campaign then texts', async () => {
	const { store, groups, template } = await team();
	const [preview] = await ok({
		resource: 'campaign',
		operation: 'getAudience',
		...groups,
		returnAll: true,
	});
	expect(preview).toEqual({
		count: 3,
		included_contact_groups: groups.includedGroups,
		excluded_contact_groups: [...groups.excludedGroups, store.defaultOptoutsGroup.uuid],
		phone_numbers: ['447700900001', '447700900003', '447700900005'],
	});
	expect(await texted()).toEqual([]);

	await ok({ ...create(template), ...groups });
	expect((await texted()).sort()).toEqual(preview.phone_numbers);
});

test('Get Audience with a Limit still counts everyone', async () => {
	const { groups } = await team();
	const [preview] = await ok({
		resource: 'campaign',
		operation: 'getAudience',
		...groups,
		returnAll: false,
		limit: 1,
	});
	expect(preview).toMatchObject({ count: 3, phone_numbers: ['447700900001'] });
});

test('Maximum Recipients: a campaign reaching more is not created and texts nobody; one within it is sent', async () => {
	const { store, groups, template } = await team();
	const refused = await run({ ...create(template), ...groups, options: { maxRecipients: 2 } });
	expect(refused.error?.message).toBe(
		'The campaign would reach 3 people, more than the Maximum Recipients of 2: it was not created [item 0]',
	);
	expect(store.sending.campaigns.size).toBe(0);
	expect(await texted()).toEqual([]);

	await ok({ ...create(template), ...groups, options: { maxRecipients: 3 } });
	expect(store.sending.campaigns.size).toBe(1);
	expect(await texted()).toHaveLength(3);
});

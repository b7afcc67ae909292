/** Every Campaign, Template and Sender operation, through n8n's engine, against the sandbox over real HTTP. */
import { byId, byUrl, fromList } from '../../harness/locators';
import { readPassonaDate } from '../../sandbox/dates';
import { UUID } from '../sandbox/helpers';
import { useClockAt, useContract } from './helpers';

const { sandbox, ok, run, outbox } = useContract();
// Send Now writes London's wall clock: not in the hour that repeats in October.
useClockAt('2026-11-23T12:00:00Z');
const byName = (value: string) => ({ __rl: true, mode: 'name', value });

async function offerTemplate() {
	const [template] = await ok({
		resource: 'template',
		operation: 'create',
		name: 'Offer',
		body: 'Hi {first_name}, 20% off: ::OFFER:: Text OPTOUT to stop',
		senderName: fromList('Sandbox'),
	});
	return template;
}

describe('Sender against the sandbox', () => {
	test('Create (in moderation), Get, Update, Get Many and Delete', async () => {
		const [created] = await ok({ resource: 'sender', operation: 'create', senderText: 'MyShop' });
		expect(created).toMatchObject({
			uuid: expect.stringMatching(UUID),
			sender: 'MyShop',
			status: '0',
		});
		const uuid = created.uuid as string;
		expect(await ok({ resource: 'sender', operation: 'get', sender: fromList(uuid) })).toEqual([
			created,
		]);
		const [updated] = await ok({
			resource: 'sender',
			operation: 'update',
			sender: byUrl(`${sandbox().url}/senders/${uuid}`),
			senderText: 'MyShop2',
		});
		expect(updated).toMatchObject({ uuid, sender: 'MyShop2' });
		const all = await ok({ resource: 'sender', operation: 'getAll', returnAll: true });
		expect(all.map((sender) => sender.sender)).toEqual(['88440', 'Sandbox', 'MyShop2']);
		expect(await ok({ resource: 'sender', operation: 'delete', sender: byId(uuid) })).toEqual([
			{ deleted: true, uuid },
		]);
	});
});

describe('Template against the sandbox', () => {
	test('Create, Get, Preview, Update, Get Many and Delete', async () => {
		const created = await offerTemplate();
		expect(created).toMatchObject({
			uuid: expect.stringMatching(UUID),
			name: 'Offer',
			sender: 'Sandbox',
			is_locked: false,
		});
		const uuid = created.uuid as string;
		expect(await ok({ resource: 'template', operation: 'get', template: fromList(uuid) })).toEqual([
			created,
		]);
		const [preview] = await ok({
			resource: 'template',
			operation: 'preview',
			template: byId(uuid),
		});
		expect(preview.body).toMatch(
			/^Hi Jane, 20% off: https:\/\/psms\.io\/\S{6} Text OPTOUT to stop$/,
		);
		// A sender the team has (in moderation still: a template may name it).
		await ok({ resource: 'sender', operation: 'create', senderText: 'Brand' });
		const [updated] = await ok({
			resource: 'template',
			operation: 'update',
			template: byUrl(`${sandbox().url}/templates/${uuid}`),
			updateFields: { body: 'New text', sender: 'Brand' },
		});
		expect(updated).toMatchObject({ uuid, body: 'New text', sender: 'Brand', name: 'Offer' });
		expect(
			(await ok({ resource: 'template', operation: 'getAll', returnAll: false, limit: 5 })).map(
				(t) => t.uuid,
			),
		).toEqual([uuid]);
		expect(await ok({ resource: 'template', operation: 'delete', template: byId(uuid) })).toEqual([
			{ deleted: true, uuid },
		]);
	});
});

describe('a sender the team does not have', () => {
	test('typed By Name on Template Create: Passona refuses it, creates none, and the error says how to make one', async () => {
		const { error } = await run({
			resource: 'template',
			operation: 'create',
			name: 'Summer',
			body: 'Summer sale: 20% off. Text OPTOUT to stop',
			senderName: byName('SummerSale'),
		});
		expect(error?.message).toBe('Passona rejected the values sent');
		expect(error?.description).toBe(
			'Fix these and run again:\n• The selected sender is invalid.\nPassona sends only from a sender your team already has, and creates none: pick one from the Sender list, or create it first with Sender → Create (Passona moderates a new sender before it can send).',
		);
		expect(sandbox().store.sending.findSender('SummerSale')).toBeUndefined();
	});
});

describe('Campaign against the sandbox', () => {
	test('Create sends now to the group minus the opt-outs (excluded by default); a sending campaign is locked', async () => {
		const store = sandbox().store;
		const group = store.seedContactGroup({
			name: 'Joiners',
			contacts: ['447700900001', '447700900002'],
			customFields: true,
		});
		store.addContacts(store.defaultOptoutsGroup, [{ phone_number: '447700900002' }]);
		const template = await offerTemplate();
		store.sending.sendDurationMs = 3_600_000;
		const [created] = await ok({
			resource: 'campaign',
			operation: 'create',
			name: 'Now',
			template: fromList(template.uuid as string),
			senderName: fromList('Sandbox'),
			includedGroups: [group.uuid],
			when: 'now',
		});
		expect(created).toMatchObject({
			status: 0,
			included_contact_groups: [group.uuid],
			excluded_contact_groups: [store.defaultOptoutsGroup.uuid],
		});
		const sent = await outbox();
		expect(sent.map((message) => [message.to, message.kind])).toEqual([
			['447700900001', 'campaign'],
		]);
		expect(sent[0].body).toMatch(
			/^Hi First0, 20% off: https:\/\/psms\.io\/\S{6} Text OPTOUT to stop$/,
		);

		const locked = await run({
			resource: 'campaign',
			operation: 'update',
			campaign: byId(created.uuid as string),
			updateFields: { name: 'x' },
		});
		expect(locked.error?.message).toBe(
			'The campaign is sending right now, so it cannot be changed or deleted',
		);
		const template423 = await run({
			resource: 'template',
			operation: 'update',
			template: byId(template.uuid as string),
			updateFields: { name: 'x' },
		});
		expect(template423.error?.message).toBe(
			'The template is locked because a campaign using it is sending right now',
		);
	});

	test('Create at a date, Update, Get Many and Delete', async () => {
		const group = sandbox().store.seedContactGroup({ name: 'Joiners', contacts: 1 });
		const template = await offerTemplate();
		const [created] = await ok({
			resource: 'campaign',
			operation: 'create',
			name: 'Later',
			template: byId(template.uuid as string),
			senderName: byName('88440'),
			includedGroups: [group.uuid],
			excludeOptouts: false,
			when: 'at',
			sendAt: '2099-07-01T14:25:00Z',
			expiryDays: 3,
		});
		expect(created).toMatchObject({
			scheduled_send_date: '2099-07-01 15:25:00',
			expiry_date: '2099-07-04 15:25:00',
			excluded_contact_groups: [],
		});
		const uuid = created.uuid as string;
		const [updated] = await ok({
			resource: 'campaign',
			operation: 'update',
			campaign: fromList(uuid),
			updateFields: { name: 'Later, renamed', sendAt: '2099-07-02T14:25:00Z' },
		});
		expect(updated).toMatchObject({
			uuid,
			name: 'Later, renamed',
			scheduled_send_date: '2099-07-02 15:25:00',
		});
		expect(
			(await ok({ resource: 'campaign', operation: 'getAll', returnAll: true })).map((c) => c.name),
		).toEqual(['Later, renamed']);
		expect(await ok({ resource: 'campaign', operation: 'delete', campaign: byId(uuid) })).toEqual([
			{ deleted: true, uuid },
		]);
		expect(await outbox()).toEqual([]);
	});

	test('the time typed is the time the sandbox, reading dates as PHP does, sends at', async () => {
		const group = sandbox().store.seedContactGroup({ name: 'Joiners', contacts: 1 });
		const template = await offerTemplate();
		const create = {
			resource: 'campaign',
			operation: 'create',
			name: 'Timed',
			template: byId(template.uuid as string),
			senderName: byName('88440'),
			includedGroups: [group.uuid],
			excludeOptouts: false,
			when: 'at',
			expiryDays: 1,
		};
		const sendsAt = (campaign: { uuid?: unknown }) =>
			new Date(
				readPassonaDate(
					sandbox().store.sending.campaigns.get(campaign.uuid as string)!.scheduled_send_date,
				),
			).toISOString();
		// Typed in the date picker without zone, in a workflow left at n8n's America/New_York: UK time.
		const [typed] = await ok({ ...create, sendAt: '2026-12-05T10:00:00' });
		expect(sendsAt(typed)).toBe('2026-12-05T10:00:00.000Z');
		expect(typed.london_time).toEqual({
			send_at: '2026-12-05 10:00:00 GMT',
			expires_at: '2026-12-06 10:00:00 GMT',
		});
		// The second 01:30 of 2027-10-31 (GMT) is written 01:30, which PHP reads as that one.
		const [second] = await ok({ ...create, sendAt: '2027-10-31T01:30:00Z' });
		expect(sendsAt(second)).toBe('2027-10-31T01:30:00.000Z');
		// The first (BST) has no text PHP reads as meant: refused, nothing created.
		const before = sandbox().store.sending.campaigns.size;
		const { error } = await run({ ...create, sendAt: '2027-10-31T00:30:00Z' });
		expect(error?.message).toMatch(/falls in the hour London's clock shows twice/);
		expect(sandbox().store.sending.campaigns.size).toBe(before);
	});

	test('Send Test puts one rendered message in the outbox and outputs the campaign record', async () => {
		const template = await offerTemplate();
		const [record] = await ok({
			resource: 'campaign',
			operation: 'sendTest',
			phoneNumber: '+44 7700 900999',
			template: fromList(template.uuid as string),
			senderName: fromList('88440'),
			name: 'Welcome',
			customFields: { field: [{ name: 'first_name', value: 'Sam' }] },
		});
		expect(record).toMatchObject({
			uuid: expect.stringMatching(UUID),
			name: 'Welcome',
			sender: '88440',
			status: 0,
		});
		const sent = await outbox();
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			campaign_uuid: record.uuid,
			kind: 'test',
			to: '447700900999',
			from: '88440',
		});
		expect(sent[0].body).toMatch(/^Hi Sam, 20% off/);
	});
});

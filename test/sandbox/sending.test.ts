/** Sending in the sandbox over HTTP: senders, templates, campaigns on the driven clock, the outbox. */
import fc from 'fast-check';
import '../properties/config'; // the shared, printed seed (npm run test:fuzz varies it)
import { SandboxStore } from '../../sandbox';
import { call, TIMESTAMP, useSandbox, UUID } from './helpers';

const sandbox = useSandbox();

// Monday 2026-06-01 09:00 UTC = 10:00 in London (BST).
const START = '2026-06-01T09:00:00.000Z';

async function freeze() {
	const answer = await call(sandbox(), 'PUT', '/_sandbox/clock', {
		now: START,
		send_duration_ms: 60_000,
	});
	expect(answer.body.data).toEqual({
		now: '2026-06-01 10:00:00',
		iso: START,
		frozen: true,
		send_duration_ms: 60_000,
	});
}

const advance = (ms: number) => call(sandbox(), 'PUT', '/_sandbox/clock', { advance_ms: ms });
const outbox = async () => (await call(sandbox(), 'GET', '/_sandbox/outbox')).body.data;

async function template(body = 'Hi {first_name}, 20% off today: ::OFFER:: Text OPTOUT to stop') {
	const answer = await call(sandbox(), 'POST', '/templates', {
		name: 'Offer',
		body,
		sender: 'Sandbox',
	});
	expect(answer.status).toBe(201);
	return answer.body.data;
}

/** A group of three (one has opted out too) and a campaign to it, excluding default_optouts. */
async function scheduledCampaign(sendDate = '2026-06-01 11:00:00') {
	const store = sandbox().store;
	const group = store.seedContactGroup({
		name: 'Joiners',
		contacts: ['447700900001', '447700900002', '447700900003'],
		customFields: true,
	});
	store.addContacts(store.defaultOptoutsGroup, [{ phone_number: '447700900002' }]);
	const offer = await template();
	const answer = await call(sandbox(), 'POST', '/campaigns', {
		name: 'June offer',
		template_uuid: offer.uuid,
		sender: 'Sandbox',
		scheduled_send_date: sendDate,
		expiry_date: '2026-06-03 11:00:00',
		included_contact_groups: [group.uuid],
		excluded_contact_groups: [store.defaultOptoutsGroup.uuid],
	});
	expect(answer.status).toBe(201);
	return { group, offer, campaign: answer.body.data };
}

describe('senders', () => {
	test('the team starts with 88440 and its name, approved; a new sender waits for moderation', async () => {
		const listed = await call(sandbox(), 'GET', '/senders');
		expect(
			listed.body.data.map((sender: { sender: string; status: string }) => [
				sender.sender,
				sender.status,
			]),
		).toEqual([
			['88440', '1'],
			['Sandbox', '1'],
		]);
		const created = await call(sandbox(), 'POST', '/senders', { sender: 'NewSend' });
		expect(created.status).toBe(201);
		expect(created.body.data).toEqual({
			uuid: expect.stringMatching(UUID),
			team_id: '',
			sender: 'NewSend',
			status: '0',
			created_at: expect.stringMatching(TIMESTAMP),
			updated_at: expect.stringMatching(TIMESTAMP),
			links: [{ rel: 'self', uri: `${sandbox().url}/senders/${created.body.data.uuid}` }],
		});
		const approved = await call(
			sandbox(),
			'PUT',
			`/_sandbox/senders/${created.body.data.uuid}/moderation`,
			{ approved: true },
		);
		expect(approved.body.data.status).toBe('1');
		const renamed = await call(sandbox(), 'PUT', `/senders/${created.body.data.uuid}`, {
			sender: 'NewSendUp',
		});
		expect(renamed.body.data).toMatchObject({ sender: 'NewSendUp', status: '0' });
	});

	test.each([['AB'], ['TwelveLetter'], ['88440']])(
		'refuses %s (length, or taken) with 422',
		async (sender) => {
			const answer = await call(sandbox(), 'POST', '/senders', { sender });
			expect(answer.status).toBe(422);
			expect(Object.keys(answer.body.errors)).toEqual(['sender']);
		},
	);
});

describe('templates', () => {
	test('a template takes a sender the team has, even in moderation; one it lacks is refused (422) and not created; a body over 160 characters is refused', async () => {
		sandbox().store.sending.createSender('Brand');
		const created = await call(sandbox(), 'POST', '/templates', {
			name: 'T',
			body: 'Hello',
			sender: 'Brand',
		});
		expect(created.body.data).toEqual({
			uuid: expect.stringMatching(UUID),
			name: 'T',
			body: 'Hello',
			links: [],
			is_locked: false,
			sender: 'Brand',
			created_at: expect.stringMatching(TIMESTAMP),
			updated_at: expect.stringMatching(TIMESTAMP),
		});
		// What Passona answered for a sender typed By Name that the team lacked (issue 21).
		for (const [method, path] of [
			['POST', '/templates'],
			['PUT', `/templates/${created.body.data.uuid}`],
		] as const) {
			const unknown = await call(sandbox(), method, path, {
				name: 'T',
				body: 'Hello',
				sender: 'SummerSale',
			});
			expect(unknown.status).toBe(422);
			expect(unknown.body.errors).toEqual({ sender: ['The selected sender is invalid.'] });
		}
		expect(sandbox().store.sending.findSender('SummerSale')).toBeUndefined();
		const long = await call(sandbox(), 'POST', '/templates', {
			name: 'T',
			body: 'x'.repeat(161),
			sender: 'Sandbox',
		});
		expect(long.status).toBe(422);
	});

	test('preview fills in example custom fields and tracked links', async () => {
		const offer = await template();
		const preview = await call(sandbox(), 'GET', `/templates/${offer.uuid}/preview`);
		expect(preview.body.data.body).toMatch(
			/^Hi Jane, 20% off today: https:\/\/psms\.io\/[\w-]{6} Text OPTOUT to stop$/,
		);
	});
});

describe('a campaign on the clock', () => {
	test('scheduled → sending (outbox, locks) → sent, never reaching an excluded number', async () => {
		await freeze();
		const { group, offer, campaign } = await scheduledCampaign();
		expect(campaign).toEqual({
			uuid: expect.stringMatching(UUID),
			team_uuid: '4db7d890-f63c-11e9-afc6-0a58646002d8',
			name: 'June offer',
			sender: 'Sandbox',
			scheduled_send_date: '2026-06-01 11:00:00',
			expiry_date: '2026-06-03 11:00:00',
			status: 0,
			included_contact_groups: [group.uuid],
			excluded_contact_groups: [sandbox().store.defaultOptoutsGroup.uuid],
			started_sending_at: '',
			template_uuid: offer.uuid,
			finished_sending_at: '',
			created_at: '2026-06-01 10:00:00',
			updated_at: '',
		});
		expect(await outbox()).toEqual([]);

		await advance(3_600_000); // 11:00 London: sending
		const [sending] = (await call(sandbox(), 'GET', '/campaigns')).body.data;
		expect(sending).toMatchObject({
			status: 1,
			started_sending_at: '2026-06-01 11:00:00',
			finished_sending_at: '',
		});
		const messages = await outbox();
		expect(messages.map((message: { to: string }) => message.to)).toEqual([
			'447700900001',
			'447700900003',
		]);
		expect(messages[0]).toEqual({
			id: 1,
			campaign_uuid: campaign.uuid,
			kind: 'campaign',
			to: '447700900001',
			from: 'Sandbox',
			body: expect.stringMatching(
				/^Hi First0, 20% off today: https:\/\/psms\.io\/[\w-]{6} Text OPTOUT to stop$/,
			),
			sent_at: '2026-06-01 11:00:00',
		});
		// Everything the sending campaign uses is locked.
		expect(
			(await call(sandbox(), 'PUT', `/contact-groups/${group.uuid}`, { name: 'x' })).status,
		).toBe(423);
		expect((await call(sandbox(), 'PUT', `/templates/${offer.uuid}`, { body: 'x' })).status).toBe(
			423,
		);
		expect((await call(sandbox(), 'GET', `/templates/${offer.uuid}`)).body.data.is_locked).toBe(
			true,
		);
		expect(
			(await call(sandbox(), 'PUT', `/campaigns/${campaign.uuid}`, { name: 'x' })).status,
		).toBe(423);
		expect((await call(sandbox(), 'DELETE', `/campaigns/${campaign.uuid}`)).status).toBe(423);

		await advance(60_000); // the send takes a minute of clock time
		const [sent] = (await call(sandbox(), 'GET', '/campaigns')).body.data;
		expect(sent).toMatchObject({
			status: 2,
			started_sending_at: '2026-06-01 11:00:00',
			finished_sending_at: '2026-06-01 11:01:00',
			updated_at: '2026-06-01 11:01:00',
		});
		expect(
			(await call(sandbox(), 'PUT', `/contact-groups/${group.uuid}`, { name: 'x' })).status,
		).toBe(200);
		expect((await call(sandbox(), 'PUT', `/templates/${offer.uuid}`, { body: 'New' })).status).toBe(
			200,
		);
		const late = await call(sandbox(), 'PUT', `/campaigns/${campaign.uuid}`, { name: 'x' });
		expect(late.status).toBe(422);
		expect(late.body.message).toBe(
			'The campaign can no longer be changed: it has started sending or its send date has passed.',
		);
		expect((await call(sandbox(), 'DELETE', `/campaigns/${campaign.uuid}`)).status).toBe(204);
		expect(await outbox()).toHaveLength(2);
	});

	test('a campaign neither clears a lock set by hand when it finishes nor loses its own to a hand unlock', async () => {
		await freeze();
		const { group } = await scheduledCampaign();
		const other = sandbox().store.seedContactGroup({ name: 'Other', contacts: 1 });
		const lock = (uuid: string, locked: boolean) =>
			call(sandbox(), 'PUT', `/_sandbox/contact-groups/${uuid}/lock`, { locked });
		const rename = async (uuid: string) =>
			(await call(sandbox(), 'PUT', `/contact-groups/${uuid}`, { name: 'x' })).status;
		const sync = async (groups: string[]) =>
			(await call(sandbox(), 'POST', '/contact/sync/groups', { contact: '447700900001', groups }))
				.status;
		expect((await lock(group.uuid, true)).status).toBe(200);

		await advance(3_600_000); // sending
		expect((await lock(group.uuid, false)).status).toBe(200); // the campaign still holds it
		expect(await rename(group.uuid)).toBe(423);
		expect(await sync([other.uuid])).toBe(423); // would take 447700900001 out of the group
		expect((await lock(group.uuid, true)).status).toBe(200);

		await advance(60_000); // sent: the hand lock stays
		expect(await rename(group.uuid)).toBe(423);
		expect(await sync([other.uuid])).toBe(423);
		expect((await lock(group.uuid, false)).status).toBe(200);
		expect(await rename(group.uuid)).toBe(200);
		expect(await sync([other.uuid])).toBe(200);
	});

	test('a jump past start and finish goes through both; a scheduled campaign can be updated and deleted', async () => {
		await freeze();
		const { campaign } = await scheduledCampaign('2026-06-01 12:00:00');
		const updated = await call(sandbox(), 'PUT', `/campaigns/${campaign.uuid}`, {
			name: 'Renamed',
			scheduled_send_date: '2026-06-01 10:30:00',
		});
		expect(updated.body.data).toMatchObject({
			name: 'Renamed',
			scheduled_send_date: '2026-06-01 10:30:00',
			updated_at: '2026-06-01 10:00:00',
		});
		await advance(86_400_000);
		const [sent] = (await call(sandbox(), 'GET', '/campaigns')).body.data;
		expect(sent).toMatchObject({
			status: 2,
			started_sending_at: '2026-06-01 10:30:00',
			finished_sending_at: '2026-06-01 10:31:00',
		});
	});

	test('no endpoint for one campaign (405); bad dates, senders and groups are 422', async () => {
		await freeze();
		const { campaign, offer, group } = await scheduledCampaign();
		expect((await call(sandbox(), 'GET', `/campaigns/${campaign.uuid}`)).status).toBe(405);
		await call(sandbox(), 'POST', '/senders', { sender: 'Pending' });
		const body = {
			name: 'Bad',
			template_uuid: offer.uuid,
			sender: 'Pending',
			scheduled_send_date: '2026-06-01 09:00:00',
			expiry_date: '2026-06-01 08:00:00',
			included_contact_groups: [group.uuid, '00000000-0000-4000-8000-000000000000'],
		};
		const bad = await call(sandbox(), 'POST', '/campaigns', body);
		expect(bad.status).toBe(422);
		expect(bad.body.errors).toEqual({
			sender: ['The sender "Pending" is awaiting moderation.'],
			'included_contact_groups.1': ['The selected included_contact_groups.1 is invalid.'],
			scheduled_send_date: ['The scheduled send date must be a date after or equal to now.'],
			expiry_date: ['The expiry date must be a date after scheduled send date.'],
		});
		const format = await call(sandbox(), 'POST', '/campaigns', {
			...body,
			sender: 'Sandbox',
			scheduled_send_date: '2026-06-01T11:00:00Z',
		});
		expect(format.body.errors.scheduled_send_date).toEqual([
			'The scheduled send date does not match the format Y-m-d H:i:s.',
		]);
	});

	test('Send Test: one message to one number, rendered with its custom fields, recorded as a campaign', async () => {
		await freeze();
		const offer = await template('Welcome {first_name}! Reply OPTOUT to stop');
		const answer = await call(sandbox(), 'POST', '/campaigns/send-test', {
			name: 'Welcome',
			template_uuid: offer.uuid,
			sender: '88440',
			contact_number: '447700900999',
			custom_fields: { first_name: 'Sam' },
		});
		expect(answer.body.data).toMatchObject({
			name: 'Welcome',
			status: 0,
			scheduled_send_date: '2026-06-01 10:00:00',
			expiry_date: '2026-06-03 10:00:00',
			included_contact_groups: [],
			started_sending_at: '',
		});
		expect(await outbox()).toEqual([
			{
				id: 1,
				campaign_uuid: answer.body.data.uuid,
				kind: 'test',
				to: '447700900999',
				from: '88440',
				body: 'Welcome Sam! Reply OPTOUT to stop',
				sent_at: '2026-06-01 10:00:00',
			},
		]);
		expect((await call(sandbox(), 'GET', '/_sandbox/outbox?to=447700900001')).body.data).toEqual(
			[],
		);
	});
});

test('property: a campaign reaches each number of its groups once, and never one in an excluded group', () => {
	const phone = fc.integer({ min: 0, max: 30 }).map((n) => String(447700900000 + n));
	const groups = fc.array(fc.uniqueArray(phone, { maxLength: 12 }), { minLength: 1, maxLength: 5 });
	fc.assert(
		fc.property(
			groups,
			fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
			(members, excludedFlags) => {
				const store = new SandboxStore({ jobDelayMs: 0 });
				store.sending.clock.freeze(Date.parse(START));
				const made = members.map((contacts, i) =>
					store.seedContactGroup({ name: `G${i}`, contacts }),
				);
				const included = made.filter((_, i) => !excludedFlags[i]);
				const excluded = made.filter((_, i) => excludedFlags[i]);
				store.sending.templates.set('t', {
					uuid: 't',
					name: 't',
					body: 'Hi',
					sender: 'Sandbox',
					created_at: '',
					updated_at: '',
				});
				store.sending.createCampaign({
					name: 'c',
					template_uuid: 't',
					sender: 'Sandbox',
					scheduled_send_date: store.sending.date(),
					expiry_date: store.sending.date(Date.parse(START) + 86_400_000),
					included_contact_groups: included.map((group) => group.uuid),
					excluded_contact_groups: excluded.map((group) => group.uuid),
				});
				store.sending.tick();
				const reached = store.sending.outbox.map((message) => message.to);
				const banned = new Set(excluded.flatMap((group) => [...group.contacts.keys()]));
				const expected = new Set(
					included.flatMap((group) => [...group.contacts.keys()]).filter((n) => !banned.has(n)),
				);
				expect(new Set(reached)).toEqual(expected);
				expect(reached).toHaveLength(expected.size);
				store.cancelJobs();
			},
		),
		{ numRuns: 200 },
	);
});

describe('the clock control', () => {
	test('freezes, advances, runs again from where it stood; bad values are 422', async () => {
		await freeze();
		expect((await advance(90_000)).body.data.now).toBe('2026-06-01 10:01:30');
		const running = await call(sandbox(), 'PUT', '/_sandbox/clock', { frozen: false });
		expect(running.body.data.frozen).toBe(false);
		expect(Date.parse(running.body.data.iso)).toBeGreaterThanOrEqual(Date.parse(START) + 90_000);
		const bad = await call(sandbox(), 'PUT', '/_sandbox/clock', { now: 'soon', advance_ms: -1 });
		expect(bad.status).toBe(422);
		expect(Object.keys(bad.body.errors).sort()).toEqual(['advance_ms', 'now']);
		await call(sandbox(), 'POST', '/_sandbox/reset');
		expect((await call(sandbox(), 'GET', '/_sandbox/clock')).body.data).toMatchObject({
			frozen: false,
			send_duration_ms: 1000,
		});
	});

	test('a campaign whose expiry is not after its send date never starts (status 3)', () => {
		const store = new SandboxStore({ jobDelayMs: 0 });
		store.sending.clock.freeze(Date.parse(START));
		const group = store.seedContactGroup({ name: 'G', contacts: 2 });
		const made = store.sending.createCampaign({
			name: 'c',
			template_uuid: 't',
			sender: 'Sandbox',
			scheduled_send_date: '2026-06-01 10:00:00',
			expiry_date: '2026-06-01 10:00:00',
			included_contact_groups: [group.uuid],
			excluded_contact_groups: [],
		});
		store.sending.tick();
		expect(made.status).toBe(3);
		expect(store.sending.outbox).toEqual([]);
	});
});

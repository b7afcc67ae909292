/** What the campaign trigger reports, from lists alone (no HTTP). */
import {
	campaignEvents,
	FORGET_AFTER_DAYS,
	latestEvent,
	type CampaignEvent,
	type SeenCampaigns,
} from '../../nodes/PassonaCampaignTrigger/events';

const all = new Set<CampaignEvent>(['startedSending', 'finishedSending']);
/** The poll's clock (Passona's format); the lists below are dated around it. */
const NOW = '2026-03-31 12:00:00';
const c = (uuid: string, started = '', finished = '', status?: number) => ({
	uuid,
	started_sending_at: started,
	finished_sending_at: finished,
	status: status ?? (finished ? 2 : 0),
});
const report = (campaigns: unknown[], seen?: SeenCampaigns) =>
	campaignEvents(campaigns, { campaigns: seen }, all, NOW).events.map(
		({ event, campaign }) => `${event} ${String(campaign.uuid)}`,
	);
const T1 = '2026-03-30 10:00:00';
const T2 = '2026-03-30 11:00:00';
const T3 = '2026-03-30 12:00:00';
/** What a poll remembers: `seen.campaigns`. */
const remembered = (campaigns: unknown[], seen?: SeenCampaigns) =>
	campaignEvents(campaigns, { campaigns: seen }, all, NOW).seen.campaigns;

describe('campaignEvents', () => {
	test('the first look takes stock and reports nothing; a campaign not started yet needs no entry', () => {
		expect(campaignEvents([c('a', T1, T2), c('b', T3), c('c')], {}, all, NOW)).toEqual({
			events: [],
			seen: { campaigns: { a: `sf@${T2}`, b: `s@${T3}` }, forgetBefore: '2026-02-28 12:00:00' },
		});
	});

	test('status 2 counts as finished (and started) even without times; null times count as unset', () => {
		expect(report([c('a', '', '', 2)], {})).toEqual(['startedSending a', 'finishedSending a']);
		expect(
			report([{ uuid: 'b', started_sending_at: null, finished_sending_at: null, status: 0 }], {}),
		).toEqual([]);
	});

	test('entries without a uuid, and anything that is not an object, are passed over', () => {
		expect(
			campaignEvents(
				[null, 'x', { name: 'no uuid', started_sending_at: T1 }, c('a', T1)],
				{ campaigns: {} },
				all,
				NOW,
			),
		).toEqual({
			events: [{ event: 'startedSending', campaign: c('a', T1) }],
			seen: { campaigns: { a: `s@${T1}` }, forgetBefore: '2026-02-28 10:00:00' },
		});
	});

	test('a campaign missing from lists (pages shifting, or deleted) is kept, and fires nothing when it shows again', () => {
		let seen = remembered([c('b')], { a: `sf@${T2}`, b: '' });
		expect(seen).toEqual({ a: `sf@${T2}` });
		seen = remembered([c('b')], seen);
		seen = remembered([c('b')], seen);
		seen = remembered([c('b')], seen);
		expect(seen).toEqual({ a: `sf@${T2}` });
		expect(report([c('a', T1, T2), c('b')], seen)).toEqual([]);
	});

	test('a list older than what was seen takes nothing back: the state only moves forward', () => {
		expect(remembered([c('a'), c('b', T1)], { a: `sf@${T2}`, b: `s@${T1}` })).toEqual({
			a: `sf@${T2}`,
			b: `s@${T1}`,
		});
		expect(report([c('a'), c('b', T1)], { a: `sf@${T2}`, b: `s@${T1}` })).toEqual([]);
	});

	test('entries written before "@" existed ("sf", "sf~2") are read, and dated by the list or the poll', () => {
		expect(report([c('a', T1, T2), c('b', T1)], { a: 'sf~2', b: 's' })).toEqual([]);
		expect(remembered([c('a', T1, T2), c('b', T1, T3)], { a: 'sf~2', b: 's', x: 'sf' })).toEqual({
			a: `sf@${T2}`,
			b: `sf@${T3}`,
			x: `sf@${NOW}`,
		});
	});

	test('a campaign listed twice in one poll (on two pages) is reported once', () => {
		expect(report([c('a', T1), c('b'), c('a', T1)], {})).toEqual(['startedSending a']);
	});

	test('events come in the order they happened, across campaigns', () => {
		const list = [
			c('a', '2026-01-01 10:00:05', '2026-01-01 10:09:00'),
			c('b', '2026-01-01 10:00:01', '2026-01-01 10:03:00'),
		];
		expect(report(list, {})).toEqual([
			'startedSending b',
			'startedSending a',
			'finishedSending b',
			'finishedSending a',
		]);
	});

	test('latestEvent is the most recent start or finish of those wanted, however old', () => {
		const list = [
			c('a', '2019-01-01 10:00:05', '2019-01-01 10:09:00'),
			{ ...c('b', '2019-01-01 10:10:00'), updated_at: NOW },
		];
		expect(latestEvent(list, all)).toEqual({ event: 'startedSending', campaign: list[1] });
		expect(latestEvent(list, new Set<CampaignEvent>(['finishedSending']))).toEqual({
			event: 'finishedSending',
			campaign: list[0],
		});
		expect(latestEvent([c('x')], all)).toBeUndefined();
	});
});

describe(`forgetting campaigns ${FORGET_AFTER_DAYS} days after their last event`, () => {
	const uuid = (n: number) => `cfb31368-f98a-11e9-9f54-${String(n).padStart(12, '0')}`;
	/** `n` days before NOW, on the same clock. */
	const daysAgo = (n: number) =>
		new Date(Date.parse(`${NOW.replace(' ', 'T')}Z`) - n * 86_400_000)
			.toISOString()
			.slice(0, 19)
			.replace('T', ' ');

	test('100,000 campaigns, all but 100 finished long ago: the state holds the 100 (it held all 100,000: 4.2 MiB)', () => {
		const old = Array.from({ length: 100_000 }, (_, n) =>
			c(uuid(n), daysAgo(400 - n / 1000), daysAgo(399 - n / 1000)),
		);
		const recent = Array.from({ length: 100 }, (_, n) => c(uuid(200_000 + n), daysAgo(2)));
		const list = [...old, ...recent];
		let { seen } = campaignEvents(list, {}, all, NOW);
		const again = campaignEvents(list, seen, all, NOW);
		expect(again.events).toEqual([]);
		seen = again.seen;
		expect(Object.keys(seen.campaigns!)).toEqual(recent.map((campaign) => campaign.uuid));
		// Counted from the latest time listed (2 days ago), earlier than the poll's clock.
		expect(seen.forgetBefore).toBe(daysAgo(2 + FORGET_AFTER_DAYS));
		const bytes = JSON.stringify(seen).length;
		expect(bytes).toBeLessThan(8_000);
		// The figure docs/triggers.md gives.
		expect(bytes).toBe(6_352);
	});

	test(`an event ${FORGET_AFTER_DAYS} days old is remembered; older, it counts as seen without being remembered`, () => {
		const list = [
			c('kept', daysAgo(31), daysAgo(FORGET_AFTER_DAYS)),
			c('gone', daysAgo(32), daysAgo(FORGET_AFTER_DAYS + 0.01)),
			c('new', NOW),
		];
		const { seen } = campaignEvents(list, { campaigns: {} }, all, NOW);
		expect(seen.campaigns).toEqual({ kept: `sf@${daysAgo(FORGET_AFTER_DAYS)}`, new: `s@${NOW}` });
		// New to the trigger: what is recent fires once (not kept's start, 31 days old), never again.
		expect(report(list, {})).toEqual(['finishedSending kept', 'startedSending new']);
		expect(campaignEvents(list, seen, all, NOW).events).toEqual([]);
	});

	test('a campaign started long ago that finishes now fires only its finish', () => {
		expect(report([c('a', daysAgo(45), daysAgo(0))], {})).toEqual(['finishedSending a']);
	});

	test('a deleted campaign is forgotten once its last event is old', () => {
		const seen = { a: `sf@${daysAgo(29)}`, b: `sf@${daysAgo(31)}`, c: 's' };
		expect(remembered([c('d', daysAgo(0))], seen)).toEqual({
			a: `sf@${daysAgo(29)}`,
			c: `s@${NOW}`,
			d: `s@${daysAgo(0)}`,
		});
	});

	test('the horizon only moves forward: a lagging list or a clock set back brings nothing forgotten back', () => {
		const forgetBefore = daysAgo(FORGET_AFTER_DAYS);
		// A list whose newest time is 20 days old, read by a poll whose clock is a year behind.
		const lagging = [c('old', daysAgo(40), daysAgo(35)), c('x', daysAgo(20))];
		const outcome = campaignEvents(
			lagging,
			{ campaigns: {}, forgetBefore },
			all,
			'2025-03-31 12:00:00',
		);
		expect(outcome.seen.forgetBefore).toBe(forgetBefore);
		expect(
			outcome.events.map(({ event, campaign }) => `${event} ${String(campaign.uuid)}`),
		).toEqual(['startedSending x']);
	});

	test("neither a campaign dated in the future nor a clock running ahead moves the horizon past the other's time", () => {
		const future = [c('a', '2099-01-01 00:00:00'), c('b', daysAgo(10))];
		expect(campaignEvents(future, {}, all, NOW).seen.forgetBefore).toBe(daysAgo(FORGET_AFTER_DAYS));
		expect(
			campaignEvents([c('b', daysAgo(10))], {}, all, '2099-01-01 00:00:00').seen.forgetBefore,
		).toBe(daysAgo(10 + FORGET_AFTER_DAYS));
	});

	test('an event without a time is remembered for as long as it is listed, so it never fires twice', () => {
		const undated = c('a', '', '', 2);
		let seen = campaignEvents([undated], { campaigns: {} }, all, NOW).seen;
		// A year of polls later, with other campaigns dated around them.
		for (const day of [100, 200, 365]) {
			const now = daysAgo(-day);
			const outcome = campaignEvents([undated, c('b', now)], seen, all, now);
			expect(outcome.events.map(({ campaign }) => campaign.uuid)).toEqual(day === 100 ? ['b'] : []);
			seen = outcome.seen;
		}
		expect(seen.campaigns!.a).toBe(`sf@${daysAgo(-365)}`);
	});

	test('an impossible time counts as none (and breaks nothing)', () => {
		const odd = { ...c('a', '2026-13-45 25:61:00', '2026-00-00 99:00:00'), updated_at: 'soon' };
		expect(campaignEvents([odd], { campaigns: {} }, all, NOW)).toMatchObject({
			seen: { campaigns: { a: `sf@${NOW}` } },
		});
	});

	test('a list without any time moves no horizon, and forgets nothing', () => {
		expect(campaignEvents([c('a', '', '', 2)], { campaigns: { b: 's' } }, all, NOW).seen).toEqual({
			campaigns: { a: `sf@${NOW}`, b: `s@${NOW}` },
		});
	});
});

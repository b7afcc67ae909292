/** What the campaign trigger reports, from lists alone (no HTTP). */
import {
	campaignEvents,
	latestEvent,
	type CampaignEvent,
} from '../../nodes/PassonaCampaignTrigger/events';

const all = new Set<CampaignEvent>(['startedSending', 'finishedSending']);
const c = (uuid: string, started = '', finished = '', status?: number) => ({
	uuid,
	started_sending_at: started,
	finished_sending_at: finished,
	status: status ?? (finished ? 2 : 0),
});
const report = (campaigns: unknown[], seen?: Record<string, string>) =>
	campaignEvents(campaigns, seen, all).events.map(
		({ event, campaign }) => `${event} ${String(campaign.uuid)}`,
	);

describe('campaignEvents', () => {
	test('the first look takes stock and reports nothing', () => {
		expect(campaignEvents([c('a', 't1', 't2'), c('b', 't3'), c('c')], undefined, all)).toEqual({
			events: [],
			seen: { a: 'sf', b: 's', c: '' },
		});
	});

	test('status 2 counts as finished (and started) even without times; null times count as unset', () => {
		expect(report([c('a', '', '', 2)], { a: '' })).toEqual([
			'startedSending a',
			'finishedSending a',
		]);
		expect(
			report([{ uuid: 'b', started_sending_at: null, finished_sending_at: null, status: 0 }], {}),
		).toEqual([]);
	});

	test('entries without a uuid, and anything that is not an object, are passed over', () => {
		expect(
			campaignEvents(
				[null, 'x', { name: 'no uuid', started_sending_at: 't' }, c('a', 't')],
				{},
				all,
			),
		).toEqual({
			events: [{ event: 'startedSending', campaign: c('a', 't') }],
			seen: { a: 's' },
		});
	});

	test('a campaign missing from one list (pages shifting) is kept; missing from 3 lists in a row (deleted), forgotten', () => {
		let { seen } = campaignEvents([c('b')], { a: 'sf', b: '' }, all);
		expect(seen).toEqual({ b: '', a: 'sf~1' });
		expect(report([c('a', 't1', 't2'), c('b')], seen)).toEqual([]);
		({ seen } = campaignEvents([c('b')], seen, all));
		expect(seen).toEqual({ b: '', a: 'sf~2' });
		({ seen } = campaignEvents([c('b')], seen, all));
		expect(seen).toEqual({ b: '' });
	});

	test('a list older than what was seen takes nothing back: the state only moves forward', () => {
		expect(campaignEvents([c('a'), c('b', 't1')], { a: 'sf', b: 's' }, all)).toEqual({
			events: [],
			seen: { a: 'sf', b: 's' },
		});
	});

	test('a campaign listed twice in one poll (on two pages) is reported once', () => {
		expect(report([c('a', 't1'), c('b'), c('a', 't1')], { a: '', b: '' })).toEqual([
			'startedSending a',
		]);
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

	test('latestEvent is the most recent start or finish of those wanted', () => {
		const list = [
			c('a', '2026-01-01 10:00:05', '2026-01-01 10:09:00'),
			c('b', '2026-01-01 10:10:00'),
		];
		expect(latestEvent(list, all)).toEqual({ event: 'startedSending', campaign: list[1] });
		expect(latestEvent(list, new Set<CampaignEvent>(['finishedSending']))).toEqual({
			event: 'finishedSending',
			campaign: list[0],
		});
		expect(latestEvent([c('x')], all)).toBeUndefined();
	});
});

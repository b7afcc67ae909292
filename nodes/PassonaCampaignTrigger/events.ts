/**
 * Which campaign events a poll reports, from Passona's campaign list and what earlier polls saw.
 * Pure: the trigger keeps `seen` in the workflow's static data between polls.
 */

export type CampaignEvent = 'startedSending' | 'finishedSending';

export const CAMPAIGN_EVENTS: CampaignEvent[] = ['startedSending', 'finishedSending'];

/**
 * Per campaign uuid, what earlier polls have seen: "s" started, "f" finished ("sf" both), then
 * "~N" when the campaign was missing from the last N lists.
 */
export type SeenCampaigns = Record<string, string>;

/**
 * A campaign missing from this many lists in a row is forgotten (deleted). Not at once: a list
 * read page by page while campaigns are added can skip one, and forgetting it would fire its
 * events again when it reappears.
 */
export const MISSES_BEFORE_FORGETTING = 3;

export interface CampaignEventItem {
	event: CampaignEvent;
	campaign: Record<string, unknown>;
}

export interface PollOutcome {
	events: CampaignEventItem[];
	seen: SeenCampaigns;
}

/** Passona writes an unset time as "" (the SDK's examples); null is treated the same. */
const isSet = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** status 2 is the only finished status Passona's documentation shows. */
const FINISHED_STATUS = 2;

function stateOf(campaign: Record<string, unknown>): string {
	const finished =
		isSet(campaign.finished_sending_at) || Number(campaign.status) === FINISHED_STATUS;
	const started = finished || isSet(campaign.started_sending_at);
	return `${started ? 's' : ''}${finished ? 'f' : ''}`;
}

/** The letters of both, in the order "sf". */
const union = (a: string, b: string) =>
	['s', 'f'].filter((l) => a.includes(l) || b.includes(l)).join('');

function timeOf(item: CampaignEventItem): string {
	const value =
		item.campaign[item.event === 'startedSending' ? 'started_sending_at' : 'finished_sending_at'];
	return typeof value === 'string' ? value : '';
}

/**
 * With no `seen` yet (the poll at activation), everything listed is taken as already seen and
 * nothing is reported: campaigns that started or finished before activation fire nothing. After
 * that, each campaign's start and finish are reported once each, the first time a poll sees
 * them (a campaign that started and finished between two polls gives both, start first), in the
 * order they happened. Events not `wanted` are marked seen without being reported. A campaign
 * missing from MISSES_BEFORE_FORGETTING lists in a row (deleted) is forgotten.
 */
export function campaignEvents(
	campaigns: unknown[],
	seen: SeenCampaigns | undefined,
	wanted: ReadonlySet<CampaignEvent>,
): PollOutcome {
	const next: SeenCampaigns = {};
	const events: CampaignEventItem[] = [];
	for (const entry of campaigns) {
		if (entry === null || typeof entry !== 'object') continue;
		const campaign = entry as Record<string, unknown>;
		// A campaign listed twice (pages shifting while read) counts once.
		if (typeof campaign.uuid !== 'string' || campaign.uuid === '' || campaign.uuid in next)
			continue;
		const now = stateOf(campaign);
		const before = (seen?.[campaign.uuid] ?? '').split('~')[0];
		// Merged, never replaced: a list older than what was seen (a slow poll finishing after a
		// later one, a lagging list) takes nothing back, so nothing fires twice.
		next[campaign.uuid] = union(before, now);
		if (seen === undefined) continue;
		if (now.includes('s') && !before.includes('s') && wanted.has('startedSending')) {
			events.push({ event: 'startedSending', campaign });
		}
		if (now.includes('f') && !before.includes('f') && wanted.has('finishedSending')) {
			events.push({ event: 'finishedSending', campaign });
		}
	}
	for (const [uuid, state] of Object.entries(seen ?? {})) {
		if (uuid in next) continue;
		const [letters, misses] = state.split('~');
		const missed = Number(misses ?? 0) + 1;
		if (missed < MISSES_BEFORE_FORGETTING) next[uuid] = `${letters}~${missed}`;
	}
	// Stable sort: equal times keep the list's order, and a campaign's start stays before its finish.
	events.sort((a, b) => (timeOf(a) < timeOf(b) ? -1 : timeOf(a) > timeOf(b) ? 1 : 0));
	return { events, seen: next };
}

/** For "Fetch Test Event": the latest event in the list, whatever was seen before. */
export function latestEvent(
	campaigns: unknown[],
	wanted: ReadonlySet<CampaignEvent>,
): CampaignEventItem | undefined {
	const { events } = campaignEvents(campaigns, {}, wanted);
	return events[events.length - 1];
}

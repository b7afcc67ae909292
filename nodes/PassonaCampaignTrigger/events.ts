/**
 * Which campaign events a poll reports, from Passona's campaign list and what earlier polls saw.
 * Pure: the trigger keeps the `Seen` state in the workflow's static data between polls.
 */

export type CampaignEvent = 'startedSending' | 'finishedSending';

export const CAMPAIGN_EVENTS: CampaignEvent[] = ['startedSending', 'finishedSending'];

/**
 * Per campaign uuid, what earlier polls have seen: "s" started, "f" finished ("sf" both), then
 * "@" and the latest time those events can have happened (Passona's `YYYY-MM-DD HH:MM:SS`).
 * Entries written by earlier versions ("sf", "sf~2") are read as well.
 */
export type SeenCampaigns = Record<string, string>;

export interface Seen {
	/** Absent until the first poll (at activation) has taken stock of the campaigns. */
	campaigns?: SeenCampaigns;
	/**
	 * Events that happened before this time are taken as seen, remembered or not; it only moves
	 * forward. Campaigns whose every event is older are forgotten: this keeps the state small.
	 */
	forgetBefore?: string;
}

/**
 * How long after its last event a campaign is remembered. Counted back from the earlier of the
 * poll's clock and the latest time in Passona's list, so neither a clock running ahead nor a
 * campaign dated in the future makes the node forget early.
 */
export const FORGET_AFTER_DAYS = 30;

export interface CampaignEventItem {
	event: CampaignEvent;
	campaign: Record<string, unknown>;
}

export interface PollOutcome {
	events: CampaignEventItem[];
	seen: Seen;
}

type Letter = 's' | 'f';

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
	(['s', 'f'] as Letter[]).filter((letter) => a.includes(letter) || b.includes(letter)).join('');

/**
 * A Passona time as `YYYY-MM-DD HH:MM:SS` (an ISO "T" and anything after the seconds dropped);
 * undefined for anything else, an impossible date included.
 */
function passonaTime(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})/.exec(value.trim());
	if (!match || Number.isNaN(Date.parse(`${match[1]}T${match[2]}Z`))) return undefined;
	return `${match[1]} ${match[2]}`;
}

/**
 * The latest time an event can have happened: its own time, else a later one the campaign shows
 * (a start is no later than the finish, and both no later than `updated_at`); undefined if none.
 */
function latestTimeOf(campaign: Record<string, unknown>, letter: Letter): string | undefined {
	const fields =
		letter === 's'
			? ['started_sending_at', 'finished_sending_at', 'updated_at']
			: ['finished_sending_at', 'updated_at'];
	for (const field of fields) {
		const time = passonaTime(campaign[field]);
		if (time !== undefined) return time;
	}
	return undefined;
}

const later = (a: string | undefined, b: string | undefined) =>
	a === undefined ? b : b === undefined || a > b ? a : b;

/** `time` minus `days`, on the same clock. */
function daysBefore(time: string, days: number): string {
	const [date, clock] = time.split(' ');
	const instant = Date.parse(`${date}T${clock}Z`) - days * 86_400_000;
	return new Date(instant).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * What `forgetBefore` moves to after a list: FORGET_AFTER_DAYS before the latest time the list
 * shows, or before `now` if that is earlier. A list showing no time at all moves nothing.
 */
function nextForgetBefore(
	campaigns: unknown[],
	now: string,
	stored: string | undefined,
): string | undefined {
	let newest: string | undefined;
	for (const entry of campaigns) {
		if (entry === null || typeof entry !== 'object') continue;
		for (const field of ['started_sending_at', 'finished_sending_at', 'updated_at']) {
			newest = later(newest, passonaTime((entry as Record<string, unknown>)[field]));
		}
	}
	if (newest === undefined) return stored;
	// Only forward: a lagging list (an older newest time) or a clock set back forgets nothing back.
	return later(stored, daysBefore(newest < now ? newest : now, FORGET_AFTER_DAYS));
}

function readEntry(entry: string | undefined): { letters: string; latest?: string } {
	if (entry === undefined) return { letters: '' };
	const [letters, latest] = entry.split(/[~@]/);
	return { letters, latest: entry.includes('@') ? latest : undefined };
}

const EVENT_OF: Record<Letter, CampaignEvent> = { s: 'startedSending', f: 'finishedSending' };

/** The objects of a list with a uuid, each once (a campaign listed twice while pages shifted counts once). */
function listedCampaigns(campaigns: unknown[]): Map<string, Record<string, unknown>> {
	const listed = new Map<string, Record<string, unknown>>();
	for (const entry of campaigns) {
		if (entry === null || typeof entry !== 'object') continue;
		const campaign = entry as Record<string, unknown>;
		if (typeof campaign.uuid === 'string' && campaign.uuid !== '' && !listed.has(campaign.uuid))
			listed.set(campaign.uuid, campaign);
	}
	return listed;
}

/** The wanted events a campaign shows beyond the `known` letters, start first. */
function eventsOf(
	campaign: Record<string, unknown>,
	known: string,
	wanted: ReadonlySet<CampaignEvent>,
): CampaignEventItem[] {
	const shown = stateOf(campaign);
	return (['s', 'f'] as Letter[])
		.filter((letter) => shown.includes(letter) && !known.includes(letter))
		.map((letter) => ({ event: EVENT_OF[letter], campaign }))
		.filter(({ event }) => wanted.has(event));
}

function timeOf(item: CampaignEventItem): string {
	const value =
		item.campaign[item.event === 'startedSending' ? 'started_sending_at' : 'finished_sending_at'];
	return typeof value === 'string' ? value : '';
}

/** Stable sort: equal times keep the list's order, and a campaign's start stays before its finish. */
const inOrder = (events: CampaignEventItem[]) =>
	events.sort((a, b) => (timeOf(a) < timeOf(b) ? -1 : timeOf(a) > timeOf(b) ? 1 : 0));

/**
 * With no `seen.campaigns` yet (the poll at activation), everything listed is taken as already
 * seen and nothing is reported: campaigns that started or finished before activation fire
 * nothing. After that, each campaign's start and finish are reported once each, the first time a
 * poll sees them (a campaign that started and finished between two polls gives both, start
 * first), in the order they happened. Events not `wanted` are marked seen without being reported.
 *
 * What a list shows is merged into what was seen, never written over it: a list older than an
 * earlier poll's takes nothing back. Events older than `forgetBefore` count as seen; a campaign
 * whose every event is older is not remembered, listed or not (deleted). `now` is the poll's time
 * on Passona's clock, `YYYY-MM-DD HH:MM:SS`.
 */
export function campaignEvents(
	campaigns: unknown[],
	seen: Seen,
	wanted: ReadonlySet<CampaignEvent>,
	now: string,
): PollOutcome {
	const forgetBefore = nextForgetBefore(campaigns, now, seen.forgetBefore);
	const before = seen.campaigns;
	const next: SeenCampaigns = {};
	const remember = (uuid: string, letters: string, latest: string) => {
		if (letters !== '' && (forgetBefore === undefined || latest >= forgetBefore))
			next[uuid] = `${letters}@${latest}`;
	};
	const events: CampaignEventItem[] = [];
	const listed = listedCampaigns(campaigns);
	for (const [uuid, campaign] of listed) {
		const shown = stateOf(campaign);
		const stored = readEntry(before?.[uuid]);
		const timeOfLetter = (letter: Letter) => latestTimeOf(campaign, letter) ?? now;
		// Not remembered: events from before `forgetBefore` were seen (or forgotten once seen).
		const known =
			before?.[uuid] !== undefined
				? stored.letters
				: (['s', 'f'] as Letter[])
						.filter(
							(letter) =>
								shown.includes(letter) &&
								forgetBefore !== undefined &&
								timeOfLetter(letter) < forgetBefore,
						)
						.join('');
		// An event without a time counts as happening now for as long as it is listed: forgotten, it
		// could not be told from a new one.
		let latest = stored.latest;
		for (const letter of ['s', 'f'] as Letter[]) {
			if (shown.includes(letter)) latest = later(latest, timeOfLetter(letter));
			// Letters only an earlier list showed keep their time (unknown for a pre-"@" entry: now).
			else if (stored.letters.includes(letter)) latest = later(latest, stored.latest ?? now);
		}
		remember(uuid, union(known, shown), latest ?? now);
		if (before !== undefined) events.push(...eventsOf(campaign, known, wanted));
	}
	// Missing from this list (deleted, or a list read while pages shifted): kept until forgotten.
	for (const [uuid, entry] of Object.entries(before ?? {})) {
		if (listed.has(uuid)) continue;
		const { letters, latest } = readEntry(entry);
		remember(uuid, letters, latest ?? now);
	}
	return { events: inOrder(events), seen: { campaigns: next, forgetBefore } };
}

/** For "Fetch Test Event": the latest event in the list, whatever was seen before. */
export function latestEvent(
	campaigns: unknown[],
	wanted: ReadonlySet<CampaignEvent>,
): CampaignEventItem | undefined {
	const events = [...listedCampaigns(campaigns).values()].flatMap((campaign) =>
		eventsOf(campaign, '', wanted),
	);
	return inOrder(events).at(-1);
}

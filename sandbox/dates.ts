// Passona's dates as the sandbox reads and writes them: Laravel's `Y-m-d H:i:s` on London's clock
// (Passona states no zone; it is British, so its Laravel app is taken to run on Europe/London).
// Written from that contract alone, not from the node's date code, so that a mistake in the node's
// dates shows up as a campaign refused, or sent at the wrong time, by the sandbox.

const LONDON = 'Europe/London';
const DAY_MS = 86_400_000;

/** London's date and time of day, each field on its own (`year` in as many digits as it has). */
const clockFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: LONDON,
	hourCycle: 'h23',
	year: 'numeric',
	...Object.fromEntries(
		['month', 'day', 'hour', 'minute', 'second'].map((unit) => [unit, '2-digit']),
	),
});

const offsetFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: LONDON,
	timeZoneName: 'longOffset',
});

/** `Y-m-d H:i:s` of what London's clock shows at an instant (the year in at least four digits, as PHP's `Y`). */
export function londonClock(instant: number): string {
	const parts: Record<string, string> = {};
	for (const part of clockFormat.formatToParts(new Date(instant))) parts[part.type] = part.value;
	const { year, month, day, hour, minute, second } = parts;
	return `${year.padStart(4, '0')}-${month}-${day} ${hour}:${minute}:${second}`;
}

/** How far London's clock is ahead of UTC at an instant, in ms ("GMT+01:00" in summer, "GMT" in winter). */
function londonOffset(instant: number): number {
	const name = offsetFormat
		.formatToParts(new Date(instant))
		.find((part) => part.type === 'timeZoneName');
	const match = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name?.value ?? '');
	if (!match) throw new Error(`Unexpected offset name for London: ${name?.value}`);
	const [, sign, hours = '0', minutes = '0', seconds = '0'] = match;
	const ms = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
	return sign === '-' ? -ms : ms;
}

const FORMAT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The instant of a Passona date, or NaN when the text is not a time London's clock shows, which
 * Laravel's `date_format:Y-m-d H:i:s` refuses (it parses the text and formats it back):
 * - not that form (`2026-06-01T10:00:00Z`, `2026-6-1 10:00:00`), or no such date or time
 *   (`2026-02-30`, `24:00:00`);
 * - the hour London's clock skips (01:00 to 01:59 on the last Sunday of March): PHP moves it an
 *   hour on, and the formatted date no longer matches.
 * The hour that London's clock shows twice (01:00 to 01:59 on the last Sunday of October) is read
 * as PHP reads it: the second time, on GMT.
 */
export function readPassonaDate(text: string): number {
	const match = FORMAT.exec(text);
	if (!match) return NaN;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	// The same fields on UTC's clock (setUTCFullYear: Date.UTC would put years 0 to 99 in the 1900s).
	const asUtc = new Date(0);
	asUtc.setUTCFullYear(year, month - 1, day);
	asUtc.setUTCHours(hour, minute, second);
	const wall = asUtc.getTime();
	// London's clock changes at most once in any two days: its offsets a day either side are the
	// only ones it can show at that reading.
	const shows = [wall - londonOffset(wall - DAY_MS), wall - londonOffset(wall + DAY_MS)].filter(
		(instant) => londonClock(instant) === text,
	);
	return shows.length === 0 ? NaN : Math.max(...shows);
}

/**
 * Dates as Passona takes them: `YYYY-MM-DD HH:MM:SS`, no zone stated. Passona is British, so the
 * node writes every date as wall-clock time in Europe/London (GMT in winter, BST in summer), and
 * reads such a text back as Passona's PHP does (in the hour the clocks go back, the second time).
 * Pure: the zones are passed in, read with Intl; nothing comes from the environment.
 */
import { describeValue, InputError } from './input';

export const PASSONA_TIME_ZONE = 'Europe/London';

const HINT =
	'Use the date picker, an ISO date such as 2026-11-25T15:30:00 (read in the Time Zone field\'s zone) or 2026-11-25T15:30:00Z, or an expression such as {{ $now.plus(1, "hour") }}.';

const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const HOUR_MS = 3_600_000;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at an instant, in ms, from Intl's "GMT+01:00". */
function offsetAt(instant: number, timeZone: string): number {
	let found = offsetFormats.get(timeZone);
	if (!found) {
		found = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' });
		offsetFormats.set(timeZone, found);
	}
	const name = found.formatToParts(new Date(instant)).find((part) => part.type === 'timeZoneName');
	// "GMT" alone at UTC; seconds only for local mean times before time zones (London: -00:01:15).
	const match = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name?.value ?? '');
	if (!match) throw new Error(`Unexpected offset for ${timeZone}: ${name?.value}`);
	const [, sign, hours = '0', minutes = '0', seconds = '0'] = match;
	const ms = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
	return sign === '-' ? -ms : ms;
}

/**
 * The instants at which a zone's wall clock shows `wall` (its fields read as UTC, in ms): one
 * usually, two in the hour the clocks go back, none in the hour they skip.
 */
function instantsShowing(wall: number, timeZone: string): number[] {
	// The zone's offsets half a day either side cover any one change of clocks around `wall`.
	const candidates = [wall - offsetAt(wall - 43_200_000, timeZone)];
	const later = wall - offsetAt(wall + 43_200_000, timeZone);
	if (later !== candidates[0]) candidates.push(later);
	return candidates
		.filter((instant) => instant + offsetAt(instant, timeZone) === wall)
		.sort((a, b) => a - b);
}

/**
 * The instant a zone's wall clock shows the given time. In the spring gap (01:30 in London on
 * the last Sunday of March) it is the time an hour on; in the autumn overlap, the first (BST) one.
 */
export function zonedToInstant(wall: number, timeZone: string): number {
	const readings = instantsShowing(wall, timeZone);
	// No reading in a spring gap: the offset before the change puts it an hour on.
	return readings.length > 0 ? readings[0] : wall - offsetAt(wall - 43_200_000, timeZone);
}

/** `YYYY-MM-DD HH:MM:SS` of an instant on the zone's wall clock (the year in four digits, as PHP's Y). */
export function formatPassonaDate(instant: number, timeZone: string = PASSONA_TIME_ZONE): string {
	// The wall clock's fields are UTC's fields of the instant moved by the zone's offset.
	const wall = new Date(Math.floor(instant / 1000) * 1000 + offsetAt(instant, timeZone));
	const year = wall.getUTCFullYear();
	const digits = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
	return `${year < 0 ? '-' : ''}${digits(year, 4)}-${digits(wall.getUTCMonth() + 1)}-${digits(wall.getUTCDate())} ${digits(wall.getUTCHours())}:${digits(wall.getUTCMinutes())}:${digits(wall.getUTCSeconds())}`;
}

/** A date as the node read it: its instant, and how the user gave it, for messages. */
export interface DateReading {
	instant: number;
	/** e.g. "2026-12-05 10:00:00 London time", "2026-12-05 10:00:00 in America/New_York", "2026-12-05T10:00:00Z". */
	given: string;
}

/** How a zone is named in messages: London's as "London time", others by their IANA name. */
function inZone(text: string, timeZone: string): string {
	return timeZone === PASSONA_TIME_ZONE ? `${text} London time` : `${text} in ${timeZone}`;
}

/** The fields of a date and time read on UTC's clock, in ms; undefined when no such date or time. */
function wallTime(fields: number[]): number | undefined {
	const [year, month, day, hour, minute, second] = fields;
	// Not Date.UTC: it reads years 0 to 99 as 1900 to 1999.
	const wall = new Date(0);
	wall.setUTCFullYear(year, month - 1, day);
	wall.setUTCHours(hour, minute, second, 0);
	const real =
		month >= 1 &&
		month <= 12 &&
		wall.getUTCDate() === day &&
		wall.getUTCMonth() === month - 1 &&
		hour <= 23 &&
		minute <= 59 &&
		second <= 59;
	return real ? wall.getTime() : undefined;
}

/**
 * An instant from what n8n gives a date-time field: an ISO text (with Z or an offset it is
 * exact; without, it is read on `inputZone`'s wall clock, as n8n's date picker gives a date
 * without zone), a Date, or a Luxon DateTime from an expression.
 */
export function readDateInput(value: unknown, inputZone: string): DateReading {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new InputError('is not a valid date', HINT);
		return { instant: value.getTime(), given: value.toISOString() };
	}
	if (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	) {
		value = (value as { toISO: () => unknown }).toISO();
	}
	if (typeof value !== 'string' || value.trim() === '') {
		throw new InputError(`is not a date: got ${describeValue(value)}`, HINT);
	}
	const text = value.trim();
	const match = ISO.exec(text);
	if (!match) throw new InputError(`is not a date: ${describeValue(value)}`, HINT);
	const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = match;
	const wall = wallTime([y, mo, d, h, mi, s].map(Number));
	if (wall === undefined) {
		throw new InputError(`is not a real date: ${describeValue(value)}`, HINT);
	}
	if (zone === undefined) {
		const instant = zonedToInstant(wall, inputZone);
		return { instant, given: inZone(formatPassonaDate(instant, inputZone), inputZone) };
	}
	if (/^z$/i.test(zone)) return { instant: wall, given: text };
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
	return { instant: wall - sign * offset, given: text };
}

/** `readDateInput`'s instant alone. */
export function parseDateInput(value: unknown, inputZone: string): number {
	return readDateInput(value, inputZone).instant;
}

/** A date as messages show it: as given, and on London's clock when that says something more. */
export function describeDate(reading: DateReading): string {
	const london = inZone(formatPassonaDate(reading.instant), PASSONA_TIME_ZONE);
	return reading.given === london ? london : `${reading.given}, which is ${london}`;
}

/**
 * A Time Zone field's value: an IANA zone name (e.g. Europe/London), or `workflow` for the
 * workflow's own time zone (Workflow Settings → Timezone).
 */
export function parseTimeZone(value: unknown, workflowZone: string): string {
	const name = typeof value === 'string' ? value.trim() : '';
	if (name === WORKFLOW_TIME_ZONE) return workflowZone;
	try {
		if (name !== '')
			return new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
	} catch {
		// not a zone Intl knows: refused below
	}
	throw new InputError(
		`is not a time zone: ${describeValue(value)}`,
		'Choose one from the list, or give a time zone name such as Europe/London or America/New_York.',
	);
}

/** The Time Zone value that stands for the workflow's own time zone. */
export const WORKFLOW_TIME_ZONE = 'workflow';

/**
 * The instant Passona reads `formatPassonaDate(instant)` as. Passona's PHP takes a London time
 * that the clock shows twice (01:00 to 01:59 on the last Sunday of October) as the second one,
 * on GMT: an instant in the first pass of that hour (BST) comes back an hour later.
 */
export function passonaReadsAs(instant: number): number {
	const second = Math.floor(instant / 1000) * 1000;
	const readings = instantsShowing(second + offsetAt(second, PASSONA_TIME_ZONE), PASSONA_TIME_ZONE);
	return readings[readings.length - 1] ?? second;
}

/**
 * A Passona date (`YYYY-MM-DD HH:MM:SS`, London's clock) with the zone London's clock is on then,
 * as Passona reads it: "2026-12-05 10:00:00 GMT", "2026-06-05 10:00:00 BST". Undefined for
 * anything else (an empty date, a date Passona wrote in another form).
 */
export function labelPassonaDate(text: unknown): string | undefined {
	const match = typeof text === 'string' ? PASSONA_DATE.exec(text) : null;
	const wall = match ? wallTime(match.slice(1).map(Number)) : undefined;
	if (wall === undefined) return undefined;
	const readings = instantsShowing(wall, PASSONA_TIME_ZONE);
	if (readings.length === 0) return undefined;
	const offset = offsetAt(readings[readings.length - 1], PASSONA_TIME_ZONE);
	const zone =
		LONDON_ZONES[offset / HOUR_MS] ?? `UTC${offset < 0 ? '-' : '+'}${Math.abs(offset) / HOUR_MS}`;
	return `${text as string} ${zone}`;
}

const PASSONA_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** London's zones by their offset in hours: winter, summer, and the double summer time of 1941–47. */
const LONDON_ZONES: Record<number, string> = { 0: 'GMT', 1: 'BST', 2: 'BDST' };

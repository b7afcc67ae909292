/**
 * Dates as Passona takes them: `YYYY-MM-DD HH:MM:SS`, no zone stated. Passona is British, so the
 * node writes every date as wall-clock time in Europe/London (GMT in winter, BST in summer).
 * Pure: the zones are passed in, read with Intl; nothing comes from the environment.
 */
import { describeValue, InputError } from './input';

export const PASSONA_TIME_ZONE = 'Europe/London';

const HINT =
	'Use the date picker, an ISO date such as 2026-11-25T15:30:00 (read in the workflow\'s time zone) or 2026-11-25T15:30:00Z, or an expression such as {{ $now.plus(1, "hour") }}.';

const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

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

/**
 * An instant from what n8n gives a date-time field: an ISO text (with Z or an offset it is
 * exact; without, it is read on `inputZone`'s wall clock, the workflow's time zone, as n8n's
 * date picker means it), a Date, or a Luxon DateTime from an expression.
 */
export function parseDateInput(value: unknown, inputZone: string): number {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new InputError('is not a valid date', HINT);
		return value.getTime();
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
	const match = ISO.exec(value.trim());
	if (!match) throw new InputError(`is not a date: ${describeValue(value)}`, HINT);
	const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = match;
	const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
	// Not Date.UTC: it reads years 0 to 99 as 1900 to 1999.
	const check = new Date(0);
	check.setUTCFullYear(year, month - 1, day);
	check.setUTCHours(hour, minute, second, 0);
	const wall = check.getTime();
	if (
		month < 1 ||
		month > 12 ||
		check.getUTCDate() !== day ||
		check.getUTCMonth() !== month - 1 ||
		hour > 23 ||
		minute > 59 ||
		second > 59
	) {
		throw new InputError(`is not a real date: ${describeValue(value)}`, HINT);
	}
	if (zone === undefined) return zonedToInstant(wall, inputZone);
	if (/^z$/i.test(zone)) return wall;
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
	return wall - sign * offset;
}

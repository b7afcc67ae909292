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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let found = formatters.get(timeZone);
	if (!found) {
		found = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
		});
		formatters.set(timeZone, found);
	}
	return found;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(instant: number, timeZone: string): Record<string, number> {
	const fields: Record<string, number> = {};
	for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
		if (part.type !== 'literal') fields[part.type] = Number(part.value);
	}
	return fields;
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
	const f = wallClock(instant, timeZone);
	const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
	return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a zone's wall clock shows the given time. In the spring gap (01:30 in London on
 * the last Sunday of March) it is the time an hour on; in the autumn overlap, the first (BST) one.
 */
export function zonedToInstant(wall: number, timeZone: string): number {
	// The zone's offsets half a day either side cover any one change of clocks around `wall`.
	const before = wall - offsetAt(wall - 43_200_000, timeZone);
	const after = wall - offsetAt(wall + 43_200_000, timeZone);
	const shows = (instant: number) => instant + offsetAt(instant, timeZone) === wall;
	const readings = [before, after].filter(shows);
	// No reading in a spring gap: the offset before the change puts it an hour on.
	return readings.length > 0 ? Math.min(...readings) : before;
}

/** `YYYY-MM-DD HH:MM:SS` of an instant on the zone's wall clock. */
export function formatPassonaDate(instant: number, timeZone: string = PASSONA_TIME_ZONE): string {
	const f = wallClock(instant, timeZone);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${f.year}-${two(f.month)}-${two(f.day)} ${two(f.hour)}:${two(f.minute)}:${two(f.second)}`;
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

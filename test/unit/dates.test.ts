import {
	describeDate,
	formatPassonaDate,
	labelPassonaDate,
	parseDateInput,
	parseTimeZone,
	passonaReadsAs,
	readDateInput,
	zonedToInstant,
} from '../../core/dates';
import { InputError } from '../../core/input';

const utc = (text: string) => Date.parse(`${text}Z`);

describe('formatPassonaDate: London wall clock', () => {
	test.each([
		// GMT in winter, BST (UTC+1) in summer.
		['2026-01-15T12:00:00', '2026-01-15 12:00:00'],
		['2026-07-15T12:00:00', '2026-07-15 13:00:00'],
		// Spring forward 2026-03-29 at 01:00 UTC: 00:59:59 GMT, then 02:00:00 BST.
		['2026-03-29T00:59:59', '2026-03-29 00:59:59'],
		['2026-03-29T01:00:00', '2026-03-29 02:00:00'],
		// Fall back 2026-10-25 at 01:00 UTC: 01:59:59 BST, then 01:00:00 GMT again.
		['2026-10-25T00:59:59', '2026-10-25 01:59:59'],
		['2026-10-25T01:00:00', '2026-10-25 01:00:00'],
		// Midnight in London, late evening UTC in summer.
		['2026-06-30T23:30:00', '2026-07-01 00:30:00'],
	])('%s UTC is %s in London', (instant, london) => {
		expect(formatPassonaDate(utc(instant))).toBe(london);
	});
});

describe('zonedToInstant', () => {
	test('a London wall time in winter and summer', () => {
		expect(zonedToInstant(utc('2026-01-15T12:00:00'), 'Europe/London')).toBe(
			utc('2026-01-15T12:00:00'),
		);
		expect(zonedToInstant(utc('2026-07-15T12:00:00'), 'Europe/London')).toBe(
			utc('2026-07-15T11:00:00'),
		);
	});

	test('the spring gap (01:30 does not exist) moves on an hour; the autumn overlap takes BST, the first', () => {
		expect(formatPassonaDate(zonedToInstant(utc('2026-03-29T01:30:00'), 'Europe/London'))).toBe(
			'2026-03-29 02:30:00',
		);
		expect(zonedToInstant(utc('2026-10-25T01:30:00'), 'Europe/London')).toBe(
			utc('2026-10-25T00:30:00'),
		);
	});

	test('other zones', () => {
		expect(zonedToInstant(utc('2026-12-01T09:00:00'), 'America/New_York')).toBe(
			utc('2026-12-01T14:00:00'),
		);
		expect(zonedToInstant(utc('2026-12-01T09:00:00'), 'UTC')).toBe(utc('2026-12-01T09:00:00'));
		expect(zonedToInstant(utc('2026-12-01T09:00:00'), 'Asia/Kolkata')).toBe(
			utc('2026-12-01T03:30:00'),
		);
	});
});

describe('parseDateInput, then formatPassonaDate', () => {
	test.each([
		['2026-07-01T14:25:00Z', 'America/New_York', '2026-07-01 15:25:00'],
		['2026-07-01T16:25:00+02:00', 'UTC', '2026-07-01 15:25:00'],
		['2026-07-01T10:25:00.123-0400', 'UTC', '2026-07-01 15:25:00'],
		['2026-07-01T15:25:00', 'Europe/London', '2026-07-01 15:25:00'],
		['2026-07-01 15:25', 'Europe/London', '2026-07-01 15:25:00'],
		['2026-07-01', 'Europe/London', '2026-07-01 00:00:00'],
		['2026-12-01T09:00:00', 'America/New_York', '2026-12-01 14:00:00'],
	])('%s (workflow zone %s) is %s in London', (input, zone, london) => {
		expect(formatPassonaDate(parseDateInput(input, zone))).toBe(london);
	});

	test('a Date and a Luxon-like DateTime', () => {
		expect(formatPassonaDate(parseDateInput(new Date(utc('2026-07-01T14:25:00')), 'UTC'))).toBe(
			'2026-07-01 15:25:00',
		);
		expect(
			formatPassonaDate(parseDateInput({ toISO: () => '2026-01-01T00:00:00.000+00:00' }, 'UTC')),
		).toBe('2026-01-01 00:00:00');
	});

	test.each([
		['next tuesday'],
		['2026-02-30T10:00:00'],
		['2026-13-01'],
		['2026-01-01T24:00:00'],
		[''],
		[42],
		[null],
		[new Date('x')],
	])('refuses %p', (input) => {
		expect(() => parseDateInput(input, 'UTC')).toThrow(InputError);
	});
});

test('a year below 100 is that year, not 1900 and after', () => {
	expect(new Date(parseDateInput('0050-01-01T00:00:00Z', 'UTC')).getUTCFullYear()).toBe(50);
});

describe('years below 1000', () => {
	test('a date without a zone, in a named zone, keeps its year (not 1900 and after)', () => {
		const instant = parseDateInput('0050-06-01T10:00:00', 'UTC');
		expect(new Date(instant).getUTCFullYear()).toBe(50);
		expect(instant).toBe(Date.parse('0050-06-01T10:00:00Z'));
	});

	test("written with four digits, as PHP's Y reads them, on London's mean time of then", () => {
		expect(formatPassonaDate(Date.parse('0050-06-01T12:00:00Z'))).toBe('0050-06-01 11:58:45');
		expect(formatPassonaDate(Date.parse('0999-12-31T12:00:00Z'), 'UTC')).toBe(
			'0999-12-31 12:00:00',
		);
	});
});

describe('the hour London shows twice, as Passona (PHP) reads it', () => {
	test('an instant in the first pass (BST) comes back an hour later; the second pass and other times as they are', () => {
		expect(passonaReadsAs(utc('2026-10-25T00:30:00'))).toBe(utc('2026-10-25T01:30:00'));
		expect(passonaReadsAs(utc('2026-10-25T00:00:00'))).toBe(utc('2026-10-25T01:00:00'));
		for (const instant of [
			'2026-10-24T23:59:59',
			'2026-10-25T01:00:00',
			'2026-10-25T01:59:59',
			'2026-03-29T01:00:00',
			'2026-07-01T12:00:00',
			'0050-06-01T12:00:00',
		])
			expect(passonaReadsAs(utc(instant))).toBe(utc(instant));
		// Within the second: what the text keeps.
		expect(passonaReadsAs(utc('2026-07-01T12:00:00') + 999)).toBe(utc('2026-07-01T12:00:00'));
	});

	test("Passona's dates labelled with London's zone then, as Passona reads them", () => {
		expect(labelPassonaDate('2026-12-05 10:00:00')).toBe('2026-12-05 10:00:00 GMT');
		expect(labelPassonaDate('2026-06-05 10:00:00')).toBe('2026-06-05 10:00:00 BST');
		expect(labelPassonaDate('2026-10-25 01:30:00')).toBe('2026-10-25 01:30:00 GMT');
		expect(labelPassonaDate('1944-06-01 12:00:00')).toBe('1944-06-01 12:00:00 BDST');
		for (const text of ['', '2019-12-26 15:25:0', '2026-03-29 01:30:00', null, 42])
			expect(labelPassonaDate(text)).toBeUndefined();
	});
});

describe('how a date was given, for messages', () => {
	test.each([
		['2026-12-05T10:00:00', 'Europe/London', '2026-12-05 10:00:00 London time'],
		[
			'2026-12-05 10:00',
			'America/New_York',
			'2026-12-05 10:00:00 in America/New_York, which is 2026-12-05 15:00:00 London time',
		],
		[
			'2026-12-05T10:00:00Z',
			'UTC',
			'2026-12-05T10:00:00Z, which is 2026-12-05 10:00:00 London time',
		],
		// The spring gap: 01:30 does not exist, the time an hour on is what is sent.
		['2026-03-29T01:30:00', 'Europe/London', '2026-03-29 02:30:00 London time'],
	])('%s in %s: %s', (value, zone, shown) => {
		expect(describeDate(readDateInput(value, zone))).toBe(shown);
	});
});

describe('parseTimeZone', () => {
	test('a zone name (trimmed, as Intl spells it), or the workflow zone', () => {
		expect(parseTimeZone('Europe/London', 'America/New_York')).toBe('Europe/London');
		expect(parseTimeZone(' europe/paris ', 'UTC')).toBe('Europe/Paris');
		expect(parseTimeZone('workflow', 'America/New_York')).toBe('America/New_York');
	});

	test.each([['Mars/Olympus'], [''], [undefined], [3]])('refuses %p', (value) => {
		expect(() => parseTimeZone(value, 'UTC')).toThrow(InputError);
	});
});

/**
 * What a no-code user can put into a field, directly or through an expression: the generators
 * the bad-input properties draw from. Strings never contain "undefined", "[object Object]" or
 * "NaN", so finding those in a request always means the node made them up.
 */
import fc from 'fast-check';
// Every property draws with the shared, printed seed (fixed in npm test, fresh in npm run test:fuzz).
import './config';

const MADE_UP = /undefined|\[object Object\]|NaN/;

export const clean = (text: string) => !MADE_UP.test(text);

export const blank = fc.constantFrom('', ' ', '   ', '\t\n ', '\u00a0');
export const shortText = fc.string({ maxLength: 30 }).filter(clean);
export const unicodeText = fc
	.string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
	.filter(clean);
export const longText = fc.string({ minLength: 256, maxLength: 2500 }).filter(clean);

/** Anything at all: text, numbers, switches, null, nothing, lists, objects. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
	blank,
	shortText,
	unicodeText,
	longText,
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.array(shortText, { maxLength: 3 }),
	fc.object({
		maxDepth: 1,
		maxKeys: 3,
		key: fc.string({ maxLength: 8 }).filter(clean),
		values: [shortText, fc.integer()],
	}),
);

/** Text of every kind a field can hold, or anything else. */
export const textOrAny = fc.oneof(shortText, unicodeText, longText, blank, anyValue);

export const uuid = fc.uuid();

/** A UUID one character away from valid (dropped, added, or replaced by something not hex). */
export const uuidOffByOne = fc
	.tuple(fc.uuid(), fc.nat(35), fc.constantFrom('drop', 'add', 'g', 'z', ' ', '-', 'é', '%'))
	.map(([id, at, change]) => {
		if (change === 'drop') return id.slice(0, at) + id.slice(at + 1);
		if (change === 'add') return id.slice(0, at) + 'a' + id.slice(at);
		return id.slice(0, at) + change + id.slice(at + 1);
	});

/** A UUID as users paste it: any case, spaces around. */
export const uuidAsTyped = fc
	.tuple(fc.uuid(), fc.boolean(), fc.constantFrom('', ' ', '\n'))
	.map(([id, upper, pad]) => ({
		typed: `${pad}${upper ? id.toUpperCase() : id}${pad}`,
		expected: id,
	}));

export const idLike: fc.Arbitrary<unknown> = fc.oneof(
	uuid,
	uuidOffByOne,
	uuidAsTyped.map(({ typed }) => typed),
	anyValue,
);

/** A list of IDs as a list, as text separated by commas, or anything else. */
export const idListLike = fc.oneof(
	fc.array(idLike, { maxLength: 4 }),
	fc.array(fc.oneof(uuid, uuidOffByOne), { maxLength: 4 }).map((ids) => ids.join(', ')),
	fc.array(uuid, { minLength: 1, maxLength: 3 }).map((ids) => [...ids, ids[0]]),
	anyValue,
);

/**
 * International digits as Passona stores them (never starting with 0, so "00" stays a prefix;
 * never 44 then 0, which the node refuses as a UK number with its trunk 0 left in; never ten
 * digits starting with 7, which the node reads as a UK mobile whose 0 was dropped). UK mobiles
 * (447 and nine digits) are drawn on their own too, for the shapes that only they take.
 */
export const phoneDigits = fc
	.oneof(
		fc.stringMatching(/^[1-9][0-9]{6,14}$/),
		fc.stringMatching(/^44[1-9][0-9]{8,9}$/),
		fc.stringMatching(/^447[0-9]{9}$/),
	)
	.filter((digits) => !digits.startsWith('440') && !/^7\d{9}$/.test(digits));

const ukMobile = (digits: string) => /^447\d{9}$/.test(digits);

/** A valid number written as people, spreadsheets and CSV files write it, with the digits Passona should receive. */
export const phoneAsTyped = fc
	.tuple(
		phoneDigits,
		fc.constantFrom(
			'plain',
			'plus',
			'zeros',
			'spaced',
			'dashed',
			'brackets',
			'number',
			'national',
			'trunk',
			'csvFloat',
			'nationalFloat',
			'droppedZero',
			'droppedZeroNumber',
			'doublePrefix',
		),
	)
	.map(([digits, style]) => {
		const spaced = digits.replace(/(\d{2})(\d{4})/, '$1 $2 ');
		const uk = digits.startsWith('44');
		const typed: unknown = {
			plain: digits,
			plus: `+${digits}`,
			zeros: `00${digits}`,
			spaced: `+${spaced}`,
			dashed: digits.replace(/(\d{3})(\d{3})/, '$1-$2-'),
			brackets: `+${digits.slice(0, 2)} (${digits.slice(2, 5)}) ${digits.slice(5)}`,
			number: Number(digits),
			// UK numbers the national way (07700 900123) and with the trunk 0 in brackets (+44 (0)7700 900123).
			national: uk ? `0${digits.slice(2, 6)} ${digits.slice(6)}` : digits,
			trunk: uk ? `+44 (0)${digits.slice(2)}` : `+${digits}`,
			// A CSV export's decimal copy: 447700900123.0, 07700900123.0.
			csvFloat: `${digits}.0`,
			nationalFloat: uk ? `0${digits.slice(2)}.0` : `${digits}.00`,
			// A UK mobile whose 0 a spreadsheet dropped, as text and as a number: 7700900123.
			droppedZero: ukMobile(digits) ? digits.slice(2) : digits,
			droppedZeroNumber: ukMobile(digits) ? Number(digits.slice(2)) : Number(digits),
			// Both ways of writing the international prefix at once: +0044 7700 900123.
			doublePrefix: `+00${digits.slice(0, 2)} ${digits.slice(2)}`,
		}[style];
		return { typed, expected: digits };
	});

/**
 * Not a phone number: letters, too few or too many digits, empty, not text at all, or a number a
 * spreadsheet mangled (a decimal part, scientific notation, a 0 right after the +).
 */
export const badPhone: fc.Arbitrary<unknown> = fc.oneof(
	fc.stringMatching(/^[1-9][0-9]{0,5}$/),
	fc.stringMatching(/^0[1-9][0-9]{0,3}$/),
	fc.stringMatching(/^[1-9][0-9]{15,20}$/),
	fc
		.tuple(phoneDigits, fc.constantFrom('A', 'x', 'CALL', 'é', '#', '*', '/'))
		.map(([digits, letters]) => `${digits.slice(0, 4)}${letters}${digits.slice(4)}`),
	fc
		.tuple(phoneDigits, fc.integer({ min: 1, max: 99 }))
		.map(([digits, fraction]) => `${digits}.${fraction}`),
	fc.tuple(phoneDigits, fc.boolean()).map(([digits, plus]) => {
		const exponent = `${digits[0]}.${digits.slice(1)}E+${digits.length - 1}`;
		return plus ? `+${exponent}` : exponent;
	}),
	phoneDigits.map((digits) => `+0${digits.slice(0, 4)} ${digits.slice(4)}`),
	blank,
	fc.constantFrom(null, true, {}, [], -447700900123, 4.477e11 + 0.5, '+07700 900123'),
);

export const phoneLike: fc.Arbitrary<unknown> = fc.oneof(
	phoneAsTyped.map(({ typed }) => typed),
	badPhone,
	anyValue,
);

/** Custom fields as users build them: flat (the only valid shape) or not. */
export const customFieldsLike: fc.Arbitrary<unknown> = fc.oneof(
	fc.dictionary(
		fc.string({ minLength: 1, maxLength: 12 }).filter((key) => clean(key) && key.trim() !== ''),
		fc.oneof(shortText, fc.integer(), fc.boolean(), fc.constant(null)),
		{ maxKeys: 4 },
	),
	fc.dictionary(
		fc.string({ maxLength: 6 }).filter(clean),
		fc.oneof(fc.object({ maxDepth: 1 }), fc.array(shortText)),
		{ minKeys: 1, maxKeys: 2 },
	),
	anyValue,
);

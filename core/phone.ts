/**
 * Phone numbers as Passona stores them: international digits only, no `+` or `00` prefix.
 * A number written the national way (one leading 0, as in 07700 900123) gets the Default Country
 * Code (44, the UK, unless the credential sets another) in place of its 0.
 */
import { describeValue, InputError } from './input';

/** Passona is a UK platform: national numbers are British unless the credential says otherwise. */
export const DEFAULT_COUNTRY_CODE = '44';

const SEPARATORS = /[\s\-().]/g;
/** `(0)`, the trunk prefix written after a country code as in +44 (0)7700 900123. */
const TRUNK_PREFIX = /\(\s*0\s*\)/g;
const HINT = 'Use the international format, for example 447700900123 or +44 7700 900123.';

/**
 * The Default Country Code as digits: `+44`, `0044` and ` 44 ` are all `44`. Empty means none:
 * national numbers are then refused. Undefined (a credential saved before the field) means 44.
 */
export function parseCountryCode(value: unknown): string {
	if (value === undefined || value === null) return DEFAULT_COUNTRY_CODE;
	const written = String(value).trim();
	if (written === '') return '';
	const text = written.replace(/^(\+|00)/, '');
	if (!/^[1-9]\d{0,2}$/.test(text)) {
		throw new InputError(
			`is ${describeValue(value)}, which is not a country calling code`,
			'Enter 1 to 3 digits such as 44 (United Kingdom) or 353 (Ireland) in the Passona API credential, or leave it empty to refuse national numbers.',
		);
	}
	return text;
}

/**
 * Reads one phone number, as Passona stores it (international digits), or refuses it with words.
 * The rule (docs/behaviour.md, "Phone numbers"), in order:
 * - a whole number (7700900123) is read as its digits; a number with a fraction is refused;
 * - a spreadsheet's decimal copy (447700900123.0, 07700900123.0) loses its `.0`; any other decimal
 *   part (447700900123.5) and scientific notation (4.477E+11, digits possibly rounded) are refused;
 * - spaces, dashes, dots and brackets go; a `(0)` after the country code goes;
 * - a leading `+` or `00` marks the international format; written twice (`+0044`) it counts once;
 *   a 0 straight after it is refused (no country code starts with 0);
 * - one leading 0 (07700 900123) is a national number: the Default Country Code replaces the 0;
 * - ten digits starting with 7 (7700900123) are a UK mobile whose 0 was dropped (a complete +7
 *   number has 11 digits): read as UK with Default Country Code 44, refused with any other;
 * - 44 then 0 is refused (the UK trunk 0 left in); 7 to 15 digits remain.
 * `countryCode` is the credential's Default Country Code (44 when not given).
 */
export function normalisePhoneNumber(
	value: unknown,
	countryCode: string = DEFAULT_COUNTRY_CODE,
): string {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) {
		value = String(value);
	}
	if (typeof value !== 'string') {
		throw new InputError(`contains ${describeValue(value)} where a phone number should be`, HINT);
	}
	let digits = spreadsheetNumber(value, value.trim());
	const international = /^(\+|00)/.test(digits.replace(SEPARATORS, ''));
	// `+44 (0)7700 900123`: the (0) is dialled only from inside the country.
	digits = (international ? digits.replace(TRUNK_PREFIX, '') : digits).replace(SEPARATORS, '');
	if (international) digits = countryDigits(value, digits);
	else if (digits.startsWith('0') && /^\d+$/.test(digits))
		digits = national(value, digits, countryCode);
	else if (DROPPED_ZERO.test(digits)) digits = droppedZero(value, digits, countryCode);
	if (digits === '') {
		throw new InputError('contains an empty phone number', HINT);
	}
	if (!/^\d+$/.test(digits)) {
		throw new InputError(
			`contains ${describeValue(value)}, which is not a phone number: only digits, spaces, dashes, brackets and a leading + are allowed`,
			HINT,
		);
	}
	if (digits.startsWith('440')) {
		throw new InputError(
			`contains ${describeValue(value)}, which has a 0 after the country code 44: UK numbers are written +44 7700 900123, without that 0`,
			HINT,
		);
	}
	if (digits.length < 7 || digits.length > 15) {
		throw new InputError(
			`contains ${describeValue(value)}, which has ${digits.length} digits: a phone number has 7 to 15`,
			HINT,
		);
	}
	return digits;
}

/** `447700900123.0`: a number a spreadsheet or CSV export wrote as a decimal. */
const ZERO_FRACTION = /^\+?\d+\.0+$/;
/** `447700900123.5`: a decimal part that is not zero (longer groups after one dot are separators). */
const DECIMAL = /^\+?\d+\.\d{1,2}$/;
/** `4.47700900123E+11`: scientific notation, in which a spreadsheet may have rounded the digits. */
const SCIENTIFIC = /^\+?\d+(\.\d+)?e\+?\d+$/i;
/** A UK mobile (07xxx xxxxxx) without its 0: ten digits starting with 7. */
const DROPPED_ZERO = /^7\d{9}$/;

/** The text without a spreadsheet's `.0`; refused when it holds a real decimal or an exponent. */
function spreadsheetNumber(value: string, text: string): string {
	if (ZERO_FRACTION.test(text)) return text.slice(0, text.indexOf('.'));
	const decimal = DECIMAL.test(text);
	if (decimal || SCIENTIFIC.test(text)) {
		throw new InputError(
			`contains ${describeValue(value)}, which ${decimal ? 'has a decimal part' : 'is written in scientific notation, in which a spreadsheet may have rounded the digits'}: a phone number is whole digits`,
			`Format the column as text in the spreadsheet so that every digit stays. ${HINT}`,
		);
	}
	return text;
}

/** After a `+` or `00`: the country code and number, the prefix counted once even if doubled. */
function countryDigits(value: string, digits: string): string {
	let rest = digits.startsWith('+') ? digits.slice(1) : digits.slice(2);
	// `+0044 7700 900123`: both ways of writing the international prefix at once.
	if (rest.startsWith('00')) rest = rest.slice(2);
	if (rest.startsWith('0')) {
		throw new InputError(
			`contains ${describeValue(value)}, which has a 0 right after the international prefix: a country code never starts with 0`,
			`Write it as +44 7700 900123, or as a national number (07700 900123) without the +. ${HINT}`,
		);
	}
	return rest;
}

/** Ten digits starting with 7: a UK mobile without its 0 when the Default Country Code is 44. */
function droppedZero(value: string, digits: string, countryCode: string): string {
	if (countryCode === DEFAULT_COUNTRY_CODE) return countryCode + digits;
	throw new InputError(
		`contains ${describeValue(value)}, which is not a complete international number (+7 numbers have 11 digits) and looks like a UK mobile number without its 0`,
		`Write it with its 0 (07700 900123) or its country code (+44 7700 900123). ${HINT}`,
	);
}

/** A national number (one leading 0): the country code replaces the 0. */
function national(value: string, digits: string, countryCode: string): string {
	if (countryCode === '') {
		throw new InputError(
			`contains ${describeValue(value)}, a national number that cannot be made international: the Passona API credential has no Default Country Code`,
			`${HINT} Or set the Default Country Code in the Passona API credential (44 for the UK).`,
		);
	}
	return countryCode + digits.slice(1);
}

/**
 * A list of phone numbers from an array, or from text separated by commas, semicolons or
 * new lines. Normalised, duplicates dropped (first one kept), order preserved.
 */
export function parsePhoneNumberList(
	value: unknown,
	countryCode: string = DEFAULT_COUNTRY_CODE,
): string[] {
	let entries: unknown[];
	if (Array.isArray(value)) {
		entries = value;
	} else if (typeof value === 'string') {
		entries = value
			.split(/[,;\r\n]+/)
			.map((entry) => entry.trim())
			.filter((entry) => entry !== '');
	} else if (typeof value === 'number') {
		entries = [value];
	} else {
		throw new InputError(
			`must be a list of phone numbers (a list, or text separated by commas or new lines), got ${describeValue(value)}`,
			HINT,
		);
	}
	if (entries.length === 0) {
		throw new InputError('is empty: enter at least one phone number', HINT);
	}
	return [...new Set(entries.map((entry) => normalisePhoneNumber(entry, countryCode)))];
}

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
 * Strips spaces, dashes, dots and brackets and a leading `+` or `00`; drops a `(0)` after the
 * country code; puts the Default Country Code in place of a single leading 0; demands 7 to 15
 * digits. `countryCode` is the credential's Default Country Code (44 when not given).
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
	let digits = value.trim();
	const international = digits.startsWith('+') || /^00/.test(digits.replace(SEPARATORS, ''));
	// `+44 (0)7700 900123`: the (0) is dialled only from inside the country.
	digits = (international ? digits.replace(TRUNK_PREFIX, '') : digits).replace(SEPARATORS, '');
	if (digits.startsWith('+')) digits = digits.slice(1);
	else if (digits.startsWith('00')) digits = digits.slice(2);
	else if (digits.startsWith('0') && /^\d+$/.test(digits))
		digits = national(value, digits, countryCode);
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

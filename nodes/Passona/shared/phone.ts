/**
 * Phone numbers as Passona stores them: international digits only, no `+` or `00` prefix.
 */
import { describe, InputError } from './input';

const SEPARATORS = /[\s\-().]/g;
const HINT = 'Use the international format, for example 447700900123 or +44 7700 900123.';

/** Strips spaces, dashes, dots and brackets and a leading `+` or `00`; demands 7 to 15 digits. */
export function normalisePhoneNumber(value: unknown): string {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) {
		value = String(value);
	}
	if (typeof value !== 'string') {
		throw new InputError(`contains ${describe(value)} where a phone number should be`, HINT);
	}
	let digits = value.replace(SEPARATORS, '');
	if (digits.startsWith('+')) digits = digits.slice(1);
	else if (digits.startsWith('00')) digits = digits.slice(2);
	if (digits === '') {
		throw new InputError('contains an empty phone number', HINT);
	}
	if (!/^\d+$/.test(digits)) {
		throw new InputError(
			`contains ${describe(value)}, which is not a phone number: only digits, spaces, dashes, brackets and a leading + are allowed`,
			HINT,
		);
	}
	if (digits.length < 7 || digits.length > 15) {
		throw new InputError(
			`contains ${describe(value)}, which has ${digits.length} digits: a phone number has 7 to 15`,
			HINT,
		);
	}
	return digits;
}

/**
 * A list of phone numbers from an array, or from text separated by commas, semicolons or
 * new lines. Normalised, duplicates dropped (first one kept), order preserved.
 */
export function parsePhoneNumberList(value: unknown): string[] {
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
			`must be a list of phone numbers (a list, or text separated by commas or new lines), got ${describe(value)}`,
			HINT,
		);
	}
	if (entries.length === 0) {
		throw new InputError('is empty: enter at least one phone number', HINT);
	}
	return [...new Set(entries.map(normalisePhoneNumber))];
}

/**
 * Contacts for Add Contacts: `{ phone_number, custom_fields }` as Passona expects them, built from
 * the node's fields or from JSON that a user mapped. Pure; errors are `InputError`s.
 */
import { describeValue, InputError, isPlainObject, NAMES_N8N_DROPS, setOwn } from './input';
import { DEFAULT_COUNTRY_CODE, normalisePhoneNumber } from './phone';

export interface PassonaContact {
	phone_number: string;
	custom_fields: Record<string, string>;
}

const JSON_HINT =
	'Give a list such as [{"phone_number": "447700900123", "custom_fields": {"first_name": "Jane"}}].';

/** The longest custom field name sent to Passona. */
export const MAX_CUSTOM_FIELD_NAME = 255;

/** Custom fields are flat: each value is text (numbers and true/false become text). */
export function parseCustomFields(value: unknown): Record<string, string> {
	if (value === undefined || value === null) return {};
	if (!isPlainObject(value)) {
		throw new InputError(
			`has custom fields that are ${describeValue(value)}, not name/value pairs`,
			JSON_HINT,
		);
	}
	const fields: Record<string, string> = {};
	for (const [rawName, rawValue] of Object.entries(value)) {
		const name = rawName.trim();
		if (name === '') throw new InputError('has a custom field without a name');
		if (name.length > MAX_CUSTOM_FIELD_NAME) {
			throw new InputError(
				`has custom field "${name.slice(0, 40)}..." with a name of ${name.length} characters; at most ${MAX_CUSTOM_FIELD_NAME} are allowed`,
			);
		}
		if (NAMES_N8N_DROPS.includes(name)) {
			throw new InputError(
				`has custom field "${name}", which n8n cannot send as a custom field name`,
				`n8n drops the names ${NAMES_N8N_DROPS.join(', ')} from what it sends: rename the field.`,
			);
		}
		if (rawValue !== null && typeof rawValue === 'object') {
			throw new InputError(
				`has custom field "${name}" set to ${describeValue(rawValue)}: a custom field holds text`,
			);
		}
		setOwn(fields, name, rawValue === null || rawValue === undefined ? '' : String(rawValue));
	}
	return fields;
}

export function toContact(
	phoneNumber: unknown,
	customFields: unknown,
	countryCode: string = DEFAULT_COUNTRY_CODE,
): PassonaContact {
	return {
		phone_number: normalisePhoneNumber(phoneNumber, countryCode),
		custom_fields: parseCustomFields(customFields),
	};
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = NOT_JSON;
	}
	if (parsed === NOT_JSON) throw new InputError('is not valid JSON', JSON_HINT);
	return parsed;
}

/** Contacts from JSON text, a list, or a single contact object; `countryCode` as in normalisePhoneNumber. */
export function parseContactList(
	value: unknown,
	countryCode: string = DEFAULT_COUNTRY_CODE,
): PassonaContact[] {
	if (typeof value === 'string') {
		if (value.trim() === '') throw new InputError('is empty', JSON_HINT);
		value = parseJson(value);
	}
	const entries = Array.isArray(value) ? value : isPlainObject(value) ? [value] : undefined;
	if (entries === undefined) {
		throw new InputError(`must be a list of contacts, got ${describeValue(value)}`, JSON_HINT);
	}
	if (entries.length === 0) throw new InputError('is an empty list', JSON_HINT);
	return entries.map((entry, index) => {
		if (!isPlainObject(entry)) {
			throw new InputError(
				`has ${describeValue(entry)} at position ${index + 1} instead of a contact`,
				JSON_HINT,
			);
		}
		if (!('phone_number' in entry)) {
			throw new InputError(
				`has a contact without "phone_number" at position ${index + 1}`,
				JSON_HINT,
			);
		}
		return toContact(entry.phone_number, entry.custom_fields, countryCode);
	});
}

/** One entry per phone number; a later entry for the same number replaces the earlier one. */
export function dedupeContacts(contacts: PassonaContact[]): PassonaContact[] {
	const byNumber = new Map<string, PassonaContact>();
	for (const contact of contacts) {
		byNumber.delete(contact.phone_number);
		byNumber.set(contact.phone_number, contact);
	}
	return [...byNumber.values()];
}

/**
 * A template's text with a contact's custom fields filled in, each written as its name in braces
 * (`Hi {first_name}`, as the Body's hint says; Passona documents no syntax). A field not given
 * stays as written; links (`::NAME::`) stay too, Passona makes them per recipient.
 */
export function fillCustomFields(text: string, fields: Record<string, string>): string {
	return text.replace(/\{\s*([A-Za-z0-9_.-]+)\s*\}/g, (written, name: string) =>
		Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : written,
	);
}

/**
 * Pure checks on what a user typed or mapped. They throw `InputError` with a reason written for
 * a non-programmer; the routing layer adds the field's name and the item before n8n shows it.
 */

export class InputError extends Error {
	constructor(
		readonly reason: string,
		readonly hint?: string,
	) {
		super(reason);
	}
}

export const UUID_PATTERN =
	/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const UUID_HINT =
	'A Passona ID is a UUID such as 09e0a326-fb2e-11e9-ba2a-0242ac120008. Pick it from the list, or copy it from the "uuid" of an earlier Passona node.';

export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return value.trim() === '' ? 'empty text' : `"${clip(value)}"`;
	return `${typeof value} ${String(value)}`;
}

function clip(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A UUID, trimmed and lower-cased. */
export function parseUuid(value: unknown): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new InputError(`is not a Passona ID: got ${describeValue(value)}`, UUID_HINT);
	}
	const uuid = value.trim().toLowerCase();
	if (!UUID_PATTERN.test(uuid)) {
		throw new InputError(`is not a valid Passona ID: ${describeValue(value)}`, UUID_HINT);
	}
	return uuid;
}

/** A list of UUIDs from an array or from comma/new-line separated text; duplicates dropped. */
export function parseUuidList(value: unknown, { allowEmpty }: { allowEmpty: boolean }): string[] {
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (typeof value === 'string')
		entries = value.split(/[,;\s]+/).filter((entry) => entry !== '');
	else if (value === undefined || value === null) entries = [];
	else
		throw new InputError(`must be a list of Passona IDs, got ${describeValue(value)}`, UUID_HINT);
	if (entries.length === 0 && !allowEmpty) {
		throw new InputError('is empty: choose at least one', UUID_HINT);
	}
	return [...new Set(entries.map(parseUuid))];
}

/** The UUID in a Passona API link such as https://passona.co.uk/api/2.0/contact-groups/<uuid>. */
export function uuidFromUrl(value: unknown, collection: string): string {
	const hint = `Paste a Passona API link such as https://passona.co.uk/api/2.0/${collection}/09e0a326-fb2e-11e9-ba2a-0242ac120008.`;
	if (typeof value !== 'string' || value.trim() === '') {
		throw new InputError(`is not a Passona link: got ${describeValue(value)}`, hint);
	}
	const match = new RegExp(`/${collection}/([^/?#]+)`).exec(value.trim());
	if (!match || !/^https?:\/\//i.test(value.trim())) {
		const subject = collection.replace(/-/g, ' ').replace(/s$/, '');
		throw new InputError(`is not a link to a Passona ${subject}: ${describeValue(value)}`, hint);
	}
	const decoded = decodeOrUndefined(match[1]);
	if (decoded === undefined)
		throw new InputError(`is not a valid Passona ID link: ${describeValue(value)}`, hint);
	return parseUuid(decoded);
}

/** `decodeURIComponent`, or undefined for a broken %-escape (which it would throw on). */
function decodeOrUndefined(text: string): string | undefined {
	try {
		return decodeURIComponent(text);
	} catch {
		return undefined;
	}
}

/** A resource locator's value ({ mode, value }) or a bare ID from an expression. */
export function uuidFromLocator(locator: unknown, collection: string): string {
	if (
		locator !== null &&
		typeof locator === 'object' &&
		!Array.isArray(locator) &&
		'value' in locator
	) {
		const { mode, value } = locator as { mode?: string; value: unknown };
		return mode === 'url' ? uuidFromUrl(value, collection) : parseUuid(value);
	}
	return parseUuid(locator);
}

/** Text for a body field: strings trimmed, numbers accepted as text; `required` refuses empty. */
export function parseText(
	value: unknown,
	{ required, maxLength }: { required: boolean; maxLength?: number },
): string {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (value === undefined || value === null) value = '';
	if (typeof value !== 'string') {
		throw new InputError(`must be text, got ${describeValue(value)}`);
	}
	const text = value.trim();
	if (required && text === '')
		throw new InputError('is empty', 'Enter a value, or map one from the input.');
	if (maxLength !== undefined && text.length > maxLength) {
		throw new InputError(`is ${text.length} characters long; Passona accepts at most ${maxLength}`);
	}
	return text;
}

/** A switch from a toggle or an expression: true/false, or the text "true"/"false". */
export function parseBoolean(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
		return value.trim().toLowerCase() === 'true';
	}
	throw new InputError(`must be true or false, got ${describeValue(value)}`);
}

/**
 * Sets `name` as the object's own property whatever the name: plain assignment would silently
 * drop a field or header named `__proto__` (it sets the prototype instead).
 */
export function setOwn<T>(target: Record<string, T>, name: string, value: T): void {
	Object.defineProperty(target, name, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

/** The node's Custom Fields rows ({ name, value }) as one object; a repeated name keeps the last. */
export function pairsToObject(pairs: unknown): Record<string, unknown> {
	if (pairs === undefined || pairs === null) return {};
	if (!Array.isArray(pairs))
		throw new InputError(`must be name/value rows, got ${describeValue(pairs)}`);
	const fields: Record<string, unknown> = {};
	for (const pair of pairs) {
		const { name, value } = (pair ?? {}) as { name?: unknown; value?: unknown };
		if (typeof name !== 'string' || name.trim() === '') {
			throw new InputError(
				'has a row without a name',
				'Give every custom field a name, or remove the row.',
			);
		}
		setOwn(fields, name.trim(), value);
	}
	return fields;
}

/** An http(s) address Passona can call. */
export function parseHttpUrl(value: unknown): string {
	const text = parseText(value, { required: true, maxLength: 2000 });
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol)) {
		throw new InputError(
			`is not a web address: ${describeValue(value)}`,
			'Use a full address such as https://example.com/hook.',
		);
	}
	return text;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** At most this many header rows on one webhook. */
export const MAX_HEADER_ROWS = 20;

/**
 * Names n8n's request layer drops from a request body on the way out: sent as a header name or
 * a custom field name they would vanish without a word, so they are refused. (In n8n 2.40 it is
 * axios's merge of the request's config, which skips them in every object of the body that is
 * not inside a list: Send Test's custom fields were dropped, Add Contacts' came through only
 * because its contacts are a list.)
 */
export const NAMES_N8N_DROPS = ['__proto__', 'constructor', 'prototype'];

/** A control character other than tab (CR and LF are reported as line breaks before this). */
function controlCharacter(text: string): string | undefined {
	for (const character of text) {
		const code = character.charCodeAt(0);
		if ((code < 0x20 && code !== 0x09) || code === 0x7f)
			return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	}
	return undefined;
}

/** Refuses two header rows whose names differ only by case: HTTP treats them as one header. */
function checkUniqueNames(pairs: unknown[]): void {
	const seen = new Map<string, string>();
	for (const pair of pairs) {
		const { name } = (pair ?? {}) as { name?: unknown };
		if (typeof name !== 'string') continue;
		const written = name.trim();
		const earlier = seen.get(written.toLowerCase());
		if (earlier !== undefined) {
			const as = earlier === written ? '' : ` (as "${earlier}" and "${written}")`;
			throw new InputError(
				`has header "${written}" twice${as}`,
				'Header names count as the same whatever their case: keep one row per header.',
			);
		}
		seen.set(written.toLowerCase(), written);
	}
}

/** Header rows ({ name, value }) as the object Passona stores; names must be valid header names. */
export function parseHeaders(pairs: unknown): Record<string, string> {
	const rows = pairsToObject(pairs);
	if (Array.isArray(pairs)) {
		if (pairs.length > MAX_HEADER_ROWS) {
			throw new InputError(
				`has ${pairs.length} rows; a webhook takes at most ${MAX_HEADER_ROWS} headers`,
			);
		}
		checkUniqueNames(pairs);
	}
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(rows)) {
		if (!HEADER_NAME.test(name))
			throw new InputError(`has "${name}", which is not a valid header name`);
		if (NAMES_N8N_DROPS.includes(name)) {
			throw new InputError(
				`has "${name}", which n8n cannot send as a header name`,
				`n8n drops the names ${NAMES_N8N_DROPS.join(', ')} from what it sends: rename the header.`,
			);
		}
		if (value !== null && typeof value === 'object') {
			throw new InputError(
				`has header "${name}" set to ${describeValue(value)}: a header holds text`,
			);
		}
		const text = value === null || value === undefined ? '' : String(value);
		if (/[\r\n]/.test(text))
			throw new InputError(`has header "${name}" with a line break in its value`);
		const control = controlCharacter(text);
		if (control)
			throw new InputError(
				`has header "${name}" with a control character (${control}) in its value`,
			);
		setOwn(headers, name, text);
	}
	return headers;
}

/** An object with named properties (not null, not a list). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

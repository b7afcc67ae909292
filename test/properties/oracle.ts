/**
 * Runs one generated case through the engine against a Passona that answers everything, and
 * judges the outcome: either correct requests, or a clear error naming the field and the item
 * with no request sent. Counts what it saw, for the suite's report.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runPassona, type RunResult, TOKEN } from '../../harness/engine';
import { answerEverything, type RecordedRequest } from '../support/passonaMock';
import { exposedText } from '../../harness/secrets';
import { smsLength } from '../../core/sms';

export const tally = { cases: 0, refused: 0, sent: 0, requests: 0 };

export interface Outcome {
	requests: RecordedRequest[];
	result: RunResult;
}

export async function runCase(
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
): Promise<Outcome> {
	const passona = answerEverything();
	try {
		const result = await runPassona({ parameters, items });
		return { requests: passona.requests, result };
	} finally {
		passona.stop();
	}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PHONE = /^[0-9]{7,15}$/;
const PASSONA_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const isText = (max: number, required: boolean) => (value: unknown) =>
	typeof value === 'string' &&
	value === value.trim() &&
	value.length <= max &&
	(!required || value.length > 0);
const isBoolean = (value: unknown) => typeof value === 'boolean';
const isUniqueList = (entry: RegExp, min: number) => (value: unknown) =>
	Array.isArray(value) &&
	value.length >= min &&
	value.length <= 1000 &&
	new Set(value).size === value.length &&
	value.every((item) => typeof item === 'string' && entry.test(item));
const isContacts = (value: unknown) =>
	Array.isArray(value) &&
	value.length >= 1 &&
	value.length <= 1000 &&
	new Set(value.map((contact) => (contact as IDataObject)?.phone_number)).size === value.length &&
	value.every((contact) => {
		const { phone_number, custom_fields, ...rest } = contact as IDataObject;
		return (
			Object.keys(rest).length === 0 &&
			typeof phone_number === 'string' &&
			PHONE.test(phone_number) &&
			custom_fields !== null &&
			typeof custom_fields === 'object' &&
			!Array.isArray(custom_fields) &&
			Object.entries(custom_fields).every(
				([name, text]) => name.trim() === name && name !== '' && typeof text === 'string',
			)
		);
	});

/** What each body property Passona receives must look like. */
const BODY_RULES: Record<string, (value: unknown, request: RecordedRequest) => boolean> = {
	name: isText(255, true),
	description: isText(1000, false),
	deletable: isBoolean,
	keyword: isText(160, true),
	help: isText(Infinity, false),
	message: isText(Infinity, false),
	add_contact_to_group: isBoolean,
	call_webhook: isBoolean,
	contact_groups_uuid: isUniqueList(UUID, 0),
	webhooks_uuid: isUniqueList(UUID, 0),
	included_contact_group_uuids: isUniqueList(UUID, 1),
	excluded_contact_group_uuids: isUniqueList(UUID, 0),
	phone_numbers: isUniqueList(PHONE, 1),
	contacts: (value, request) =>
		request.path === '/contact-groups/bulk-contacts'
			? isUniqueList(PHONE, 1)(value)
			: isContacts(value),
	url: (value) => typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value),
	// Campaign, Template, Sender (test/properties/sendingInput.test.ts)
	sender: (value) => isText(11, true)(value) && (value as string).length >= 3,
	body: (value) => isText(160, true)(value) && smsLength(value as string).parts === 1,
	template_uuid: (value) => typeof value === 'string' && UUID.test(value),
	contact_number: (value) => typeof value === 'string' && PHONE.test(value),
	custom_fields: (value) => value !== null && typeof value === 'object' && !Array.isArray(value),
	scheduled_send_date: (value) => typeof value === 'string' && PASSONA_DATE.test(value),
	expiry_date: (value) => typeof value === 'string' && PASSONA_DATE.test(value),
	included_contact_groups: isUniqueList(UUID, 1),
	excluded_contact_groups: isUniqueList(UUID, 0),
	// Link, Vanity Domain, Contact → Sync Groups (test/properties/restInput.test.ts)
	vanity_domain_uuid: (value) => typeof value === 'string' && UUID.test(value),
	destination: (value) => typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value),
	domain: (value) => typeof value === 'string' && /^https?:\/\/[^\s/?#@]+$/i.test(value),
	contact: (value) => typeof value === 'string' && PHONE.test(value),
	groups: isUniqueList(UUID, 1),
	headers: (value) =>
		value !== null &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		Object.entries(value).every(
			([name, text]) => HEADER_NAME.test(name) && typeof text === 'string' && !/[\r\n]/.test(text),
		),
};

export interface Expectation {
	/** The request path every sent request must match. */
	path: RegExp;
	method: string;
	/** Body properties the operation may send (checked against BODY_RULES). */
	body?: string[];
	/** Reads the operation may make after sending, to describe what it sent (GET, no body). */
	reads?: RegExp[];
	/**
	 * Requests the operation may make before it sends, matched as `METHOD /path` (an opt-out lookup,
	 * an audience count); their body properties are checked by BODY_RULES, a GET's paging too.
	 */
	lookups?: RegExp;
}

const MADE_UP = /undefined|\[object Object\]|NaN/;

/** Throws (for fast-check to shrink) unless the case was sent correctly or refused cleanly. */
export function judge(
	{ requests, result }: Outcome,
	expected: Expectation,
	itemIndex = 0,
): 'sent' | 'refused' {
	tally.cases++;
	const shown = exposedText(result.run);
	if (shown.includes(TOKEN)) throw new Error('the API token shows in the run');
	if (result.error) {
		const { message, context } = result.error;
		if (requests.length > 0)
			throw new Error(`refused with "${message}" but sent ${JSON.stringify(requests)}`);
		if (!/^"[A-Z][A-Za-z ()-]+" .+ \[item \d+\]$/s.test(message))
			throw new Error(`unclear error: ${message}`);
		if (!message.endsWith(`[item ${itemIndex}]`) || context?.itemIndex !== itemIndex) {
			throw new Error(`error does not name item ${itemIndex}: ${message}`);
		}
		tally.refused++;
		return 'refused';
	}
	if (requests.length === 0) throw new Error('neither a request nor an error');
	const own = requests.some(
		(request) => request.method === expected.method && expected.path.test(request.path),
	);
	if (!own) throw new Error(`no ${expected.method} request, only lookups and reads`);
	for (const request of requests) {
		const text = `${request.path} ${JSON.stringify(request.query)} ${JSON.stringify(request.body ?? null)}`;
		if (MADE_UP.test(text) || /null/.test(request.path))
			throw new Error(`made-up value in ${text}`);
		if (
			request.method === 'GET' &&
			request.body === undefined &&
			expected.reads?.some((read) => read.test(request.path))
		)
			continue;
		const lookup = expected.lookups?.test(`${request.method} ${request.path}`) === true;
		if (!lookup && (request.method !== expected.method || !expected.path.test(request.path))) {
			throw new Error(`unexpected request ${request.method} ${request.path}`);
		}
		const body = (request.body ?? {}) as IDataObject;
		for (const [property, value] of Object.entries(body)) {
			const rule = BODY_RULES[property];
			if (!(lookup || expected.body?.includes(property)) || !rule)
				throw new Error(`unexpected body property ${property}`);
			if (!rule(value, request))
				throw new Error(`wrong ${property}: ${JSON.stringify(value).slice(0, 300)}`);
		}
		if (request.method === 'GET' && 'per_page' in request.query) {
			const perPage = Number(request.query.per_page);
			if (
				!Number.isInteger(perPage) ||
				perPage < 1 ||
				perPage > 1000 ||
				request.query.page !== '1'
			) {
				throw new Error(`wrong paging ${JSON.stringify(request.query)}`);
			}
		}
	}
	tally.sent++;
	tally.requests += requests.length;
	return 'sent';
}

/** A field filled by expression from the item's `name` (default `v`). */
export const mapped = (name = 'v') => `={{ $json.${name} }}`;

/** An input item with the drawn values, leaving out those drawn as absent. */
export const item = (values: Record<string, unknown>): IDataObject =>
	Object.fromEntries(
		Object.entries(values).filter(([, value]) => value !== undefined),
	) as IDataObject;

/** The path of one entry of `collection` (a UUID), with an optional suffix. */
export const pathOf = (collection: string, suffix = '') =>
	new RegExp(`^/${collection}/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}${suffix}$`);

/** The one request a Create makes (POST to `collection`) or, with `update`, an Update of entry `id` (PUT to it). */
export const createOrUpdate = (update: boolean, collection: string, id: string) =>
	update
		? { method: 'PUT', path: new RegExp(`^/${collection}/${id}$`) }
		: { method: 'POST', path: new RegExp(`^/${collection}$`) };

/**
 * The small functions declarative routing calls where a description alone cannot do the job:
 * validating input before anything is sent, filling IDs into paths, reading Passona's answers.
 */
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { PassonaErrorContext } from '../../../core/errors';
import {
	InputError,
	parseBoolean,
	parseHeaders,
	parseHttpUrl,
	parseText,
	parseUuid,
	parseUuidList,
	uuidFromLocator,
} from '../../../core/input';
import { inputError } from './inputError';
import {
	DEFAULT_PARALLEL_REQUESTS,
	listAllPages,
	MAX_PARALLEL_REQUESTS,
} from '../../../core/listing';
import { MAX_PAGE_SIZE, pageSize, UnexpectedAnswerError } from '../../../core/pagination';
import { normalisePhoneNumber, parseCountryCode, parsePhoneNumberList } from '../../../core/phone';
import { CREDENTIAL_TYPE, SENDING_OPERATIONS } from '../../../core/constants';
import { rateLimitWait, secretsOf, throwIfPassonaError, withNote } from '../../../core/transport';

/** Things a node acts on by ID; the locator parameter is named like the resource. */
export const LOCATORS = {
	contactGroup: {
		subject: 'contact group',
		collection: 'contact-groups',
		displayName: 'Contact Group',
	},
	keyword: { subject: 'keyword', collection: 'keywords', displayName: 'Keyword' },
	link: { subject: 'link', collection: 'links', displayName: 'Link' },
	vanityDomain: {
		subject: 'vanity domain',
		collection: 'vanity-domains',
		displayName: 'Vanity Domain',
	},
	webhook: { subject: 'webhook', collection: 'webhooks', displayName: 'Webhook' },
	campaign: { subject: 'campaign', collection: 'campaigns', displayName: 'Campaign' },
	template: { subject: 'template', collection: 'templates', displayName: 'Template' },
	sender: { subject: 'sender', collection: 'senders', displayName: 'Sender' },
} as const;

export type LocatorName = keyof typeof LOCATORS;

/**
 * Runs a pure check and reports its failure against the field and the item, as an input error
 * (see inputError: n8n's routing would show a NodeOperationError as "From Passona").
 */
export function checkInput<T>(context: IExecuteSingleFunctions, field: string, check: () => T): T {
	try {
		return check();
	} catch (error) {
		const itemIndex = context.getItemIndex();
		if (!(error instanceof InputError)) {
			const cause = new NodeOperationError(context.getNode(), error as Error, { itemIndex });
			throw inputError(context.getNode(), cause.message, {
				itemIndex,
				description: cause.description ?? undefined,
			});
		}
		throw inputError(context.getNode(), `"${field}" ${error.reason} [item ${itemIndex}]`, {
			itemIndex,
			description: error.hint,
		});
	}
}

/** The UUID chosen in the `name` locator, found at `parameter` (e.g. inside Update Fields). */
export function locatorUuid(
	context: IExecuteSingleFunctions,
	name: LocatorName,
	parameter: string = name,
): string {
	const { collection, displayName } = LOCATORS[name];
	return checkInput(context, displayName, () =>
		uuidFromLocator(context.getNodeParameter(parameter, undefined), collection),
	);
}

/**
 * Puts a resource locator's UUID into the body as `property` (e.g. Create takes `template_uuid`).
 * Custom, like `fillLocator`: see there why routing's own value cannot be used.
 */
export function bodyLocator(
	name: LocatorName,
	property: string,
	parameter?: string,
): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		requestOptions.body = {
			...(requestOptions.body as object),
			[property]: locatorUuid(this, name, parameter),
		};
		return requestOptions;
	};
}

/**
 * Replaces `{contactGroup}` (etc.) in the operation's path with the validated ID. Custom, not a
 * URL expression: routing's `$parameter` gives a By URL value's ID only when n8n's editor stored
 * the mode's regex with it; workflows written by hand, by the API or by an AI agent carry the link
 * itself, and an ID mapped from an expression is checked here before it reaches a path.
 */
export function fillLocator(name: LocatorName): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const uuid = locatorUuid(this, name);
		requestOptions.url = requestOptions.url.replace(`{${name}}`, encodeURIComponent(uuid));
		return requestOptions;
	};
}

/** The Default Country Code of the Passona API credential, for numbers written with a leading 0. */
export async function defaultCountryCode(context: IExecuteSingleFunctions): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return checkInput(context, 'Default Country Code', () =>
		parseCountryCode(credentials.defaultCountryCode),
	);
}

type BodyCheck = (value: unknown) => unknown;

/** Validates (and normalises) one body property that routing has already set. */
export function checkBody(property: string, field: string, check: BodyCheck): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const body = (requestOptions.body ?? {}) as Record<string, unknown>;
		body[property] = checkInput(this, field, () => check(body[property]));
		requestOptions.body = body;
		return requestOptions;
	};
}

export const bodyText = (
	property: string,
	field: string,
	options: { required: boolean; maxLength?: number },
) => checkBody(property, field, (value) => parseText(value, options));

/**
 * A switch sent as true or false. Custom, not routing's `validateType: 'boolean'`: inside Update
 * Fields n8n checks such a field but sends an expression's text ("true") as it is, which Passona
 * refuses; this trims and converts it, with the field and item named when it is neither.
 */
export const bodyBoolean = (property: string, field: string) =>
	checkBody(property, field, parseBoolean);

export const bodyUuidList = (property: string, field: string, options: { allowEmpty: boolean }) =>
	checkBody(property, field, (value) => parseUuidList(value, options));

/** Checks a body property holding phone numbers, read with the credential's Default Country Code. */
function checkPhones(
	property: string,
	field: string,
	parse: (value: unknown, countryCode: string) => unknown,
): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const countryCode = await defaultCountryCode(this);
		return await checkBody(property, field, (value) => parse(value, countryCode)).call(
			this,
			requestOptions,
		);
	};
}

export const bodyPhoneList = (property: string, field: string) =>
	checkPhones(property, field, parsePhoneNumberList);

/** One phone number (Send Test), sent as `property`. */
export const bodyPhoneNumber = (property: string, field: string) =>
	checkPhones(property, field, normalisePhoneNumber);

export const bodyUrl = (property: string, field: string) =>
	checkBody(property, field, parseHttpUrl);

export const bodyUuid = (property: string, field: string) => checkBody(property, field, parseUuid);

/** Sets `headers` from a Headers rows parameter (at `parameter`, e.g. `updateFields.headers`). */
export function bodyHeaders(parameter: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const headers = checkInput(this, 'Headers', () =>
			parseHeaders(this.getNodeParameter(`${parameter}.header`, [])),
		);
		requestOptions.body = { ...(requestOptions.body as object), headers };
		return requestOptions;
	};
}

/** For Update: refuses to send a request that would change nothing. */
export function requireSomeField(parameter: string, field: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		checkSomeField(this, this.getNodeParameter(parameter, {}), field);
		return requestOptions;
	};
}

/** Update Fields with at least one field added, or the item refused with the field named. */
export function checkSomeField(context: IExecuteSingleFunctions, value: unknown, field: string) {
	checkInput(context, field, () => {
		if (Object.keys(value ?? {}).length === 0) {
			throw new InputError('is empty', 'Add at least one field to change.');
		}
	});
}

function errorContext(context: IExecuteSingleFunctions): PassonaErrorContext {
	const resource = context.getNodeParameter('resource', '') as string;
	const operation = context.getNodeParameter('operation', '') as string;
	const locator = LOCATORS[resource as LocatorName];
	const sending = SENDING_OPERATIONS.includes(`${resource}.${operation}`);
	if (!locator) return { subject: resource, operation, sending };
	let uuid: string | undefined;
	try {
		uuid = uuidFromLocator(context.getNodeParameter(resource, null), locator.collection);
	} catch {
		uuid = undefined; // operations without a locator (Create, Get Many) name no ID
	}
	return { subject: locator.subject, uuid, operation, sending };
}

/** First step of every operation's output: Passona's 3xx/4xx/5xx become plain-words errors. */
export const checkResponse: PostReceiveAction = async function (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) {
	// The error's context reads parameters: only worth it for an error (this runs for every page).
	if (response.statusCode >= 300)
		throwIfPassonaError(
			this,
			response,
			errorContext(this),
			this.getItemIndex(),
			await secretsOf(this),
		);
	return items;
};

/**
 * `checkResponse` for answers whose resource is under `data` (routing's `rootProperty` then
 * unwraps it). Custom: `rootProperty` would turn an answer without `data` into an empty item.
 */
export const checkDataAnswer: PostReceiveAction = async function (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) {
	await checkResponse.call(this, items, response);
	const body = response.body as { data?: unknown } | null;
	const data = body !== null && typeof body === 'object' ? body.data : undefined;
	if (data === null || typeof data !== 'object')
		throw unexpectedAnswer(this, 'The answer had no "data"');
	return items;
};

/** Routing's own step that makes the resource under `data` the output (one item per entry). */
export const DATA_ROOT = { type: 'rootProperty', properties: { property: 'data' } } as const;

/** Passona's answer lacks what the operation reads from it; `reason` says what. */
export function unexpectedAnswer(context: IExecuteSingleFunctions, reason: string): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ reason },
		{
			message: 'Passona sent an answer this node does not understand',
			description: `${reason}. Check that the Base URL in the Passona API credential points at Passona's API.`,
			itemIndex: context.getItemIndex(),
		},
	);
}

/**
 * Passona answers deletes with 204 and no body: say what was deleted instead. Custom, not routing's
 * `set`: the ID is the checked one from the locator (see `fillLocator`).
 */
export function deletedResult(name: LocatorName): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions) {
		return [{ json: { deleted: true, uuid: locatorUuid(this, name) } }];
	};
}

/** Return All (as a Limit of Infinity), Limit and Options → Parallel Requests (see `listFields`), checked. */
export function listSettings(this: IExecuteSingleFunctions): {
	limit: number;
	parallel: number;
} {
	const returnAll = checkInput(this, 'Return All', () =>
		parseBoolean(this.getNodeParameter('returnAll', false)),
	);
	const limit = returnAll
		? Infinity
		: checkInput(this, 'Limit', () => {
				const value = Number(this.getNodeParameter('limit', 50));
				if (!Number.isInteger(value) || value < 1) {
					throw new InputError(`must be a whole number of 1 or more, got ${String(value)}`);
				}
				return value;
			});
	const parallel = checkInput(this, 'Parallel Requests', () => {
		const value = Number(
			this.getNodeParameter('options.parallelRequests', DEFAULT_PARALLEL_REQUESTS),
		);
		if (!Number.isInteger(value) || value < 1 || value > MAX_PARALLEL_REQUESTS) {
			throw new InputError(
				`must be a whole number from 1 to ${MAX_PARALLEL_REQUESTS}, got ${String(value)}`,
			);
		}
		return value;
	});
	return { limit, parallel };
}

/** Asks for one page of the operation's own request (routing's steps included), `perPage` a page. */
export function routingPages(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	perPage = MAX_PAGE_SIZE,
): (page: number) => Promise<unknown> {
	return async (page) => {
		// Own qs and headers per request: several may be in flight through the same requestData.
		const { qs, headers } = requestData.options;
		const options = {
			...requestData.options,
			headers: { ...headers },
			qs: { ...qs, page, per_page: perPage },
		};
		const [answer] = await this.makeRoutingRequest({ ...requestData, options });
		return answer?.json;
	};
}

/**
 * Pages through a Passona list: Return All follows `links.next` to the end; otherwise stops at
 * Limit, with a page size chosen so that little beyond the Limit is fetched. Once page 1 tells
 * how many pages there are, the rest come with Options → Parallel Requests in flight.
 */
export async function paginate(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { limit, parallel } = listSettings.call(this);
	const results: INodeExecutionData[] = [];
	// Every entry comes from this input item; one shared pairing object, not one per entry.
	const pairedItem = { item: this.getItemIndex() };
	await listAllPages({
		fetchPage: routingPages.call(this, requestData, pageSize(limit)),
		accept: (entries) => {
			for (const json of entries) {
				if (results.length >= limit) break;
				results.push({ json: json as INodeExecutionData['json'], pairedItem });
			}
			return results.length < limit;
		},
		wanted: () => limit - results.length,
		parallel,
		rateLimitWait,
		unexpected: (error) =>
			error instanceof UnexpectedAnswerError ? unexpectedAnswer(this, error.message) : error,
	});
	return results;
}

/** Passona requests carry at most this many contacts or phone numbers. */
export const CHUNK_SIZE = 1000;

/**
 * Sends a long list (`contacts`, `phone_numbers`) as consecutive requests of CHUNK_SIZE entries,
 * through declarative routing's pagination hook: one input item holding 10,000 contacts costs
 * 10 requests, not 10,000. The output is Passona's answer to the last request.
 */
export function sendInChunks(property: string) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const body = requestData.options.body as Record<string, unknown>;
		const entries = body[property] as unknown[];
		let answer: INodeExecutionData[] = [];
		for (let start = 0; start < entries.length; start += CHUNK_SIZE) {
			const chunk = { ...body, [property]: entries.slice(start, start + CHUNK_SIZE) };
			try {
				answer = await this.makeRoutingRequest({
					...requestData,
					options: { ...requestData.options, body: chunk },
				});
			} catch (error) {
				const sent =
					start > 0
						? `The first ${start} of ${entries.length} were sent before this failure; the other ${entries.length - start} were not.`
						: '';
				throw withNote(this.getNode(), error, sent);
			}
		}
		return answer;
	};
}

import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { CREDENTIAL_TYPE, SENDING_OPERATIONS } from './constants';
import { describePassonaError, maskSecrets, type PassonaErrorContext } from './errors';
import { DEFAULT_PARALLEL_REQUESTS, listAllPages, retryAfterMs } from './listing';
import { MAX_PAGE_SIZE } from './pagination';
import { type RateLimitGiveUp, runGate } from './pacing';

export const JSON_HEADERS = {
	Accept: 'application/json',
	'Content-Type': 'application/json',
};

type PassonaContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IWebhookFunctions;

/** The credential's Base URL for request routing; `normaliseBaseUrl` does the same in code. */
export const BASE_URL_EXPRESSION = '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}';

/** The credential's Base URL without surrounding spaces or trailing slashes. */
export function normaliseBaseUrl(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const url = value.trim().replace(/\/+$/, '');
	return /^https?:\/\/[^/\s]+/i.test(url) ? url : undefined;
}

/**
 * Requests carrying the token never follow a redirect: n8n would send the token on to another
 * host (its `sendCredentialsOnCrossOriginRedirect` defaults to true). A 3xx becomes an error.
 */
export const NO_REDIRECTS = { disableFollowRedirect: true } as const;

/** The redirect answers a server can give; the credential test names each one. */
export const REDIRECT_STATUSES = [300, 301, 302, 303, 304, 305, 307, 308];

/** The words for a 3xx answer: where Passona tried to send the request, and what to check. */
export function redirectMessage(location: unknown): string {
	const target =
		typeof location === 'string' && location.trim() !== '' ? location.trim() : undefined;
	const shown = target && target.length > 200 ? `${target.slice(0, 197)}...` : target;
	return `Passona answered with a redirect${shown ? ` to ${shown}` : ''}: check the Base URL of the Passona API credential`;
}

/** The secrets masked in Passona's answers (see `maskSecrets`): the API token, as it is sent. */
function secretsFrom(credentials: { apiToken?: unknown }): string[] {
	const token = String(credentials.apiToken ?? '').trim();
	return token === '' ? [] : [token];
}

/** `secretsFrom` the context's credential; none when it cannot be read. */
export async function secretsOf(context: PassonaContext): Promise<string[]> {
	try {
		return secretsFrom(await context.getCredentials(CREDENTIAL_TYPE));
	} catch {
		return [];
	}
}

/**
 * Turns a redirect or an answer of 400 or above into Passona's error in plain words, with
 * `secrets` (and any "Bearer …") masked wherever Passona's answer echoed them.
 */
export function throwIfPassonaError(
	context: PassonaContext,
	response: IN8nHttpFullResponse,
	errorContext: PassonaErrorContext,
	itemIndex?: number,
	secrets: string[] = [],
): void {
	if (response.statusCode < 300) return;
	if (response.statusCode < 400) {
		throw new NodeApiError(context.getNode(), { statusCode: response.statusCode } as JsonObject, {
			message: redirectMessage(maskSecrets(response.headers?.location, secrets)),
			description:
				'The request was not followed there, and the API token was not sent there. Use https://passona.co.uk/api/2.0 unless Passona gave you another address.',
			httpCode: String(response.statusCode),
			itemIndex,
		});
	}
	const retryAfter = response.headers?.['retry-after'];
	const body = maskSecrets(response.body, secrets);
	const { message, description } = describePassonaError(response.statusCode, body, {
		...errorContext,
		retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
	});
	const passonaBody = body !== null && typeof body === 'object' ? body : { body };
	const error = new NodeApiError(context.getNode(), passonaBody as JsonObject, {
		message,
		description,
		httpCode: String(response.statusCode),
		itemIndex,
	});
	// Read back by listings, which wait as Passona asks after a 429 (shared/listing.ts), unless
	// the run's pacing already waited it out.
	if (retryAfter !== undefined) error.context.retryAfter = retryAfter;
	if (errorContext.rateLimitWaited) error.context.waitedOut = true;
	throw error;
}

/**
 * How long a 429 thrown by `throwIfPassonaError` asks to wait, in ms; undefined for anything else,
 * and for a 429 the run's pacing already waited out as far as it waits (context.waitedOut).
 */
export function rateLimitWait(error: unknown): number | undefined {
	if (!(error instanceof NodeApiError) || error.httpCode !== '429') return undefined;
	if (error.context?.waitedOut) return undefined;
	return retryAfterMs(error.context?.retryAfter);
}

/**
 * The error of a step that failed part-way, with a note of what had already happened (sent
 * chunks, an undone activation) added to its description, ready to throw.
 */
export function withNote(node: INode, error: unknown, note: string): NodeApiError {
	const failed = error as NodeApiError;
	failed.description = [failed.description, note].filter(Boolean).join(' ');
	return new NodeApiError(node, failed as unknown as JsonObject);
}

/** n8n's timeout for a declarative request whose node sets none (RoutingNode, n8n-core 2.40). */
const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * The timeout of a request the nodes make themselves (opt-out lookup, Wait for Passona, pickers,
 * triggers), as n8n's RoutingNode sets it for the declarative ones: the node's Settings → Request
 * Options → Timeout when set, otherwise n8n's default. The triggers have no such setting.
 */
export function requestTimeout(context: PassonaContext): number {
	let value: unknown;
	try {
		// (name, fallback) in every context but IExecuteFunctions, which reads (name, itemIndex).
		value = (context.getNodeParameter as (name: string, fallback: unknown) => unknown)(
			'requestOptions.timeout',
			undefined,
		);
	} catch {
		value = undefined;
	}
	const ms = Number(value);
	return Number.isFinite(ms) && ms >= 1 ? ms : DEFAULT_TIMEOUT_MS;
}

/** One request to Passona with the credential, for the code paths outside declarative routing. */
export async function passonaApiRequest(
	this: PassonaContext,
	method: IHttpRequestMethods,
	path: string,
	errorContext: PassonaErrorContext,
	{
		qs,
		body,
		notFoundIsEmpty,
	}: { qs?: IDataObject; body?: IDataObject; notFoundIsEmpty?: boolean } = {},
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = normaliseBaseUrl(credentials.baseUrl);
	if (!baseUrl) {
		throw new NodeOperationError(
			this.getNode(),
			'The Base URL in the Passona API credential is not a link',
			{
				description: 'Use https://passona.co.uk/api/2.0 unless Passona gave you another address.',
			},
		);
	}
	const send = async () =>
		(await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method,
			url: `${baseUrl}${path}`,
			qs,
			body,
			json: true,
			headers: JSON_HEADERS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: requestTimeout(this),
			...NO_REDIRECTS,
		})) as IN8nHttpFullResponse;
	// Within a node run, paced with the run's other requests (a 429 waited out); elsewhere as it comes.
	const gate = runGate(this);
	let rateLimitWaited: RateLimitGiveUp | undefined;
	const response = gate
		? await gate.send(
				send,
				({ value }) =>
					value?.statusCode === 429 ? retryAfterMs(value.headers?.['retry-after']) : undefined,
				(giveUp) => {
					rateLimitWaited = giveUp;
					return giveUp.cause as IN8nHttpFullResponse;
				},
				// Made by an item's own steps (a read after its answer) or before its request.
				{ within: 'getItemIndex' in this ? this.getItemIndex() : undefined },
			)
		: await send();
	// For clean-ups: what is already gone needs no removing.
	if (notFoundIsEmpty && response.statusCode === 404) return undefined;
	// Within an operation, Passona's error names the input item it was sent for.
	const itemIndex = 'getItemIndex' in this ? this.getItemIndex() : undefined;
	const context = { ...errorContext, sending: sendingItem(this), rateLimitWaited };
	throwIfPassonaError(this, response, context, itemIndex, secretsFrom(credentials));
	return response.body;
}

/** Whether `context` is an item of an operation that sends SMS (its words then never advise running again). */
function sendingItem(context: PassonaContext): boolean {
	if (!('getItemIndex' in context)) return false;
	const operation = `${String(context.getNodeParameter('resource', ''))}.${String(context.getNodeParameter('operation', ''))}`;
	return SENDING_OPERATIONS.includes(operation);
}

/** Every entry of a Passona list, page by page (several pages in flight once their number is known). */
export async function passonaApiRequestAllItems(
	this: PassonaContext,
	path: string,
	errorContext: PassonaErrorContext,
	parallel = DEFAULT_PARALLEL_REQUESTS,
): Promise<unknown[]> {
	const entries: unknown[] = [];
	await listAllPages({
		fetchPage: async (page) =>
			await passonaApiRequest.call(this, 'GET', path, errorContext, {
				qs: { page, per_page: MAX_PAGE_SIZE },
			}),
		accept: (pageEntries) => {
			for (const entry of pageEntries) entries.push(entry);
			return true;
		},
		wanted: () => Infinity,
		parallel,
		rateLimitWait,
		unexpected: (error) => error,
	});
	return entries;
}

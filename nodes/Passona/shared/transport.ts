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
import { describePassonaError, type PassonaErrorContext } from './errors';
import { MAX_PAGE_SIZE, readPage } from './pagination';

export const CREDENTIAL_TYPE = 'passonaApi';

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

/** Turns an answer of 400 or above into Passona's error in plain words. */
export function throwIfPassonaError(
	context: PassonaContext,
	response: IN8nHttpFullResponse,
	errorContext: PassonaErrorContext,
	itemIndex?: number,
): void {
	if (response.statusCode < 400) return;
	const retryAfter = response.headers?.['retry-after'];
	const { message, description } = describePassonaError(response.statusCode, response.body, {
		...errorContext,
		retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
	});
	const passonaBody =
		response.body !== null && typeof response.body === 'object' ? response.body : { body: response.body };
	throw new NodeApiError(context.getNode(), passonaBody as JsonObject, {
		message,
		description,
		httpCode: String(response.statusCode),
		itemIndex,
	});
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

/** One request to Passona with the credential, for the code paths outside declarative routing. */
export async function passonaApiRequest(
	this: PassonaContext,
	method: IHttpRequestMethods,
	path: string,
	errorContext: PassonaErrorContext,
	{ qs, body, notFoundIsEmpty }: { qs?: IDataObject; body?: IDataObject; notFoundIsEmpty?: boolean } = {},
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = normaliseBaseUrl(credentials.baseUrl);
	if (!baseUrl) {
		throw new NodeOperationError(this.getNode(), 'The Base URL in the Passona API credential is not a link', {
			description: 'Use https://passona.co.uk/api/2.0 unless Passona gave you another address.',
		});
	}
	const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
		method,
		url: `${baseUrl}${path}`,
		qs,
		body,
		json: true,
		headers: JSON_HEADERS,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
	// For clean-ups: what is already gone needs no removing.
	if (notFoundIsEmpty && response.statusCode === 404) return undefined;
	throwIfPassonaError(this, response, errorContext);
	return response.body;
}

/** Every entry of a Passona list, page by page. */
export async function passonaApiRequestAllItems(
	this: PassonaContext,
	path: string,
	errorContext: PassonaErrorContext,
): Promise<unknown[]> {
	const entries: unknown[] = [];
	for (let page: number | undefined = 1; page !== undefined; ) {
		const body = await passonaApiRequest.call(this, 'GET', path, errorContext, {
			qs: { page, per_page: MAX_PAGE_SIZE },
		});
		const result = readPage(body, page);
		entries.push(...result.entries);
		page = result.nextPage;
	}
	return entries;
}

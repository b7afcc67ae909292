/** A whole Passona list read by the node's own steps (opt-out lookups, audiences), not by routing. */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { DEFAULT_PARALLEL_REQUESTS, listAllPages } from '../../../core/listing';
import { MAX_PAGE_SIZE, UnexpectedAnswerError } from '../../../core/pagination';
import { passonaApiRequest, rateLimitWait } from '../../../core/transport';
import { unexpectedAnswer } from './routing';

export type ListEntry = Record<string, unknown> | null;

/** Asks for one page of a list and resolves with Passona's answer. */
export type FetchPage = (page: number) => Promise<unknown>;

/** `FetchPage` for a list at `path`, pages of 1,000 (a POST's JSON body, if any, on every page). */
export function passonaPages(
	this: IExecuteSingleFunctions,
	request: { method?: IHttpRequestMethods; path: string; body?: IDataObject; subject: string },
): FetchPage {
	const { method = 'GET', path, body, subject } = request;
	return async (page) =>
		await passonaApiRequest.call(
			this,
			method,
			path,
			{ subject },
			{ qs: { page, per_page: MAX_PAGE_SIZE }, body },
		);
}

/**
 * Every entry of a list, page by page as Get Many lists (`parallel` pages in flight once their
 * number is known, slowed by a 429), handed to `accept` in Passona's order until it returns false.
 * An answer that is not paged (`{ "data": [...] }` alone) is one page.
 */
export async function listEntries(
	this: IExecuteSingleFunctions,
	fetchPage: FetchPage,
	accept: (entries: ListEntry[]) => boolean,
	parallel = DEFAULT_PARALLEL_REQUESTS,
): Promise<void> {
	await listAllPages({
		fetchPage,
		accept: (entries) => accept(entries as ListEntry[]),
		wanted: () => Infinity,
		parallel,
		rateLimitWait,
		unexpected: (error) =>
			error instanceof UnexpectedAnswerError ? unexpectedAnswer(this, error.message) : error,
	});
}

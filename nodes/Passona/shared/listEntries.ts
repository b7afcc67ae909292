/** A whole Passona list read by the node's own steps (opt-out lookups, audiences), not by routing. */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { DEFAULT_PARALLEL_REQUESTS, listAllPages } from '../../../core/listing';
import { MAX_PAGE_SIZE, UnexpectedAnswerError } from '../../../core/pagination';
import { passonaApiRequest, rateLimitWait } from '../../../core/transport';
import { unexpectedAnswer } from './routing';

export type ListEntry = Record<string, unknown> | null;

/**
 * Every entry of the list at `path`, page by page as Get Many lists (pages in parallel once their
 * number is known, slowed by a 429), handed to `accept` in Passona's order until it returns false.
 * An answer that is not paged (`{ "data": [...] }` alone) is one page.
 */
export async function listEntries(
	context: IExecuteSingleFunctions,
	request: { method?: IHttpRequestMethods; path: string; body?: IDataObject; subject: string },
	accept: (entries: ListEntry[]) => boolean,
): Promise<void> {
	const { method = 'GET', path, body, subject } = request;
	await listAllPages({
		fetchPage: async (page) =>
			await passonaApiRequest.call(
				context,
				method,
				path,
				{ subject },
				{ qs: { page, per_page: MAX_PAGE_SIZE }, body },
			),
		accept: (entries) => accept(entries as ListEntry[]),
		wanted: () => Infinity,
		parallel: DEFAULT_PARALLEL_REQUESTS,
		rateLimitWait,
		unexpected: (error) =>
			error instanceof UnexpectedAnswerError ? unexpectedAnswer(context, error.message) : error,
	});
}

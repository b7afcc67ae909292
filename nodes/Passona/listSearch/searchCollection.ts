import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { DEFAULT_PARALLEL_REQUESTS, listAllPages } from '../../../core/listing';
import { emptyListLine, listItemOf } from '../../../core/pickers';
import { MAX_PAGE_SIZE } from '../../../core/pagination';
import { passonaApiRequest, rateLimitWait } from '../../../core/transport';

/** Entries per page while the user scrolls without a filter. */
const PAGE_SIZE = 100;
/** Pages of MAX_PAGE_SIZE a filtered search reads before it shows what it found (10,000 entries). */
const SEARCH_PAGES = 10;

interface Labels {
	/** What the filter matches: the entry's own name. */
	name: (entry: Record<string, unknown>) => string;
	/** What the list shows, when more than the name (e.g. the number of contacts). */
	label?: (entry: Record<string, unknown>) => string;
}

/**
 * A Passona list for a From List picker. Passona has no search parameter, so without a filter
 * the picker shows one page at a time and loads the next on scroll. With a filter, it reads up
 * to SEARCH_PAGES large pages (several in flight) and shows every entry whose name contains the
 * filter: n8n asks for more only when the user scrolls a list that is not empty, so a match
 * beyond page one must be found in the same call. Past that many, it says so.
 */
async function searchCollection(
	this: ILoadOptionsFunctions,
	collection: string,
	subject: string,
	labels: Labels,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const filtering = needle !== '';
	const from = Number(paginationToken ?? 1) || 1;
	const results: INodeListSearchItems[] = [];
	const next = await listAllPages({
		fetchPage: async (page) =>
			await passonaApiRequest.call(
				this,
				'GET',
				`/${collection}`,
				{ subject },
				{
					qs: { page, per_page: filtering ? MAX_PAGE_SIZE : PAGE_SIZE },
				},
			),
		accept: (entries) => {
			for (const entry of entries as Array<Record<string, unknown>>) {
				if (typeof entry?.uuid !== 'string') continue;
				const name = labels.name(entry);
				if (filtering && !name.toLowerCase().includes(needle)) continue;
				results.push({ name: labels.label?.(entry) ?? name, value: entry.uuid });
			}
			return true;
		},
		wanted: () => Infinity,
		parallel: DEFAULT_PARALLEL_REQUESTS,
		rateLimitWait,
		unexpected: (error) => error,
		from,
		upTo: filtering ? from + SEARCH_PAGES - 1 : from,
	});
	// Said only for the first pages: further on, matches found before are already in the list.
	if (filtering && from === 1 && next !== undefined && results.length === 0) {
		const searched = ((next - 1) * MAX_PAGE_SIZE).toLocaleString('en-GB');
		return {
			results: [
				{
					name: `No ${subject} named like "${filter?.trim()}" in the first ${searched}`,
					value: '',
					description: 'Type more of the name, or choose By ID',
				},
			],
		};
	}
	// Nothing at all: say what to create first (n8n would say "No results").
	if (!filtering && from === 1 && next === undefined && results.length === 0)
		return { results: [listItemOf(emptyListLine(subject))] };
	return { results, paginationToken: next === undefined ? undefined : String(next) };
}

/** The From List search method of one Passona collection (`subject` names it in messages). */
export function collectionSearch(collection: string, subject: string, labels: Labels) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchCollection.call(this, collection, subject, labels, filter, paginationToken);
	};
}

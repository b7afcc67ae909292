import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchSenders } from './searchSenders';

/** The team's senders by name: campaigns and templates take the sender's text, not its ID. */
export async function searchSenderNames(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const found = await searchSenders.call(this, filter, paginationToken);
	return {
		...found,
		// An entry without a value ("No sender named like …") stays one.
		results: found.results.map((result) => ({ ...result, value: result.value && result.name })),
	};
}

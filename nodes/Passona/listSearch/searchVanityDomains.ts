import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchCollection } from './searchCollection';

export async function searchVanityDomains(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchCollection(
		this,
		'vanity-domains',
		'vanity domain',
		{ name: (domain) => String(domain.domain) },
		filter,
		paginationToken,
	);
}

import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchCollection } from './searchCollection';

export async function searchKeywords(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchCollection(
		this,
		'keywords',
		'keyword',
		{ name: (keyword) => String(keyword.keyword) },
		filter,
		paginationToken,
	);
}

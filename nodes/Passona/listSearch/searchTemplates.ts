import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchCollection } from './searchCollection';

export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchCollection(
		this,
		'templates',
		'template',
		{ name: (template) => String(template.name) },
		filter,
		paginationToken,
	);
}

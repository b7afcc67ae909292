import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchCollection } from './searchCollection';

export async function searchContactGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchCollection(
		this,
		'contact-groups',
		'contact group',
		(group) => `${String(group.name)} (${String(group.number_of_contacts ?? 0)} contacts)`,
		filter,
		paginationToken,
	);
}

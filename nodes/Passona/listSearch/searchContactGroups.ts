import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchCollection } from './searchCollection';

/** "1 contact", "12 contacts". */
export function contactCount(count: unknown): string {
	return `${String(count ?? 0)} ${Number(count) === 1 ? 'contact' : 'contacts'}`;
}

export async function searchContactGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchCollection(
		this,
		'contact-groups',
		'contact group',
		{
			name: (group) => String(group.name),
			label: (group) => `${String(group.name)} (${contactCount(group.number_of_contacts)})`,
		},
		filter,
		paginationToken,
	);
}

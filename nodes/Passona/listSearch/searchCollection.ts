import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { readPage } from '../shared/pagination';
import { passonaApiRequest } from '../shared/transport';

const PAGE_SIZE = 100;

/**
 * One page of a Passona list for a From List picker. Passona has no search parameter, so the
 * filter applies to the names on each page and the picker loads further pages on scroll.
 */
export async function searchCollection(
	context: ILoadOptionsFunctions,
	collection: string,
	subject: string,
	label: (entry: Record<string, unknown>) => string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const body = await passonaApiRequest.call(context, 'GET', `/${collection}`, { subject }, {
		qs: { page, per_page: PAGE_SIZE },
	});
	const { entries, nextPage } = readPage(body, page);
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = (entries as Array<Record<string, unknown>>)
		.filter((entry) => typeof entry?.uuid === 'string')
		.map((entry) => ({ name: label(entry), value: entry.uuid as string }))
		.filter((result) => needle === '' || result.name.toLowerCase().includes(needle));
	return { results, paginationToken: nextPage === undefined ? undefined : String(nextPage) };
}

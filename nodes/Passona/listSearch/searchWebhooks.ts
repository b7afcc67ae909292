import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchCollection } from './searchCollection';

export async function searchWebhooks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchCollection(
		this,
		'webhooks',
		'webhook',
		{ name: (webhook) => String(webhook.name) },
		filter,
		paginationToken,
	);
}

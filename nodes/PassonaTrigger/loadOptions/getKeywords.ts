import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { pickerOptions } from '../../../core/pickers';
import { passonaApiRequestAllItems } from '../../../core/transport';

async function listKeywords(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const keywords = (await passonaApiRequestAllItems.call(this, '/keywords', {
		subject: 'keyword',
	})) as Array<{ uuid: string; keyword: string; webhooks_uuid?: string[] }>;
	return keywords.map((keyword) => ({
		name: keyword.keyword,
		value: keyword.uuid,
		description: `${keyword.webhooks_uuid?.length ?? 0} webhooks attached`,
	}));
}

/** The keywords as options, or a line saying what to do when there are none to show. */
export async function getKeywords(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await pickerOptions.call(this, 'keyword', listKeywords);
}

import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { passonaApiRequestAllItems } from '../../../core/transport';

export async function getKeywords(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const keywords = (await passonaApiRequestAllItems.call(this, '/keywords', {
		subject: 'keyword',
	})) as Array<{ uuid: string; keyword: string; webhooks_uuid?: string[] }>;
	return keywords.map((keyword) => ({
		name: keyword.keyword,
		value: keyword.uuid,
		description: `${keyword.webhooks_uuid?.length ?? 0} webhooks attached`,
	}));
}

import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { passonaApiRequestAllItems } from '../../../core/transport';

export async function getWebhooks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const webhooks = (await passonaApiRequestAllItems.call(this, '/webhooks', {
		subject: 'webhook',
	})) as Array<{ uuid: string; name: string; url?: string }>;
	return webhooks.map((webhook) => ({
		name: webhook.name,
		value: webhook.uuid,
		description: webhook.url,
	}));
}

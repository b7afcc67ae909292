import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { pickerOptions } from '../../../core/pickers';
import { passonaApiRequestAllItems } from '../../../core/transport';

async function listWebhooks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const webhooks = (await passonaApiRequestAllItems.call(this, '/webhooks', {
		subject: 'webhook',
	})) as Array<{ uuid: string; name: string; url?: string }>;
	return webhooks.map((webhook) => ({
		name: webhook.name,
		value: webhook.uuid,
		description: webhook.url,
	}));
}

/** The webhooks as options, or a line saying what to do when there are none to show. */
export async function getWebhooks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await pickerOptions.call(this, 'webhook', listWebhooks);
}

import { collectionSearch } from './searchCollection';

export const searchWebhooks = collectionSearch('webhooks', 'webhook', {
	name: (webhook) => String(webhook.name),
});

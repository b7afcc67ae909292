import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { locatorField } from '../../shared/descriptions';
import { webhookDataRouting } from './hideSecret';

export const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a webhook',
	description: 'Get a webhook with its address and headers',
	routing: webhookDataRouting('GET', '/webhooks/{webhook}'),
};

export const getDescription: INodeProperties[] = [
	locatorField('webhook', { resource: ['webhook'], operation: ['get'] }),
];

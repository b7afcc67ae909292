import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { webhookDataRouting } from './hideSecret';
import { webhookHeaders, webhookName, webhookUrl } from './fields';

const show = { resource: ['webhook'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a webhook',
	description: 'Create a webhook that keywords can call',
	routing: webhookDataRouting('POST', '/webhooks'),
};

export const createDescription: INodeProperties[] = [
	{ ...webhookName, required: true, displayOptions: { show } },
	{ ...webhookUrl, required: true, displayOptions: { show } },
	{ ...webhookHeaders('headers'), displayOptions: { show } },
];

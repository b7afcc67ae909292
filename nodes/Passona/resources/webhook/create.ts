import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting } from '../../shared/descriptions';
import { webhookHeaders, webhookName, webhookUrl } from './fields';

const show = { resource: ['webhook'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a webhook',
	description: 'Create a webhook that keywords can call',
	routing: dataRouting('POST', '/webhooks'),
};

export const createDescription: INodeProperties[] = [
	{ ...webhookName, required: true, displayOptions: { show } },
	{ ...webhookUrl, required: true, displayOptions: { show } },
	{ ...webhookHeaders('headers'), displayOptions: { show } },
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { locatorField, updateFields } from '../../shared/descriptions';
import { webhookDataRouting } from './hideSecret';
import { webhookHeaders, webhookName, webhookUrl } from './fields';

const show = { resource: ['webhook'], operation: ['update'] };

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a webhook',
	description:
		"Change a webhook's name, address or headers; headers given replace all the old ones",
	routing: webhookDataRouting('PUT', '/webhooks/{webhook}'),
};

export const updateDescription: INodeProperties[] = [
	locatorField('webhook', show),
	updateFields(show, [webhookHeaders('updateFields.headers'), webhookName, webhookUrl]),
];

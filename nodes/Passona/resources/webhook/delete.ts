import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { deleteRouting, locatorField } from '../../shared/descriptions';

export const deleteOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a webhook',
	description: 'Delete a webhook',
	routing: deleteRouting('webhook'),
};

export const deleteDescription: INodeProperties[] = [
	locatorField('webhook', { resource: ['webhook'], operation: ['delete'] }),
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { deleteRouting, locatorField } from '../../shared/descriptions';

export const deleteOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a sender',
	description: 'Delete a sender',
	routing: deleteRouting('sender'),
};

export const deleteDescription: INodeProperties[] = [
	locatorField('sender', { resource: ['sender'], operation: ['delete'] }),
];

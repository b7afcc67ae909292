import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { deleteRouting, locatorField } from '../../shared/descriptions';

export const deleteOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a keyword',
	description: 'Delete a keyword',
	routing: deleteRouting('keyword'),
};

export const deleteDescription: INodeProperties[] = [
	locatorField('keyword', { resource: ['keyword'], operation: ['delete'] }),
];

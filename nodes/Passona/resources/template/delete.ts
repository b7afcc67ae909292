import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { deleteRouting, locatorField } from '../../shared/descriptions';

export const deleteOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a template',
	description: 'Delete a template',
	routing: deleteRouting('template'),
};

export const deleteDescription: INodeProperties[] = [
	locatorField('template', { resource: ['template'], operation: ['delete'] }),
];

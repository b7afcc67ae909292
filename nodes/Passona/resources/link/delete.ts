import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { deleteRouting } from '../../shared/descriptions';
import { linkLocator } from './fields';

export const deleteOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a link',
	description: 'Delete a link; refused while a sending campaign uses it',
	routing: deleteRouting('link'),
};

export const deleteDescription: INodeProperties[] = [
	linkLocator({ resource: ['link'], operation: ['delete'] }),
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { deleteRouting, locatorField } from '../../shared/descriptions';

export const deleteOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a vanity domain',
	description: 'Delete one of your own vanity domains',
	routing: deleteRouting('vanityDomain'),
};

export const deleteDescription: INodeProperties[] = [
	locatorField('vanityDomain', { resource: ['vanityDomain'], operation: ['delete'] }),
];

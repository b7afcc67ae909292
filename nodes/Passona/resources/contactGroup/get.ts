import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField } from '../../shared/descriptions';

export const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a contact group',
	description: 'Get a contact group, with its status and number of contacts',
	routing: dataRouting('GET', '/contact-groups/{contactGroup}'),
};

export const getDescription: INodeProperties[] = [
	locatorField('contactGroup', { resource: ['contactGroup'], operation: ['get'] }),
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField } from '../../shared/descriptions';

export const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a template',
	description: 'Get a template with its text, sender and links',
	routing: dataRouting('GET', '/templates/{template}'),
};

export const getDescription: INodeProperties[] = [
	locatorField('template', { resource: ['template'], operation: ['get'] }),
];

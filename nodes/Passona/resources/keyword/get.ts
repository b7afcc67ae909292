import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField } from '../../shared/descriptions';

export const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a keyword',
	description: 'Get a keyword with its contact groups and webhooks',
	routing: dataRouting('GET', '/keywords/{keyword}'),
};

export const getDescription: INodeProperties[] = [
	locatorField('keyword', { resource: ['keyword'], operation: ['get'] }),
];

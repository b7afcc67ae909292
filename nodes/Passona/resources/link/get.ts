import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting } from '../../shared/descriptions';
import { linkLocator } from './fields';

export const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a link',
	description: 'Get a link with its template, vanity domain and destination',
	routing: dataRouting('GET', '/links/{link}'),
};

export const getDescription: INodeProperties[] = [
	linkLocator({ resource: ['link'], operation: ['get'] }),
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField } from '../../shared/descriptions';

export const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a sender',
	description: 'Get a sender with its status',
	routing: dataRouting('GET', '/senders/{sender}'),
};

export const getDescription: INodeProperties[] = [
	locatorField('sender', { resource: ['sender'], operation: ['get'] }),
];

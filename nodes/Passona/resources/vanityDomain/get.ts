import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField } from '../../shared/descriptions';

export const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a vanity domain',
	description: 'Get a vanity domain with its DNS status and name servers',
	routing: dataRouting('GET', '/vanity-domains/{vanityDomain}'),
};

export const getDescription: INodeProperties[] = [
	locatorField('vanityDomain', { resource: ['vanityDomain'], operation: ['get'] }),
];

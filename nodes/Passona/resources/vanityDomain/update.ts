import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField } from '../../shared/descriptions';
import { domainField } from './fields';

const show = { resource: ['vanityDomain'], operation: ['update'] };

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a vanity domain',
	description: "Change a vanity domain's address",
	routing: dataRouting('PUT', '/vanity-domains/{vanityDomain}'),
};

export const updateDescription: INodeProperties[] = [
	locatorField('vanityDomain', show),
	{ ...domainField, description: 'The new address, with https://', displayOptions: { show } },
];

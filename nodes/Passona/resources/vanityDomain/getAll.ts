import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { listFields, pagedRouting } from '../../shared/descriptions';

export const getAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many vanity domains',
	description: "List your team's vanity domains, https://psms.io included",
	routing: pagedRouting('/vanity-domains'),
};

export const getAllDescription: INodeProperties[] = listFields({
	resource: ['vanityDomain'],
	operation: ['getAll'],
});

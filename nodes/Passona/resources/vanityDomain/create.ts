import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting } from '../../shared/descriptions';
import { domainField } from './fields';

const show = { resource: ['vanityDomain'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a vanity domain',
	description: 'Add your own short domain for tracked links; Passona fills its name servers later',
	routing: dataRouting('POST', '/vanity-domains'),
};

export const createDescription: INodeProperties[] = [
	{ ...domainField, displayOptions: { show } },
	{
		displayName:
			'Every team can already use https://psms.io. A new domain starts as Pending Validation: point it at the name servers Passona shows (they may take a while to appear), and Digitonic moderates it',
		name: 'vanityDomainNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
];

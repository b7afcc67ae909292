import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting } from '../../shared/descriptions';
import { linkDestination, linkName, linkTemplate, linkVanityDomain } from './fields';

const show = { resource: ['link'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a link',
	description: 'Create a tracked link for a template; its body uses it as ::NAME::',
	routing: dataRouting('POST', '/links'),
};

export const createDescription: INodeProperties[] = [
	{ ...linkVanityDomain('vanityDomain'), required: true, displayOptions: { show } },
	{ ...linkTemplate, required: true, displayOptions: { show } },
	{ ...linkName, required: true, displayOptions: { show } },
	{ ...linkDestination, required: true, displayOptions: { show } },
	{
		displayName:
			'Write the link in the template body as ::NAME:: (its name between double colons); Passona replaces it with a personalised tracked link for each recipient',
		name: 'linkNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
];

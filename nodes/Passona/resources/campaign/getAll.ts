import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { listFields, pagedRouting } from '../../shared/descriptions';

const show = { resource: ['campaign'], operation: ['getAll'] };

export const getAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many campaigns',
	description: "List your team's campaigns with their status and sending times",
	routing: pagedRouting('/campaigns'),
};

export const getAllDescription: INodeProperties[] = [
	{
		displayName:
			'Passona has no way to fetch one campaign by ID: list them here and keep the one you need with a Filter node (uuid is equal to the ID)',
		name: 'getAllNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	...listFields(show),
];

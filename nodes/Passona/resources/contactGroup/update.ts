import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { contactGroupDescriptionOption, dataRouting, locatorField } from '../../shared/descriptions';
import { bodyText, requireSomeField } from '../../shared/routing';

const show = { resource: ['contactGroup'], operation: ['update'] };

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a contact group',
	description: "Change a contact group's name or description",
	routing: dataRouting('PUT', '/contact-groups/{contactGroup}'),
};

export const updateDescription: INodeProperties[] = [
	locatorField('contactGroup', show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		routing: { send: { preSend: [requireSomeField('updateFields', 'Update Fields')] } },
		options: [
			contactGroupDescriptionOption,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the contact group',
				routing: {
					send: {
						type: 'body',
						property: 'name',
						preSend: [bodyText('name', 'Name', { required: true, maxLength: 255 })],
					},
				},
			},
		],
	},
];

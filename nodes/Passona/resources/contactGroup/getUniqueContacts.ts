import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting } from '../../shared/descriptions';
import { bodyUuidList } from '../../shared/routing';

const show = { resource: ['contactGroup'], operation: ['getUniqueContacts'] };

export const getUniqueContactsOperation: INodePropertyOptions = {
	name: 'Get Unique Contacts',
	value: 'getUniqueContacts',
	action: 'Get the unique contacts of several contact groups',
	description:
		'List the phone numbers a campaign to these groups would reach: in any included group and in no excluded group',
	// The documented call sends a JSON body, which makes it a POST.
	routing: dataRouting('POST', '/contact-groups/unique-contacts'),
};

export const getUniqueContactsDescription: INodeProperties[] = [
	{
		displayName: 'Included Contact Group Names or IDs',
		name: 'includedContactGroups',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getContactGroups' },
		required: true,
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Groups whose contacts count',
		displayOptions: { show },
		routing: {
			send: {
				type: 'body',
				property: 'included_contact_group_uuids',
				preSend: [
					bodyUuidList('included_contact_group_uuids', 'Included Contact Groups', { allowEmpty: false }),
				],
			},
		},
	},
	{
		displayName: 'Excluded Contact Group Names or IDs',
		name: 'excludedContactGroups',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getContactGroups' },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Groups whose contacts are left out, such as default_optouts',
		displayOptions: { show },
		routing: {
			send: {
				type: 'body',
				property: 'excluded_contact_group_uuids',
				preSend: [
					bodyUuidList('excluded_contact_group_uuids', 'Excluded Contact Groups', { allowEmpty: true }),
				],
			},
		},
	},
];

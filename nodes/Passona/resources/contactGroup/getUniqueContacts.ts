import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { contactGroupsPicker, dataRouting } from '../../shared/descriptions';

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
	contactGroupsPicker({
		show,
		name: 'includedContactGroups',
		label: 'Included Groups',
		property: 'included_contact_group_uuids',
		hint: 'Groups whose contacts count',
		allowEmpty: false,
	}),
	contactGroupsPicker({
		show,
		name: 'excludedContactGroups',
		label: 'Excluded Groups',
		property: 'excluded_contact_group_uuids',
		hint: 'Groups whose contacts are left out, such as default_optouts',
		allowEmpty: true,
	}),
];

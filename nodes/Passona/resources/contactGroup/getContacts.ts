import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { listFields, locatorField, pagedRouting } from '../../shared/descriptions';

const show = { resource: ['contactGroup'], operation: ['getContacts'] };

export const getContactsOperation: INodePropertyOptions = {
	name: 'Get Contacts',
	value: 'getContacts',
	action: 'Get the contacts of a contact group',
	description: 'List the phone numbers in a contact group',
	routing: pagedRouting('/contact-groups/{contactGroup}/list-contacts'),
};

export const getContactsDescription: INodeProperties[] = [
	locatorField('contactGroup', show),
	...listFields(show),
];

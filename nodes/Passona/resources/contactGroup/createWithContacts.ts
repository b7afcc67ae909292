import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import {
	additionalFields,
	backgroundNotice,
	contactGroupDescriptionOption,
	dataRouting,
	deletableField,
	nameField,
	phoneNumbersField,
} from '../../shared/descriptions';
import { waitFields, withWaiting } from './waitForGroup';

const show = { resource: ['contactGroup'], operation: ['createWithContacts'] };

export const createWithContactsOperation: INodePropertyOptions = {
	name: 'Create With Contacts',
	value: 'createWithContacts',
	action: 'Create a contact group with contacts',
	description:
		'Create a contact group and fill it with phone numbers in one step (no custom fields)',
	routing: withWaiting(dataRouting('POST', '/contact-groups/bulk-contacts')),
};

export const createWithContactsDescription: INodeProperties[] = [
	nameField(show, 'Name of the new contact group'),
	phoneNumbersField(
		show,
		'contacts',
		'Phone numbers to put in the group: a list from an expression, or text separated by commas or new lines',
	),
	deletableField(show),
	additionalFields(show, [contactGroupDescriptionOption]),
	backgroundNotice(show),
	...waitFields(show),
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import {
	backgroundNotice,
	chunkedRouting,
	locatorField,
	phoneNumbersField,
} from '../../shared/descriptions';
import { waitFields, withWaiting } from './waitForGroup';

const show = { resource: ['contactGroup'], operation: ['removeContacts'] };

export const removeContactsOperation: INodePropertyOptions = {
	name: 'Remove Contacts',
	value: 'removeContacts',
	action: 'Remove contacts from a contact group',
	description: 'Remove phone numbers from a contact group; Passona applies it in the background',
	routing: withWaiting(
		chunkedRouting('PUT', '/contact-groups/{contactGroup}/remove-contacts', 'phone_numbers'),
	),
};

export const removeContactsDescription: INodeProperties[] = [
	locatorField('contactGroup', show),
	phoneNumbersField(
		show,
		'phone_numbers',
		'Phone numbers to remove: a list from an expression, or text separated by commas or new lines',
	),
	backgroundNotice(show),
	...waitFields(show),
];

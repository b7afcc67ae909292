import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { dedupeContacts, parseContactList, toContact } from '../../shared/contacts';
import { pairsToObject } from '../../shared/input';
import { chunkedRouting, locatorField } from '../../shared/descriptions';
import { normalisePhoneNumber } from '../../shared/phone';
import { checkInput } from '../../shared/routing';
import { waitFields, withWaiting } from '../../shared/waitForGroup';

const show = { resource: ['contactGroup'], operation: ['addContacts'] };

export const addContactsOperation: INodePropertyOptions = {
	name: 'Add Contacts',
	value: 'addContacts',
	action: 'Add contacts to a contact group',
	description: 'Add phone numbers with custom fields to a contact group; Passona applies it in the background',
	routing: withWaiting(chunkedRouting('PUT', '/contact-groups/{contactGroup}/add-contacts', 'contacts')),
};

/** Builds `contacts` from the chosen source; every number is checked before anything is sent. */
async function buildContacts(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const source = this.getNodeParameter('contactSource', 'fields') as string;
	let contacts;
	if (source === 'json') {
		contacts = checkInput(this, 'Contacts (JSON)', () => parseContactList(this.getNodeParameter('contactsJson')));
	} else {
		const phoneNumber = checkInput(this, 'Phone Number', () =>
			normalisePhoneNumber(this.getNodeParameter('phoneNumber', '')),
		);
		contacts = checkInput(this, 'Custom Fields', () => [
			toContact(phoneNumber, pairsToObject(this.getNodeParameter('customFields.field', []))),
		]);
	}
	requestOptions.body = { ...(requestOptions.body as object), contacts: dedupeContacts(contacts) };
	return requestOptions;
}

export const addContactsDescription: INodeProperties[] = [
	locatorField('contactGroup', show),
	{
		displayName: 'Contacts From',
		name: 'contactSource',
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		displayOptions: { show },
		options: [
			{
				name: 'Fields Below',
				value: 'fields',
				description: 'One contact per input item: a phone number and its custom fields',
			},
			{
				name: 'JSON',
				value: 'json',
				description: 'A list of contacts per input item, for example from an Aggregate node',
			},
		],
		routing: { send: { preSend: [buildContacts] } },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '447700900123',
		description: 'In international format; spaces, dashes, brackets and a leading + or 00 are removed',
		displayOptions: { show: { ...show, contactSource: ['fields'] } },
	},
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description: 'Values for personalising messages, such as first_name',
		displayOptions: { show: { ...show, contactSource: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'first_name' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Contacts (JSON)',
		name: 'contactsJson',
		type: 'json',
		required: true,
		default: '[]',
		description:
			'A list such as [{"phone_number": "447700900123", "custom_fields": {"first_name": "Jane"}}]; a number listed twice keeps its last entry',
		displayOptions: { show: { ...show, contactSource: ['json'] } },
	},
	...waitFields(show),
];

import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { dedupeContacts, parseContactList, toContact } from '../../../../core/contacts';
import { pairsToObject } from '../../../../core/input';
import {
	backgroundNotice,
	chunkedRouting,
	customFieldsProperty,
	locatorField,
	PHONE_RULE_HINT,
} from '../../shared/descriptions';
import { normalisePhoneNumber } from '../../../../core/phone';
import { checkInput, defaultCountryCode } from '../../shared/routing';
import { withAddedPhoneNumbers } from './outputs';
import { waitFields, withWaiting } from './waitForGroup';

const show = { resource: ['contactGroup'], operation: ['addContacts'] };

export const addContactsOperation: INodePropertyOptions = {
	name: 'Add Contacts',
	value: 'addContacts',
	action: 'Add contacts to a contact group',
	description:
		'Add phone numbers with custom fields to a contact group; Passona applies it in the background',
	routing: withAddedPhoneNumbers(
		withWaiting(chunkedRouting('PUT', '/contact-groups/{contactGroup}/add-contacts', 'contacts')),
	),
};

/** Builds `contacts` from the chosen source; every number is checked before anything is sent. */
async function buildContacts(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const source = this.getNodeParameter('contactSource', 'fields') as string;
	const countryCode = await defaultCountryCode(this);
	let contacts;
	if (source === 'json') {
		contacts = checkInput(this, 'Contacts (JSON)', () =>
			parseContactList(this.getNodeParameter('contactsJson'), countryCode),
		);
	} else {
		const phoneNumber = checkInput(this, 'Phone Number', () =>
			normalisePhoneNumber(this.getNodeParameter('phoneNumber', ''), countryCode),
		);
		contacts = checkInput(this, 'Custom Fields', () => [
			toContact(
				phoneNumber,
				pairsToObject(this.getNodeParameter('customFields.field', [])),
				countryCode,
			),
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
		placeholder: 'e.g. +44 7700 900123',
		description:
			"International format (447700900123 or +44 7700 900123). A number with one leading 0 (07700 900123) gets the credential's Default Country Code (44 unless changed there); spaces, dashes, brackets and a (0) after the country code are removed.",
		hint: PHONE_RULE_HINT,
		displayOptions: { show: { ...show, contactSource: ['fields'] } },
	},
	customFieldsProperty(
		{ ...show, contactSource: ['fields'] },
		'Values for personalising messages, such as first_name',
	),
	{
		displayName: 'Contacts (JSON)',
		name: 'contactsJson',
		type: 'json',
		required: true,
		default: '[]',
		description:
			'A list such as [{"phone_number": "447700900123", "custom_fields": {"first_name": "Jane"}}]; a number listed twice keeps its last entry. Numbers with one leading 0 get the Default Country Code (44 unless changed in the credential).',
		hint: PHONE_RULE_HINT,
		displayOptions: { show: { ...show, contactSource: ['json'] } },
	},
	backgroundNotice(show),
	...waitFields(show),
];

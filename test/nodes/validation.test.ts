/** Bad input is refused with the field and the item named, before any request is sent. */
import type { INodeParameters } from 'n8n-workflow';
import { runPassona } from '../../harness/engine';
import { PassonaMock, refusedBeforeSending } from '../support/passonaMock';
import { group, GROUP_UUID } from '../fixtures/passona';
import { byId, byUrl } from '../../harness/locators';

const groupPath = `/contact-groups/${GROUP_UUID}`;

/** Add Contacts taking each item's `phone` by expression. */
const addPhoneFromItem = {
	resource: 'contactGroup',
	operation: 'addContacts',
	contactGroup: byId(GROUP_UUID),
	contactSource: 'fields',
	phoneNumber: '={{ $json.phone }}',
};

describe('refused before sending', () => {
	test.each([
		[
			'an invalid phone number in Remove Contacts',
			{
				resource: 'contactGroup',
				operation: 'removeContacts',
				contactGroup: byId(GROUP_UUID),
				phoneNumbers: '447713252152, 0771-CALL-ME',
			},
			'"Phone Numbers" contains "0771-CALL-ME", which is not a phone number: only digits, spaces, dashes, brackets and a leading + are allowed [item 0]',
		],
		[
			'a phone number with too few digits in Add Contacts',
			{
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: byId(GROUP_UUID),
				contactSource: 'fields',
				phoneNumber: '+44 123',
			},
			'"Phone Number" contains "+44 123", which has 5 digits: a phone number has 7 to 15 [item 0]',
		],
		[
			'a contact list that is not JSON',
			{
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: byId(GROUP_UUID),
				contactSource: 'json',
				contactsJson: '[{"phone_number": ',
			},
			'"Contacts (JSON)" is not valid JSON [item 0]',
		],
		[
			'a custom field that is not text',
			{
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: byId(GROUP_UUID),
				contactSource: 'json',
				contactsJson:
					'[{"phone_number": "447713252151", "custom_fields": {"address": {"city": "Leeds"}}}]',
			},
			'"Contacts (JSON)" has custom field "address" set to an object: a custom field holds text [item 0]',
		],
		[
			'an ID from an expression that is not a UUID',
			{
				resource: 'contactGroup',
				operation: 'get',
				contactGroup: byId('={{ "09e0a326-fb2e-11e9-ba2a-0242ac12000" }}'),
			},
			'"Contact Group" is not a valid Passona ID: "09e0a326-fb2e-11e9-ba2a-0242ac12000" [item 0]',
		],
		[
			'a link to something else',
			{
				resource: 'contactGroup',
				operation: 'get',
				contactGroup: byUrl('={{ "https://passona.co.uk/api/2.0/keywords/' + GROUP_UUID + '" }}'),
			},
			'"Contact Group" is not a link to a Passona contact group: "https://passona.co.uk/api/2.0/keywords/09e0a326-fb2e-11e9..." [item 0]',
		],
		[
			'a link with a broken %-escape (was a bare "URI malformed")',
			{
				resource: 'contactGroup',
				operation: 'get',
				contactGroup: byUrl('={{ "https://passona.co.uk/api/2.0/contact-groups/%E0%A4%A" }}'),
			},
			'"Contact Group" is not a valid Passona ID link: "https://passona.co.uk/api/2.0/contact-groups/%E0%A4%A" [item 0]',
		],
		[
			'a webhook header named __proto__ (n8n dropped it from the request without a word)',
			{
				resource: 'webhook',
				operation: 'create',
				name: 'Hook',
				url: 'https://example.com/hook',
				headers: { header: [{ name: '__proto__', value: 'v' }] },
			},
			'"Headers" has "__proto__", which n8n cannot send as a header name [item 0]',
		],
		[
			'an empty name from an expression',
			{ resource: 'contactGroup', operation: 'create', name: '={{ "   " }}', deletable: true },
			'"Name" is empty [item 0]',
		],
		[
			'an Update with nothing to change',
			{
				resource: 'contactGroup',
				operation: 'update',
				contactGroup: byId(GROUP_UUID),
				updateFields: {},
			},
			'"Update Fields" is empty [item 0]',
		],
		[
			'no included groups for unique contacts',
			{
				resource: 'contactGroup',
				operation: 'getUniqueContacts',
				includedContactGroups: '={{ [] }}',
			},
			'"Included Groups" is empty: choose at least one [item 0]',
		],
		[
			'a keyword switched to add contacts to no group',
			{
				resource: 'keyword',
				operation: 'create',
				keyword: 'JOIN',
				addContactToGroup: true,
				contactGroups: '={{ [] }}',
			},
			'"Contact Groups" is empty: choose at least one [item 0]',
		],
		[
			'a switch that is neither true nor false',
			{ resource: 'contactGroup', operation: 'create', name: 'A', deletable: '={{ "maybe" }}' },
			'"Deletable" must be true or false, got "maybe" [item 0]',
		],
		[
			'a Limit below 1',
			{ resource: 'keyword', operation: 'getAll', returnAll: false, limit: '={{ 0 }}' },
			'"Limit" must be a whole number of 1 or more, got 0 [item 0]',
		],
	])('%s', async (_case, parameters, message) => {
		const error = await refusedBeforeSending({ parameters: parameters as INodeParameters });
		expect(error.message).toBe(message);
		expect(error.context?.itemIndex).toBe(0);
	});

	test('a custom field named __proto__ is refused, naming the field and the item, as n8n would drop it', async () => {
		const error = await refusedBeforeSending({
			parameters: {
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: byId(GROUP_UUID),
				contactSource: 'fields',
				phoneNumber: '447700900123',
				customFields: { field: [{ name: '__proto__', value: 'kept' }] },
			},
		});
		expect(error.message).toBe(
			'"Custom Fields" has custom field "__proto__", which n8n cannot send as a custom field name [item 0]',
		);
		expect(error.description).toBe(
			'n8n drops the names __proto__, constructor, prototype from what it sends: rename the field.',
		);
	});

	test('the message names the item that was wrong', async () => {
		new PassonaMock().reply('PUT', `${groupPath}/add-contacts`, 200, { data: group() });
		const result = await runPassona({
			parameters: addPhoneFromItem,
			items: [{ phone: '447700900123' }, { phone: 'not a number' }],
		});
		expect(result.error?.message).toBe(
			'"Phone Number" contains "not a number", which is not a phone number: only digits, spaces, dashes, brackets and a leading + are allowed [item 1]',
		);
		expect(result.error?.description).toBe(
			'Use the international format, for example 447700900123 or +44 7700 900123.',
		);
	});

	test('with Continue On Fail the bad item becomes an error item and the good ones are sent', async () => {
		const passona = new PassonaMock()
			.reply('PUT', `${groupPath}/add-contacts`, 200, { data: group({ number_of_contacts: 1 }) })
			.reply('PUT', `${groupPath}/add-contacts`, 200, { data: group({ number_of_contacts: 2 }) });
		const { items, error } = await runPassona({
			parameters: addPhoneFromItem,
			items: [{ phone: '447700900123' }, { phone: '12' }, { phone: '447700900125' }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(
			passona.requests
				.map((request) => request.body)
				.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
		).toEqual([
			{ contacts: [{ phone_number: '447700900123', custom_fields: {} }] },
			{ contacts: [{ phone_number: '447700900125', custom_fields: {} }] },
		]);
		expect(items).toHaveLength(3);
		expect(items[1].json).toEqual({
			error:
				'"Phone Number" contains "12", which has 2 digits: a phone number has 7 to 15 [item 1]',
		});
		expect(items[0].json.uuid).toBe(GROUP_UUID);
		expect(items[2].json.uuid).toBe(GROUP_UUID);
	});
});

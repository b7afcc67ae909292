/**
 * UK numbers through n8n's engine: every operation that takes phone numbers sends them in
 * international format, with the credential's Default Country Code in place of a leading 0.
 */
import type { INodeParameters } from 'n8n-workflow';
import { BASE_URL, runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock, refusedBeforeSending } from '../support/passonaMock';
import { group, GROUP_UUID } from '../fixtures/passona';
import { byId } from '../../harness/locators';
import { TEMPLATE_UUID } from '../fixtures/sending';

const groupPath = `/contact-groups/${GROUP_UUID}`;
const addFromFields = (phoneNumber: string): INodeParameters => ({
	resource: 'contactGroup',
	operation: 'addContacts',
	contactGroup: byId(GROUP_UUID),
	contactSource: 'fields',
	phoneNumber,
});

async function sentBody(
	method: 'PUT' | 'POST',
	path: string,
	parameters: INodeParameters,
	defaultCountryCode?: string,
): Promise<unknown> {
	const passona = new PassonaMock().reply(method, path, 200, {
		data: group({ status: 'Modifying' }),
	});
	const credentials = {
		apiToken: TOKEN,
		baseUrl: BASE_URL,
		...(defaultCountryCode === undefined ? {} : { defaultCountryCode }),
	};
	const { error } = await runPassona({ parameters, credentials });
	expect(error?.message).toBeUndefined();
	expect(passona.requests).toHaveLength(1);
	return passona.requests[0].body;
}

describe('UK numbers', () => {
	test('Add Contacts (fields): 07700 900123 is sent as 447700900123 with a credential saved before the setting existed', async () => {
		expect(
			await sentBody('PUT', `${groupPath}/add-contacts`, addFromFields('07700 900123')),
		).toEqual({
			contacts: [{ phone_number: '447700900123', custom_fields: {} }],
		});
	});

	test('Add Contacts (fields): +44 (0)7700 900123 loses its (0)', async () => {
		expect(
			await sentBody('PUT', `${groupPath}/add-contacts`, addFromFields('+44 (0)7700 900123'), '44'),
		).toEqual({
			contacts: [{ phone_number: '447700900123', custom_fields: {} }],
		});
	});

	test('Add Contacts (JSON): national and international spellings are one contact', async () => {
		const parameters = {
			resource: 'contactGroup',
			operation: 'addContacts',
			contactGroup: byId(GROUP_UUID),
			contactSource: 'json',
			contactsJson: JSON.stringify([
				{ phone_number: '07700 900123', custom_fields: { first_name: 'Ada' } },
				{ phone_number: '447700900123', custom_fields: { first_name: 'Grace' } },
			]),
		};
		expect(await sentBody('PUT', `${groupPath}/add-contacts`, parameters)).toEqual({
			contacts: [{ phone_number: '447700900123', custom_fields: { first_name: 'Grace' } }],
		});
	});

	test('Remove Contacts uses the Default Country Code of the credential', async () => {
		const parameters = {
			resource: 'contactGroup',
			operation: 'removeContacts',
			contactGroup: byId(GROUP_UUID),
			phoneNumbers: '087 123 4567, +44 7700 900123',
		};
		expect(await sentBody('PUT', `${groupPath}/remove-contacts`, parameters, '+353')).toEqual({
			phone_numbers: ['353871234567', '447700900123'],
		});
	});

	test('Create With Contacts', async () => {
		const parameters = {
			resource: 'contactGroup',
			operation: 'createWithContacts',
			name: 'UK',
			phoneNumbers: '07700 900123\n+44 (0)7700 900456',
			deletable: true,
		};
		expect(await sentBody('POST', '/contact-groups/bulk-contacts', parameters)).toEqual({
			name: 'UK',
			contacts: ['447700900123', '447700900456'],
			deletable: true,
		});
	});

	test('Campaign Send Test: 07700 900123 is sent as 447700900123', async () => {
		const parameters = {
			resource: 'campaign',
			operation: 'sendTest',
			phoneNumber: '07700 900123',
			template: byId(TEMPLATE_UUID),
			senderName: { __rl: true, mode: 'name', value: 'Digitonic' },
			name: 'Welcome',
		};
		expect(await sentBody('POST', '/campaigns/send-test', parameters)).toEqual({
			name: 'Welcome',
			template_uuid: TEMPLATE_UUID,
			sender: 'Digitonic',
			contact_number: '447700900123',
			custom_fields: {},
		});
	});

	test('Contact Sync Groups: 07700 900123 is sent as 447700900123', async () => {
		const parameters = {
			resource: 'contact',
			operation: 'syncGroups',
			phoneNumber: '07700 900123',
			contactGroups: [GROUP_UUID],
			keepOptout: false,
		};
		expect(await sentBody('POST', '/contact/sync/groups', parameters)).toEqual({
			contact: '447700900123',
			groups: [GROUP_UUID],
		});
	});

	test('Contact Sync Groups outputs the number it sent, read with the Default Country Code', async () => {
		const passona = new PassonaMock().reply('POST', '/contact/sync/groups', 200, []);
		const { items, error } = await runPassona({
			parameters: {
				resource: 'contact',
				operation: 'syncGroups',
				phoneNumber: '087 123 4567',
				contactGroups: [GROUP_UUID],
				keepOptout: false,
			},
			credentials: { apiToken: TOKEN, baseUrl: BASE_URL, defaultCountryCode: '353' },
		});
		expect(error).toBeUndefined();
		expect(passona.requests.map((request) => request.body)).toEqual([
			{ contact: '353871234567', groups: [GROUP_UUID] },
		]);
		expect(items.map((item) => item.json)).toEqual([
			{ contact: '353871234567', groups: [GROUP_UUID] },
		]);
	});

	test.each([
		[
			'no Default Country Code',
			'',
			'07700 900123',
			'"Phone Number" contains "07700 900123", a national number that cannot be made international: the Passona API credential has no Default Country Code [item 0]',
		],
		[
			'a 0 left after +44',
			'44',
			'+44 07700 900123',
			'"Phone Number" contains "+44 07700 900123", which has a 0 after the country code 44',
		],
		[
			'a Default Country Code that is not one',
			'UK',
			'07700 900123',
			'"Default Country Code" is "UK", which is not a country calling code [item 0]',
		],
	])('refused before sending: %s', async (_case, defaultCountryCode, phoneNumber, message) => {
		const error = await refusedBeforeSending({
			parameters: addFromFields(phoneNumber),
			credentials: { apiToken: TOKEN, baseUrl: BASE_URL, defaultCountryCode },
		});
		expect(error.message).toContain(message);
	});

	/** Shapes that reached strangers (measured: +7 7700900123, 4477009001230, 00447700900123). */
	const shapes: Array<[string, string | number]> = [
		['a UK mobile whose 0 was dropped', '7700900123'],
		['the same as a number', 7700900123],
		['a national CSV float', '07700900123.0'],
		['an international CSV float', '447700900123.0'],
		['a float as a number', 447700900123.0],
		['the prefix written twice', '+0044 7700 900123'],
	];
	const operations: Array<[string, 'PUT' | 'POST', string, INodeParameters, unknown]> = [
		[
			'Add Contacts (fields)',
			'PUT',
			`${groupPath}/add-contacts`,
			addFromFields('={{ $json.phone }}'),
			{ contacts: [{ phone_number: '447700900123', custom_fields: {} }] },
		],
		[
			'Add Contacts (JSON)',
			'PUT',
			`${groupPath}/add-contacts`,
			{
				...addFromFields(''),
				contactSource: 'json',
				contactsJson: '={{ [{ phone_number: $json.phone }] }}',
			},
			{ contacts: [{ phone_number: '447700900123', custom_fields: {} }] },
		],
		[
			'Remove Contacts',
			'PUT',
			`${groupPath}/remove-contacts`,
			{
				resource: 'contactGroup',
				operation: 'removeContacts',
				contactGroup: byId(GROUP_UUID),
				phoneNumbers: '={{ [$json.phone] }}',
			},
			{ phone_numbers: ['447700900123'] },
		],
		[
			'Create With Contacts',
			'POST',
			'/contact-groups/bulk-contacts',
			{
				resource: 'contactGroup',
				operation: 'createWithContacts',
				name: 'UK',
				phoneNumbers: '={{ $json.phone }}',
				deletable: true,
			},
			{ name: 'UK', contacts: ['447700900123'], deletable: true },
		],
		[
			'Send Test',
			'POST',
			'/campaigns/send-test',
			{
				resource: 'campaign',
				operation: 'sendTest',
				phoneNumber: '={{ $json.phone }}',
				template: byId(TEMPLATE_UUID),
				senderName: { __rl: true, mode: 'name', value: 'Digitonic' },
				name: 'Welcome',
			},
			{
				name: 'Welcome',
				template_uuid: TEMPLATE_UUID,
				sender: 'Digitonic',
				contact_number: '447700900123',
				custom_fields: {},
			},
		],
	];
	describe.each(shapes)('%s (%p) is sent as 447700900123', (_shape, phone) => {
		test.each(operations)('%s', async (_operation, method, path, parameters, body) => {
			const passona = new PassonaMock().reply(method, path, 200, {
				data: group({ status: 'Modifying' }),
			});
			const { error } = await runPassona({ parameters, items: [{ phone }] });
			expect(error?.message).toBeUndefined();
			expect(passona.requests.map((request) => request.body)).toEqual([body]);
		});
	});
});

/**
 * Checks that fail before sending are input errors in n8n, not "From Passona — Error code: none";
 * and Keyword Update refuses a switch turned on with no list, as Create does.
 */
import type { INodeParameters } from 'n8n-workflow';
import type { NodeApiError } from 'n8n-workflow';
import { runPassona } from '../../harness/engine';
import { PassonaMock, refusedBeforeSending } from '../support/passonaMock';
import { GROUP_UUID, KEYWORD_UUID, WEBHOOK_UUID } from '../fixtures/passona';
import { byId } from '../../harness/locators';

describe('input errors', () => {
	test('a bad phone number is shown as an input error: no HTTP code, no "From Passona" details', async () => {
		const error = await refusedBeforeSending({
			parameters: {
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: byId(GROUP_UUID),
				contactSource: 'fields',
				phoneNumber: 'call me',
			},
		});
		expect(error.message).toBe(
			'"Phone Number" contains "call me", which is not a phone number: only digits, spaces, dashes, brackets and a leading + are allowed [item 0]',
		);
		// What n8n's editor reads: it lists "From Passona" with "Error code" when httpCode or messages are set.
		const shown = error as unknown as {
			name: string;
			httpCode?: string | null;
			messages?: string[];
			description?: string;
		};
		expect(shown.name).toBe('NodeOperationError');
		expect(shown.httpCode ?? null).toBeNull();
		expect(shown.messages ?? []).toEqual([]);
		expect(shown.description).toBe(
			'Use the international format, for example 447700900123 or +44 7700 900123.',
		);
	});

	test("Passona's own errors stay API errors, with their HTTP code", async () => {
		new PassonaMock().reply('GET', `/contact-groups/${GROUP_UUID}`, 404, { message: 'Not found.' });
		const { error } = await runPassona({
			parameters: { resource: 'contactGroup', operation: 'get', contactGroup: byId(GROUP_UUID) },
		});
		expect((error as unknown as NodeApiError).httpCode).toBe('404');
		expect(error!.name).toBe('NodeApiError');
	});
});

describe('Keyword Update with a switch on and no list', () => {
	const update = (updateFields: Record<string, unknown>): INodeParameters =>
		({
			resource: 'keyword',
			operation: 'update',
			keyword: byId(KEYWORD_UUID),
			updateFields,
		}) as INodeParameters;

	test.each([
		[
			'Add Contact to Group on, no groups',
			{ addContactToGroup: true },
			'"Contact Groups" is empty while "Add Contact to Group" is on: choose at least one group [item 0]',
		],
		[
			'Add Contact to Group on, an empty list',
			{ addContactToGroup: true, contactGroups: [] },
			'"Contact Groups" is empty while "Add Contact to Group" is on: choose at least one group [item 0]',
		],
		[
			'Call Webhook on by expression, no webhooks',
			{ callWebhook: '={{ true }}', webhooks: '={{ [] }}' },
			'"Webhooks" is empty while "Call Webhook" is on: choose at least one webhook [item 0]',
		],
	])('%s is refused before sending', async (_case, updateFields, message) => {
		const error = await refusedBeforeSending({ parameters: update(updateFields) });
		expect(error.message).toBe(message);
	});

	test('a switch on with its list, or a switch off without one, is sent', async () => {
		const passona = new PassonaMock()
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, { data: { uuid: KEYWORD_UUID } })
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, { data: { uuid: KEYWORD_UUID } });
		const first = await runPassona({
			parameters: update({ callWebhook: true, webhooks: [WEBHOOK_UUID] }),
		});
		const second = await runPassona({ parameters: update({ addContactToGroup: false }) });
		expect([first.error, second.error]).toEqual([undefined, undefined]);
		expect(passona.requests.map((request) => request.body)).toEqual([
			{ call_webhook: true, webhooks_uuid: [WEBHOOK_UUID] },
			{ add_contact_to_group: false },
		]);
	});
});

/**
 * Names a user gives to webhook headers and custom fields (Add Contacts, Send Test), against what
 * n8n's request layer does to them: each name reaches Passona exactly as written, or is refused
 * before anything is sent with words naming the field and the item. n8n drops `__proto__`,
 * `constructor` and `prototype` from a request body's objects (found by the first test; the
 * bad-input property test drew `constructor`, fast-check seed -676697386; Send Test's custom
 * fields were lost this way until they were refused too).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runPassona, type RunResult } from '../../harness/engine';
import { answerEverything, type RecordedRequest } from '../support/passonaMock';
import { GROUP_UUID, WEBHOOK_UUID } from '../fixtures/passona';

/** Names that JavaScript objects, n8n's copying or its expressions might treat specially. */
const CANDIDATES = [
	...Object.getOwnPropertyNames(Object.prototype),
	...[
		'prototype',
		'length',
		'name',
		'call',
		'apply',
		'bind',
		'arguments',
		'caller',
		'then',
		'toJSON',
		'inspect',
	],
	...[
		'Constructor',
		'PROTOTYPE',
		'__proto__x',
		'$',
		'0',
		'a.b',
		'mainModule',
		'getPrototypeOf',
		'binding',
	],
];

async function run(
	parameters: INodeParameters,
	items?: IDataObject[],
	onError?: 'continueRegularOutput',
) {
	const passona = answerEverything();
	try {
		const result = await runPassona({ parameters, items, onError });
		return { result, requests: passona.requests };
	} finally {
		passona.stop();
	}
}

const webhookCreate = (header: Array<{ name: unknown; value: unknown }>): INodeParameters => ({
	resource: 'webhook',
	operation: 'create',
	name: 'Replies',
	url: 'https://example.com/hook',
	headers: { header } as unknown as INodeParameters,
});

const addContact = (field: Array<{ name: string; value: string }>): INodeParameters => ({
	resource: 'contactGroup',
	operation: 'addContacts',
	contactGroup: { __rl: true, mode: 'id', value: GROUP_UUID },
	contactSource: 'fields',
	phoneNumber: '447700900123',
	customFields: { field } as unknown as INodeParameters,
});

const sentHeaders = (requests: RecordedRequest[]) =>
	(requests[0]?.body as { headers: Record<string, string> }).headers;
const sentFields = (requests: RecordedRequest[]) =>
	(requests[0]?.body as { contacts: Array<{ custom_fields: Record<string, string> }> }).contacts[0]
		.custom_fields;
const own = (object: object, name: string) => Object.prototype.hasOwnProperty.call(object, name);

function expectRefused(
	{ result, requests }: { result: RunResult; requests: RecordedRequest[] },
	words: string,
) {
	expect(requests).toEqual([]);
	expect(result.error?.message).toBe(words);
}

describe('header names', () => {
	test.each(['', 'x'])(
		'every candidate name (value %j) is sent exactly as written or refused with words',
		async (value) => {
			const refused: string[] = [];
			for (const name of CANDIDATES) {
				const { result, requests } = await run(webhookCreate([{ name, value }]));
				if (requests.length === 0) {
					expect(result.error?.message).toMatch(
						new RegExp(`^"Headers" has "${name.replace(/[.$]/g, '\\$&')}", which .* \\[item 0\\]$`),
					);
					refused.push(name);
				} else {
					expect(own(sentHeaders(requests), name) && sentHeaders(requests)[name]).toBe(value);
				}
			}
			// The three n8n drops; nothing else is refused.
			expect(refused).toEqual(
				['__proto__', 'constructor', 'prototype'].sort(
					(a, b) => CANDIDATES.indexOf(a) - CANDIDATES.indexOf(b),
				),
			);
		},
	);

	test.each(['constructor', 'prototype', '__proto__'])(
		'"%s" is refused on Create and Update, naming the field and the item',
		async (name) => {
			expectRefused(
				await run(webhookCreate([{ name, value: '' }])),
				`"Headers" has "${name}", which n8n cannot send as a header name [item 0]`,
			);
			const update = await run({
				resource: 'webhook',
				operation: 'update',
				webhook: { __rl: true, mode: 'id', value: WEBHOOK_UUID },
				updateFields: { headers: { header: [{ name, value: 'x' }] } },
			});
			expectRefused(
				update,
				`"Headers" has "${name}", which n8n cannot send as a header name [item 0]`,
			);
		},
	);

	test('with Continue On Fail the item naming "constructor" becomes an error item and the others go through', async () => {
		const { result, requests } = await run(
			webhookCreate([{ name: '={{ $json.header }}', value: 'v' }]),
			[{ header: 'X-Team' }, { header: 'constructor' }, { header: 'X-Other' }],
			'continueRegularOutput',
		);
		expect(requests.map((request) => sentHeaders([request]))).toEqual([
			{ 'X-Team': 'v' },
			{ 'X-Other': 'v' },
		]);
		expect(result.items.map((item) => item.json.error ?? 'sent')).toEqual([
			'sent',
			'"Headers" has "constructor", which n8n cannot send as a header name [item 1]',
			'sent',
		]);
	});

	test('names are unique whatever their case', async () => {
		expectRefused(
			await run(
				webhookCreate([
					{ name: 'X-Team', value: '1' },
					{ name: 'x-team', value: '2' },
				]),
			),
			'"Headers" has header "x-team" twice (as "X-Team" and "x-team") [item 0]',
		);
		expectRefused(
			await run(
				webhookCreate([
					{ name: 'X-Team', value: '1' },
					{ name: ' X-Team ', value: '2' },
				]),
			),
			'"Headers" has header "X-Team" twice [item 0]',
		);
	});

	test.each([
		['NUL', 'a\u0000b', 'U+0000'],
		['escape', '\u001b[31m', 'U+001B'],
		['delete', 'x\u007f', 'U+007F'],
		['vertical tab', 'a\u000bb', 'U+000B'],
	])('a value with a control character (%s) is refused', async (_label, value, code) => {
		expectRefused(
			await run(webhookCreate([{ name: 'X-Team', value }])),
			`"Headers" has header "X-Team" with a control character (${code}) in its value [item 0]`,
		);
	});

	test('a tab inside a value is allowed, as HTTP allows it', async () => {
		const { requests } = await run(webhookCreate([{ name: 'X-Team', value: 'a\tb' }]));
		expect(sentHeaders(requests)).toEqual({ 'X-Team': 'a\tb' });
	});

	test('at most 20 header rows', async () => {
		const rows = (count: number) =>
			Array.from({ length: count }, (_, index) => ({ name: `X-H${index}`, value: 'v' }));
		const twenty = await run(webhookCreate(rows(20)));
		expect(Object.keys(sentHeaders(twenty.requests))).toHaveLength(20);
		expectRefused(
			await run(webhookCreate(rows(21))),
			'"Headers" has 21 rows; a webhook takes at most 20 headers [item 0]',
		);
	});
});

const sendTest = (field: Array<{ name: string; value: string }>): INodeParameters => ({
	resource: 'campaign',
	operation: 'sendTest',
	phoneNumber: '447700900123',
	template: { __rl: true, mode: 'id', value: GROUP_UUID },
	senderName: { __rl: true, mode: 'name', value: 'Digitonic' },
	name: 'Welcome',
	customFields: { field } as unknown as INodeParameters,
});
const sentTestFields = (requests: RecordedRequest[]) =>
	(requests[0]?.body as { custom_fields: Record<string, string> }).custom_fields;

describe('custom field names', () => {
	test.each([
		['Add Contacts', '', addContact, sentFields],
		['Add Contacts', 'x', addContact, sentFields],
		['Send Test', '', sendTest, sentTestFields],
		['Send Test', 'x', sendTest, sentTestFields],
	])(
		'%s: every candidate name (value %j) reaches Passona exactly as written, or is refused with words',
		async (_operation, value, parameters, fieldsOf) => {
			const refused: string[] = [];
			for (const name of CANDIDATES) {
				const { result, requests } = await run(parameters([{ name, value }]));
				if (requests.length === 0) {
					expect(result.error?.message).toBe(
						`"Custom Fields" has custom field "${name}", which n8n cannot send as a custom field name [item 0]`,
					);
					refused.push(name);
				} else {
					const fields = fieldsOf(requests);
					expect([name, own(fields, name) && fields[name]]).toEqual([name, value]);
				}
			}
			// n8n would drop these three (Send Test's were lost without a word); nothing else is refused.
			expect(refused).toEqual(
				['__proto__', 'constructor', 'prototype'].sort(
					(a, b) => CANDIDATES.indexOf(a) - CANDIDATES.indexOf(b),
				),
			);
		},
	);

	test('with Continue On Fail, the Send Test item naming "constructor" becomes an error item and the others are sent', async () => {
		const { result, requests } = await run(
			sendTest([{ name: '={{ $json.field }}', value: 'v' }]),
			[{ field: 'first_name' }, { field: 'constructor' }, { field: 'city' }],
			'continueRegularOutput',
		);
		expect(requests.map((request) => sentTestFields([request]))).toEqual([
			{ first_name: 'v' },
			{ city: 'v' },
		]);
		expect(result.items.map((item) => item.json.error ?? 'sent')).toEqual([
			'sent',
			'"Custom Fields" has custom field "constructor", which n8n cannot send as a custom field name [item 1]',
			'sent',
		]);
		expect(result.items[1].error?.description).toBe(
			'n8n drops the names __proto__, constructor, prototype from what it sends: rename the field.',
		);
	});

	test('a name of up to 255 characters is sent; a longer one is refused', async () => {
		const { requests } = await run(addContact([{ name: 'f'.repeat(255), value: 'v' }]));
		expect(sentFields(requests)).toEqual({ ['f'.repeat(255)]: 'v' });
		expectRefused(
			await run(addContact([{ name: 'f'.repeat(256), value: 'v' }])),
			`"Custom Fields" has custom field "${'f'.repeat(40)}..." with a name of 256 characters; at most 255 are allowed [item 0]`,
		);
	});
});

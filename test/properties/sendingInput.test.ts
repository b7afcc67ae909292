/**
 * Bad input for the sending resources, generated: whatever reaches Send Test, Template Create,
 * Campaign Create and Sender Create ends in a correct request (checked by the oracle's body rules:
 * senders of 3 to 11 characters, bodies of one SMS, Passona dates, normalised numbers) or in a
 * clear error naming the field and the item, with nothing sent.
 */
import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { normalisePhoneNumber } from '../../core/phone';
import {
	anyValue,
	blank,
	idLike,
	longText,
	phoneAsTyped,
	phoneLike,
	shortText,
	unicodeText,
	uuid,
} from './generators';
import { TWO_THIRDS_RUNS as RUNS } from './config';
import { createOrUpdate, item, judge, mapped, pathOf, runCase } from './oracle';
import { byId } from '../../harness/locators';

// The shared, printed seed (config.ts); two thirds of the runs of the bad-input properties.
const settings = { numRuns: RUNS };
const TEMPLATE_ID = '09e0a326-fb2e-11e9-ba2a-0242ac120008';
jest.setTimeout(Math.max(60_000, RUNS * 1000));

const senderLike = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,14}$/), shortText, blank, anyValue);
/** Bodies around the one-SMS limits: GSM-7 near 160 (with two-character €), UCS-2 near 70. */
const bodyLike = fc.oneof(
	shortText,
	unicodeText,
	longText,
	fc.integer({ min: 150, max: 165 }).map((n) => 'a'.repeat(n)),
	fc
		.tuple(fc.integer({ min: 140, max: 160 }), fc.integer({ min: 0, max: 12 }))
		.map(([plain, euros]) => `${'a'.repeat(plain)}${'€'.repeat(euros)}`),
	fc.integer({ min: 60, max: 75 }).map((n) => `${'ł'.repeat(n)}`),
	fc.constant('Hi ::LINK:: Text OPTOUT to stop 😀'),
	blank,
	anyValue,
);
/** Dates as a date-time field or an expression gives them. */
const dateLike = fc.oneof(
	fc
		.date({
			min: new Date('2000-01-01T00:00:00Z'),
			max: new Date('2099-12-31T00:00:00Z'),
			noInvalidDate: true,
		})
		.map((date) => date.toISOString()),
	fc
		.date({
			min: new Date('2090-01-01T00:00:00Z'),
			max: new Date('2099-12-31T00:00:00Z'),
			noInvalidDate: true,
		})
		.map((date) => date.toISOString().slice(0, 19)),
	fc.constantFrom('2099-02-30T10:00:00', 'tomorrow', '2099-13-01', '01/02/2099 10:00'),
	anyValue,
);

describe('sending resources: generated input', () => {
	test('Send Test: any number, sender, template ID and custom fields', async () => {
		await fc.assert(
			fc.asyncProperty(
				phoneLike,
				senderLike,
				idLike,
				fc.array(fc.record({ name: shortText, value: shortText }), { maxLength: 3 }),
				async (phone, sender, template, rows) => {
					const outcome = await runCase(
						{
							resource: 'campaign',
							operation: 'sendTest',
							phoneNumber: mapped('phone'),
							template: byId(mapped('template')),
							senderName: { __rl: true, mode: 'name', value: mapped('sender') },
							name: 'Welcome',
							customFields: { field: rows },
						} as INodeParameters,
						[item({ phone, sender, template })],
					);
					const verdict = judge(outcome, {
						method: 'POST',
						path: /^\/campaigns\/send-test$/,
						body: ['name', 'template_uuid', 'sender', 'contact_number', 'custom_fields'],
					});
					if (verdict === 'sent')
						expect((outcome.requests[0].body as IDataObject).contact_number).toBe(
							normalisePhoneNumber(phone),
						);
				},
			),
			settings,
		);
	});

	test('a valid number as typed always reaches Passona as its digits', async () => {
		await fc.assert(
			fc.asyncProperty(phoneAsTyped, uuid, async (phone, template) => {
				const outcome = await runCase(
					{
						resource: 'campaign',
						operation: 'sendTest',
						phoneNumber: mapped('phone'),
						template: byId(template),
						senderName: { __rl: true, mode: 'name', value: '88440' },
						name: 'Welcome',
					} as INodeParameters,
					[item({ phone: phone.typed })],
				);
				expect(
					judge(outcome, {
						method: 'POST',
						path: /^\/campaigns\/send-test$/,
						body: ['name', 'template_uuid', 'sender', 'contact_number', 'custom_fields'],
					}),
				).toBe('sent');
				expect((outcome.requests[0].body as IDataObject).contact_number).toBe(phone.expected);
			}),
			{ ...settings, numRuns: Math.ceil(RUNS / 2) },
		);
	});

	test('Template Create and Update: any body and sender', async () => {
		await fc.assert(
			fc.asyncProperty(fc.boolean(), bodyLike, senderLike, async (update, body, sender) => {
				const parameters = update
					? {
							resource: 'template',
							operation: 'update',
							template: byId(TEMPLATE_ID),
							updateFields: { body: mapped('body'), sender: mapped('sender') },
						}
					: {
							resource: 'template',
							operation: 'create',
							name: 'T',
							body: mapped('body'),
							senderName: { __rl: true, mode: 'name', value: mapped('sender') },
						};
				const outcome = await runCase(parameters as INodeParameters, [item({ body, sender })]);
				judge(outcome, {
					...createOrUpdate(update, 'templates', TEMPLATE_ID),
					body: ['name', 'body', 'sender'],
				});
			}),
			settings,
		);
	});

	test('Campaign Create: any dates, expiry and groups', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.boolean(),
				dateLike,
				fc.oneof(dateLike, fc.constant(undefined)),
				fc.oneof(fc.integer({ min: -2, max: 400 }), anyValue),
				fc.oneof(
					fc.array(uuid, { minLength: 1, maxLength: 3 }),
					fc.array(idLike, { maxLength: 2 }),
					anyValue,
				),
				// Maximum Recipients: absent, a count (the answer reaches 1 person), or anything.
				fc.oneof(fc.constant(undefined), fc.integer({ min: -2, max: 5 }), anyValue),
				async (at, sendAt, expiresAt, expiryDays, groups, max) => {
					const outcome = await runCase(
						{
							resource: 'campaign',
							operation: 'create',
							name: 'C',
							template: byId(TEMPLATE_ID),
							senderName: { __rl: true, mode: 'name', value: 'Sandbox' },
							includedGroups: mapped('groups'),
							excludeOptouts: false,
							when: at ? 'at' : 'now',
							sendAt: mapped('sendAt'),
							expiry: expiresAt === undefined ? 'afterDays' : 'at',
							expiryDays: mapped('expiryDays'),
							expiresAt: mapped('expiresAt'),
							options: max === undefined ? {} : { maxRecipients: mapped('max') },
						} as INodeParameters,
						[item({ sendAt, expiresAt, expiryDays, groups, max })],
					);
					const verdict = judge(outcome, {
						method: 'POST',
						path: /^\/campaigns$/,
						// The output names the groups and shows the text (campaign/outputs.ts).
						reads: [/^\/contact-groups$/, pathOf('templates')],
						lookups: /^POST \/contact-groups\/unique-contacts$/,
						body: [
							'name',
							'template_uuid',
							'sender',
							'included_contact_groups',
							'excluded_contact_groups',
							'scheduled_send_date',
							'expiry_date',
						],
					});
					if (verdict === 'sent') {
						const created = outcome.requests.find(
							(request) => request.method === 'POST' && request.path === '/campaigns',
						);
						const body = created!.body as IDataObject;
						expect(String(body.expiry_date) > String(body.scheduled_send_date)).toBe(true);
					}
				},
			),
			settings,
		);
	});

	test('Sender Create: any text', async () => {
		await fc.assert(
			fc.asyncProperty(senderLike, async (sender) => {
				const outcome = await runCase(
					{ resource: 'sender', operation: 'create', senderText: mapped('sender') },
					[item({ sender })],
				);
				judge(outcome, { method: 'POST', path: /^\/senders$/, body: ['sender'] });
			}),
			settings,
		);
	});
});

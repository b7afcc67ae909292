/**
 * Bad input, generated: for every operation, whatever a user can put into its fields (directly or
 * by expression) ends in a correct request or in a clear error naming the field and the item with
 * no request sent. Never an uncaught exception, never `undefined` or `[object Object]` sent.
 */
import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import {
	anyValue,
	badPhone,
	customFieldsLike,
	idLike,
	idListLike,
	phoneAsTyped,
	phoneLike,
	shortText,
	textOrAny,
	uuid,
	uuidAsTyped,
	uuidOffByOne,
} from './generators';
import { PROPERTY_RUNS } from './config';
import { createOrUpdate, item, judge, mapped, pathOf, runCase, tally } from './oracle';
import { byId } from '../../harness/locators';

const RUNS = PROPERTY_RUNS;
const settings = { numRuns: RUNS };
jest.setTimeout(Math.max(60_000, RUNS * 500));
const COLLECTIONS = {
	contactGroup: 'contact-groups',
	keyword: 'keywords',
	webhook: 'webhooks',
} as const;
type Resource = keyof typeof COLLECTIONS;
const GROUP_ID = '09e0a326-fb2e-11e9-ba2a-0242ac120008';
const KEYWORD_ID = 'f3357bfe-fb20-11e9-93ef-0242ac120008';
const WEBHOOK_ID = '491460ee-fb0d-11e9-a46c-0a586460022b';

const switchLike = fc.oneof(
	fc.boolean(),
	fc.constantFrom('true', 'FALSE', ' true ', 'yes', 1, 0),
	anyValue,
);
const urlLike = (collection: string) =>
	fc.oneof(
		uuid.map((id) => `https://passona.co.uk/api/2.0/${collection}/${id}`),
		uuidOffByOne.map((id) => `https://passona.co.uk/api/2.0/${collection}/${id}`),
		uuid.map((id) => `https://passona.co.uk/api/2.0/somewhere-else/${id}`),
		uuid.map((id) => `passona.co.uk/api/2.0/${collection}/${id}`),
		fc
			.constantFrom('%', '%E0%A4%A', '%zz', '%C0')
			.map((bad) => `https://passona.co.uk/api/2.0/${collection}/${bad}`),
		idLike,
	);

afterAll(() => {
	console.info(
		`bad-input properties: ${tally.cases} cases, ${tally.refused} refused before sending, ${tally.sent} sent (${tally.requests} requests)`,
	);
});

describe('IDs: every operation that acts on one group, keyword or webhook', () => {
	const operations: Array<[Resource, string, string]> = [
		['contactGroup', 'get', ''],
		['contactGroup', 'delete', ''],
		['contactGroup', 'flush', '/flush'],
		['contactGroup', 'getContacts', '/list-contacts'],
		['keyword', 'get', ''],
		['keyword', 'delete', ''],
		['webhook', 'get', ''],
		['webhook', 'delete', ''],
	];
	const method = (operation: string) => ({ delete: 'DELETE', flush: 'PUT' })[operation] ?? 'GET';

	test('any ID, link or value in the locator: the right path or a clean refusal', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...operations),
				fc.constantFrom('id', 'url', 'list', 'expression'),
				fc.gen(),
				async ([resource, operation, suffix], mode, gen) => {
					const value =
						mode === 'url' ? gen(() => urlLike(COLLECTIONS[resource])) : gen(() => idLike);
					const locator = mode === 'expression' ? mapped() : { __rl: true, mode, value: mapped() };
					const outcome = await runCase(
						{ resource, operation, [resource]: locator } as INodeParameters,
						[item({ v: value })],
					);
					judge(outcome, {
						method: method(operation),
						path: pathOf(COLLECTIONS[resource], suffix),
					});
				},
			),
			{
				...settings,
				examples: [
					[
						operations[0],
						'url',
						(() => 'https://passona.co.uk/api/2.0/contact-groups/%E0%A4%A') as never,
					],
				],
			},
		);
	});

	test('a valid ID as typed (any case, spaces around) always reaches its own path', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...operations),
				uuidAsTyped,
				fc.boolean(),
				async ([resource, operation, suffix], id, byUrl) => {
					const value = byUrl
						? ` https://passona.co.uk/api/2.0/${COLLECTIONS[resource]}/${id.typed.trim()} `
						: id.typed;
					const outcome = await runCase(
						{
							resource,
							operation,
							[resource]: { __rl: true, mode: byUrl ? 'url' : 'id', value: mapped() },
						} as INodeParameters,
						[item({ v: value })],
					);
					expect(
						judge(outcome, {
							method: method(operation),
							path: pathOf(COLLECTIONS[resource], suffix),
						}),
					).toBe('sent');
					expect(outcome.requests[0].path).toBe(
						`/${COLLECTIONS[resource]}/${id.expected}${suffix}`,
					);
				},
			),
			{ numRuns: Math.ceil(RUNS / 2) },
		);
	});
});

describe('text fields: create and update', () => {
	test('Contact Group Create and Update', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.boolean(),
				textOrAny,
				textOrAny,
				switchLike,
				fc.boolean(),
				async (update, name, description, deletable, withDescription) => {
					const parameters: IDataObject = update
						? {
								resource: 'contactGroup',
								operation: 'update',
								contactGroup: byId(GROUP_ID),
								updateFields: {
									name: mapped('name'),
									...(withDescription ? { description: mapped('description') } : {}),
								},
							}
						: {
								resource: 'contactGroup',
								operation: 'create',
								name: mapped('name'),
								deletable: mapped('deletable'),
								additionalFields: withDescription ? { description: mapped('description') } : {},
							};
					const outcome = await runCase(parameters as INodeParameters, [
						item({ name, description, deletable }),
					]);
					judge(outcome, {
						...createOrUpdate(update, 'contact-groups', GROUP_ID),
						body: ['name', 'description', 'deletable'],
					});
				},
			),
			settings,
		);
	});

	test('Keyword Create and Update', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.boolean(),
				fc.record({
					keyword: textOrAny,
					help: textOrAny,
					message: textOrAny,
					add: switchLike,
					call: switchLike,
					groups: idListLike,
					hooks: idListLike,
				}),
				async (update, values) => {
					const fields = {
						keyword: mapped('keyword'),
						addContactToGroup: mapped('add'),
						contactGroups: mapped('groups'),
						callWebhook: mapped('call'),
						webhooks: mapped('hooks'),
					};
					const parameters: IDataObject = update
						? {
								resource: 'keyword',
								operation: 'update',
								keyword: byId(KEYWORD_ID),
								updateFields: {
									...fields,
									keyword: mapped('keyword'),
									help: mapped('help'),
									message: mapped('message'),
								},
							}
						: {
								resource: 'keyword',
								operation: 'create',
								...fields,
								additionalFields: { help: mapped('help'), message: mapped('message') },
							};
					const outcome = await runCase(parameters as INodeParameters, [item(values)]);
					judge(outcome, {
						...createOrUpdate(update, 'keywords', KEYWORD_ID),
						body: [
							'keyword',
							'help',
							'message',
							'add_contact_to_group',
							'call_webhook',
							'contact_groups_uuid',
							'webhooks_uuid',
						],
					});
				},
			),
			settings,
		);
	});

	const headerRow = fc.record({
		name: fc.oneof(
			fc.constantFrom(
				'X-Secret',
				'Authorization',
				'x_token',
				'__proto__',
				'constructor',
				'Bad Name',
				'Ünïcode',
				'',
			),
			anyValue,
		),
		value: fc.oneof(shortText, fc.constantFrom('line\nbreak', 'a\r\nX-Injected: 1'), anyValue),
	});

	test('Webhook Create and Update, with header rows', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.boolean(),
				fc.record({
					name: textOrAny,
					url: fc.oneof(
						fc.webUrl(),
						fc.constantFrom(
							'ftp://example.com/x',
							'example.com/hook',
							'https://',
							'javascript:alert(1)',
							'https://exa mple.com',
						),
						anyValue,
					),
				}),
				fc.array(headerRow, { maxLength: 3 }),
				async (update, values, rows) => {
					const header = rows.map((_, index) => ({
						name: mapped(`h${index}n`),
						value: mapped(`h${index}v`),
					}));
					const rowValues = Object.fromEntries(
						rows.flatMap((row, index) => [
							[`h${index}n`, row.name],
							[`h${index}v`, row.value],
						]),
					);
					const fields = { name: mapped('name'), url: mapped('url') };
					const parameters: IDataObject = update
						? {
								resource: 'webhook',
								operation: 'update',
								webhook: byId(WEBHOOK_ID),
								updateFields: { ...fields, headers: { header } },
							}
						: { resource: 'webhook', operation: 'create', ...fields, headers: { header } };
					const outcome = await runCase(parameters as INodeParameters, [
						item({ ...values, ...rowValues }),
					]);
					const verdict = judge(outcome, {
						...createOrUpdate(update, 'webhooks', WEBHOOK_ID),
						body: ['name', 'url', 'headers'],
					});
					if (verdict === 'sent') {
						// No header row is dropped without a word.
						const sent = (outcome.requests[0].body as { headers: Record<string, string> }).headers;
						const names = new Set(
							rows.map((row) => (typeof row.name === 'string' ? row.name.trim() : row.name)),
						);
						expect(Object.keys(sent).length).toBe(names.size);
					}
				},
			),
			// Regression: fast-check seed -676697386, path 55:0:1:2:1:1:1:1:1:1:2:2:2:2:2:2:4 drew a header named
			// "constructor", which n8n dropped from the request; it must be refused with words.
			{
				...settings,
				examples: [
					[false, { name: '!', url: 'http://a.aa' }, [{ name: 'constructor', value: '' }]],
				],
			},
		);
	});
});

describe('phone numbers and contacts', () => {
	const group = byId(GROUP_ID);
	/** Add Contacts taking its contacts (JSON) from the item's `v`. */
	const addFromJson: INodeParameters = {
		resource: 'contactGroup',
		operation: 'addContacts',
		contactGroup: group,
		contactSource: 'json',
		contactsJson: mapped(),
	};
	const contactLike = fc.oneof(
		fc.record(
			{ phone_number: phoneLike, custom_fields: customFieldsLike },
			{ requiredKeys: ['phone_number'] },
		),
		anyValue,
	);

	test('Add Contacts from fields: a number and custom field rows', async () => {
		const row = fc.record({
			name: fc.oneof(
				fc.constantFrom('first_name', ' city ', '__proto__', 'constructor', ''),
				anyValue,
			),
			value: anyValue,
		});
		await fc.assert(
			fc.asyncProperty(phoneLike, fc.array(row, { maxLength: 3 }), async (phone, rows) => {
				const field = rows.map((_, index) => ({
					name: mapped(`n${index}`),
					value: mapped(`v${index}`),
				}));
				const values = Object.fromEntries(
					rows.flatMap((entry, index) => [
						[`n${index}`, entry.name],
						[`v${index}`, entry.value],
					]),
				);
				const outcome = await runCase(
					{
						resource: 'contactGroup',
						operation: 'addContacts',
						contactGroup: group,
						contactSource: 'fields',
						phoneNumber: mapped('phone'),
						customFields: { field },
					} as INodeParameters,
					[item({ phone, ...values })],
				);
				const verdict = judge(outcome, {
					method: 'PUT',
					path: pathOf('contact-groups', '/add-contacts'),
					body: ['contacts'],
				});
				if (verdict === 'sent') {
					const [contact] = (
						outcome.requests[0].body as { contacts: Array<{ custom_fields: object }> }
					).contacts;
					const names = new Set(
						rows.map((entry) => (typeof entry.name === 'string' ? entry.name.trim() : entry.name)),
					);
					expect(Object.keys(contact.custom_fields).length).toBe(names.size);
				}
			}),
			settings,
		);
	});

	test('Add Contacts from JSON: lists, text, single contacts, nested custom fields', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.array(contactLike, { maxLength: 4 }),
					fc.array(contactLike, { maxLength: 4 }).map((list) => JSON.stringify(list)),
					contactLike,
					fc.constantFrom('[{"phone_number": ', '{}', 'null', '[]', '"447700900123"'),
				),
				async (contacts) => {
					const outcome = await runCase(addFromJson, [item({ v: contacts })]);
					judge(outcome, {
						method: 'PUT',
						path: pathOf('contact-groups', '/add-contacts'),
						body: ['contacts'],
					});
				},
			),
			settings,
		);
	});

	const numbersLike = fc.oneof(
		fc.array(phoneLike, { maxLength: 5 }),
		// The separator is drawn with the list (fc.sample inside map gave the same one every time).
		fc
			.tuple(
				fc.array(
					fc.oneof(
						phoneAsTyped.map(({ typed }) => String(typed)),
						badPhone.map(String),
					),
					{ maxLength: 5 },
				),
				fc.constantFrom(', ', ';', '\n', ' , '),
			)
			.map(([list, separator]) => list.join(separator)),
		phoneLike,
	);

	test('Remove Contacts and Create With Contacts: lists of numbers', async () => {
		await fc.assert(
			fc.asyncProperty(fc.boolean(), numbersLike, shortText, async (create, numbers, name) => {
				const parameters = create
					? {
							resource: 'contactGroup',
							operation: 'createWithContacts',
							name: `Group ${name}`,
							deletable: true,
							phoneNumbers: mapped(),
						}
					: {
							resource: 'contactGroup',
							operation: 'removeContacts',
							contactGroup: group,
							phoneNumbers: mapped(),
						};
				const outcome = await runCase(parameters as INodeParameters, [item({ v: numbers })]);
				judge(outcome, {
					method: create ? 'POST' : 'PUT',
					path: create
						? /^\/contact-groups\/bulk-contacts$/
						: pathOf('contact-groups', '/remove-contacts'),
					body: create ? ['name', 'deletable', 'contacts'] : ['phone_numbers'],
				});
			}),
			settings,
		);
	});

	test('thousands of contacts in one item, with duplicates: every number sent once, in requests of 1,000', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(phoneAsTyped, { minLength: 1, maxLength: 40 }),
				fc.integer({ min: 1, max: 3500 }),
				fc.integer({ min: 1, max: 3500 }),
				async (pool, count, distinct) => {
					// `distinct` numbers (some typed in the generated styles), repeated to `count` rows.
					const numbers = Array.from(
						{ length: distinct },
						(_, k) =>
							pool[k] ?? {
								typed: `+44 770 ${String(k).padStart(7, '0')}`,
								expected: `44770${String(k).padStart(7, '0')}`,
							},
					);
					const rows = Array.from({ length: count }, (_, n) => numbers[n % numbers.length]);
					const outcome = await runCase(addFromJson, [
						item({
							v: rows.map((row, n) => ({ phone_number: row.typed, custom_fields: { row: n } })),
						}),
					]);
					expect(
						judge(outcome, {
							method: 'PUT',
							path: pathOf('contact-groups', '/add-contacts'),
							body: ['contacts'],
						}),
					).toBe('sent');
					const unique = [...new Set(rows.map((row) => row.expected))];
					const sent = outcome.requests.flatMap(
						(request) => (request.body as { contacts: Array<{ phone_number: string }> }).contacts,
					);
					expect(outcome.requests).toHaveLength(Math.ceil(unique.length / 1000));
					expect(sent.map((contact) => contact.phone_number).sort()).toEqual(unique.sort());
				},
			),
			{ numRuns: Math.ceil(RUNS / 4) },
		);
	});
});

describe('lists of IDs and paging', () => {
	test('Get Unique Contacts: included and excluded groups', async () => {
		await fc.assert(
			fc.asyncProperty(idListLike, idListLike, async (included, excluded) => {
				const outcome = await runCase(
					{
						resource: 'contactGroup',
						operation: 'getUniqueContacts',
						includedContactGroups: mapped('inc'),
						excludedContactGroups: mapped('exc'),
					},
					[item({ inc: included, exc: excluded })],
				);
				judge(outcome, {
					method: 'POST',
					path: /^\/contact-groups\/unique-contacts$/,
					body: ['included_contact_group_uuids', 'excluded_contact_group_uuids'],
				});
			}),
			settings,
		);
	});

	test('Campaign → Get Audience: groups, the opt-out switch, Return All and Limit', async () => {
		await fc.assert(
			fc.asyncProperty(
				idListLike,
				idListLike,
				switchLike,
				switchLike,
				fc.oneof(fc.integer({ min: -5, max: 5000 }), anyValue),
				async (included, excluded, optouts, returnAll, limit) => {
					const outcome = await runCase(
						{
							resource: 'campaign',
							operation: 'getAudience',
							includedGroups: mapped('inc'),
							excludedGroups: mapped('exc'),
							excludeOptouts: mapped('optouts'),
							returnAll: mapped('all'),
							limit: mapped('limit'),
						},
						[item({ inc: included, exc: excluded, optouts, all: returnAll, limit })],
					);
					const verdict = judge(outcome, {
						method: 'POST',
						path: /^\/contact-groups\/unique-contacts$/,
						body: ['included_contact_group_uuids', 'excluded_contact_group_uuids'],
						lookups: /^GET \/contact-groups$/,
					});
					if (verdict === 'sent') expect(outcome.result.items[0].json.count).toBe(1);
				},
			),
			settings,
		);
	});

	test('Get Many: Return All and Limit', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom<Resource>('contactGroup', 'keyword', 'webhook'),
				switchLike,
				fc.oneof(
					fc.integer({ min: -5, max: 5000 }),
					fc.constantFrom('10', ' 7 ', '', '1e3', '0x10', 2.5, [5], true),
					anyValue,
				),
				async (resource, returnAll, limit) => {
					const outcome = await runCase(
						{ resource, operation: 'getAll', returnAll: mapped('all'), limit: mapped('limit') },
						[item({ all: returnAll, limit })],
					);
					judge(outcome, { method: 'GET', path: new RegExp(`^/${COLLECTIONS[resource]}$`) });
				},
			),
			settings,
		);
	});
});

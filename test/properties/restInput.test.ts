/**
 * Bad input for Link, Vanity Domain, Contact → Sync Groups and the waiting option, generated:
 * whatever reaches their fields ends in a correct request (the oracle's body rules: UUIDs, web
 * addresses, a domain without a path, a normalised number, a non-empty list of distinct group
 * IDs) or in a clear error naming the field and the item, with nothing sent.
 */
import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { anyValue, blank, idLike, idListLike, phoneLike, textOrAny } from './generators';
import { TWO_THIRDS_RUNS as RUNS } from './config';
import { createOrUpdate, item, judge, mapped, runCase } from './oracle';
import { byId } from '../../harness/locators';

// The shared, printed seed (config.ts); two thirds of the runs of the bad-input properties.
const settings = { numRuns: RUNS };
jest.setTimeout(Math.max(60_000, RUNS * 1000));

const addressLike = fc.oneof(
	fc.webUrl(),
	fc.webUrl({ withQueryParameters: true, withFragments: true }),
	fc.domain().map((domain) => `https://${domain}`),
	fc.constantFrom(
		'ftp://example.com',
		'vani.io',
		'https://',
		'https:// vani.io',
		'javascript:alert(1)',
		'https://user@vani.io',
		'HTTPS://Vani.IO/',
	),
	blank,
	anyValue,
);
const LINK_ID = 'e8cbe94a-faf4-11e9-96cc-0a5864600115';
const uuidValue = '09e0a326-fb2e-11e9-ba2a-0242ac120008';
/** Anything but a switch that is on (on, the node would wait for real time). */
const notOn = (value: unknown) =>
	!(value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true'));

describe('Link, Vanity Domain and Sync Groups: generated input', () => {
	test('Link Create and Update', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.boolean(),
				fc.record({ domain: idLike, template: idLike, name: textOrAny, destination: addressLike }),
				async (update, values) => {
					const fields = {
						vanityDomain: byId(mapped('domain')),
						templateId: mapped('template'),
						name: mapped('name'),
						destination: mapped('destination'),
					};
					const parameters: IDataObject = update
						? { resource: 'link', operation: 'update', link: byId(LINK_ID), updateFields: fields }
						: { resource: 'link', operation: 'create', ...fields };
					const outcome = await runCase(parameters as INodeParameters, [item(values)]);
					judge(outcome, {
						...createOrUpdate(update, 'links', LINK_ID),
						body: ['vanity_domain_uuid', 'template_uuid', 'name', 'destination'],
					});
				},
			),
			settings,
		);
	});

	test('Vanity Domain Create and Update', async () => {
		await fc.assert(
			fc.asyncProperty(fc.boolean(), addressLike, async (update, domain) => {
				const parameters: IDataObject = update
					? {
							resource: 'vanityDomain',
							operation: 'update',
							vanityDomain: byId(uuidValue),
							domain: mapped('domain'),
						}
					: { resource: 'vanityDomain', operation: 'create', domain: mapped('domain') };
				const outcome = await runCase(parameters as INodeParameters, [item({ domain })]);
				judge(outcome, {
					...createOrUpdate(update, 'vanity-domains', uuidValue),
					body: ['domain'],
				});
			}),
			settings,
		);
	});

	test('Contact → Sync Groups', async () => {
		await fc.assert(
			fc.asyncProperty(phoneLike, idListLike, async (phone, groups) => {
				const outcome = await runCase(
					{
						resource: 'contact',
						operation: 'syncGroups',
						phoneNumber: mapped('phone'),
						contactGroups: mapped('groups'),
					},
					[item({ phone, groups })],
				);
				// Keep Opt-Out is on: the groups (and default_optouts' contacts) are read first.
				judge(outcome, {
					method: 'POST',
					path: /^\/contact\/sync\/groups$/,
					body: ['contact', 'groups'],
					lookups: /^GET \/contact-groups(\/[0-9a-f-]{36}\/list-contacts)?$/,
				});
			}),
			settings,
		);
	});

	test('Wait for Passona to Finish: a switch that is not on, with any Time Limit, sends one PUT or is refused before sending', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(fc.constantFrom(false, 'false', ' FALSE '), anyValue.filter(notOn)),
				fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.double(), anyValue),
				async (wait, limit) => {
					const outcome = await runCase(
						{
							resource: 'contactGroup',
							operation: 'flush',
							contactGroup: byId(uuidValue),
							waitForPassona: mapped('wait'),
							waitTimeLimit: mapped('limit'),
						},
						[item({ wait, limit })],
					);
					// With the wait switched off (or refused), one PUT at most and no waiting.
					judge(outcome, { method: 'PUT', path: /^\/contact-groups\/[0-9a-f-]{36}\/flush$/ });
				},
			),
			settings,
		);
	});
});

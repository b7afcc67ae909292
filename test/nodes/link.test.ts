/** Every Link and Vanity Domain operation, run through n8n's engine against nock, exact requests and items. */
import { runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock, refusedBeforeSending, sentHeaders } from '../support/passonaMock';
import { page } from '../fixtures/passona';
import { byId, byUrl, fromList } from '../../harness/locators';
import {
	link,
	LINK_UUID,
	PSMS_UUID,
	TEMPLATE_UUID,
	VANITY_UUID,
	vanityDomain,
} from '../fixtures/more';

const headers = sentHeaders(TOKEN);
const linkPath = `/links/${LINK_UUID}`;
const domainPath = `/vanity-domains/${VANITY_UUID}`;

const createLink = {
	resource: 'link',
	operation: 'create',
	vanityDomain: fromList(PSMS_UUID),
	templateId: ` ${TEMPLATE_UUID.toUpperCase()} `,
	name: 'New Link',
	destination: 'https://digitonic.co.uk',
};

describe('Link', () => {
	test('Create sends the vanity domain, template, name and destination', async () => {
		const passona = new PassonaMock().reply('POST', '/links', 201, { data: link() });
		const { items, error } = await runPassona({ parameters: createLink });
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([
			{
				method: 'POST',
				path: '/links',
				query: {},
				headers,
				body: {
					vanity_domain_uuid: PSMS_UUID,
					template_uuid: TEMPLATE_UUID,
					name: 'New Link',
					destination: 'https://digitonic.co.uk',
				},
			},
		]);
		expect(items.map((item) => item.json)).toEqual([link()]);
	});

	test('Update sends only the fields added, the vanity domain chosen By URL', async () => {
		const updated = link({ name: 'New Link Updated', vanity_domain_uuid: VANITY_UUID });
		const passona = new PassonaMock().reply('PUT', linkPath, 200, { data: updated });
		const { items } = await runPassona({
			parameters: {
				resource: 'link',
				operation: 'update',
				link: byUrl(`https://passona.co.uk/api/2.0/links/${LINK_UUID}`),
				updateFields: {
					name: 'New Link Updated',
					vanityDomain: byUrl(`https://passona.co.uk/api/2.0/vanity-domains/${VANITY_UUID}`),
				},
			},
		});
		expect(passona.requests).toEqual([
			{
				method: 'PUT',
				path: linkPath,
				query: {},
				headers,
				body: { name: 'New Link Updated', vanity_domain_uuid: VANITY_UUID },
			},
		]);
		expect(items.map((item) => item.json)).toEqual([updated]);
	});

	test('Get fetches the link chosen By ID', async () => {
		const passona = new PassonaMock().reply('GET', linkPath, 200, { data: link() });
		const { items } = await runPassona({
			parameters: { resource: 'link', operation: 'get', link: byId(LINK_UUID) },
		});
		expect(passona.requests).toEqual([
			{ method: 'GET', path: linkPath, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([link()]);
	});

	test('Delete answers { deleted: true, uuid }', async () => {
		const passona = new PassonaMock().reply('DELETE', linkPath, 204);
		const { items } = await runPassona({
			parameters: { resource: 'link', operation: 'delete', link: byId(LINK_UUID) },
		});
		expect(passona.requests).toEqual([
			{ method: 'DELETE', path: linkPath, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, uuid: LINK_UUID }]);
	});

	test('423 on a link used by a sending campaign is said in plain words', async () => {
		new PassonaMock().reply('PUT', linkPath, 423, { message: 'Locked' });
		const { error } = await runPassona({
			parameters: {
				resource: 'link',
				operation: 'update',
				link: byId(LINK_UUID),
				updateFields: { destination: 'https://example.com' },
			},
		});
		expect(error?.message).toBe(
			'The link is locked because a campaign using it is sending right now',
		);
		expect(error?.description).toMatch(
			/^Passona does not allow changing or deleting a link while a campaign that uses it is sending\. Try again when the campaign has finished/,
		);
	});

	test.each([
		[
			'a template ID that is not a UUID',
			{ templateId: 'welcome' },
			'"Template ID" is not a valid Passona ID: "welcome" [item 0]',
		],
		[
			'no vanity domain',
			{ vanityDomain: byId('={{ $json.none }}') },
			'"Vanity Domain" is not a Passona ID: got nothing [item 0]',
		],
		['an empty name', { name: '  ' }, '"Name" is empty [item 0]'],
		[
			'a destination that is not a web address',
			{ destination: 'digitonic' },
			'"Destination" is not a web address: "digitonic" [item 0]',
		],
	])('Create refuses %s before sending', async (_case, fields, message) => {
		const error = await refusedBeforeSending({ parameters: { ...createLink, ...fields } });
		expect(error.message).toBe(message);
	});

	test('Update with nothing to change, or a link By URL to something else, is refused before sending', async () => {
		const empty = await refusedBeforeSending({
			parameters: {
				resource: 'link',
				operation: 'update',
				link: byId(LINK_UUID),
				updateFields: {},
			},
		});
		expect(empty.message).toBe('"Update Fields" is empty [item 0]');
		const wrong = await refusedBeforeSending({
			parameters: {
				resource: 'link',
				operation: 'get',
				link: byUrl(`={{ "https://passona.co.uk/api/2.0/templates/${LINK_UUID}" }}`),
			},
		});
		expect(wrong.message).toBe(
			'"Link" is not a link to a Passona link: "https://passona.co.uk/api/2.0/templates/e8cbe94a-faf4-11e..." [item 0]',
		);
	});

	test('with Continue On Fail a bad item becomes an error item and the others go through', async () => {
		const passona = new PassonaMock().reply('GET', linkPath, 200, { data: link() });
		const { items, error } = await runPassona({
			parameters: { resource: 'link', operation: 'get', link: byId('={{ $json.id }}') },
			items: [{ id: 'nope' }, { id: LINK_UUID }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(passona.requests.map((request) => request.path)).toEqual([linkPath]);
		expect(items.map((item) => item.json.error ?? item.json.uuid)).toEqual([
			'"Link" is not a valid Passona ID: "nope" [item 0]',
			LINK_UUID,
		]);
	});
});

describe('Vanity Domain', () => {
	test('Create sends the domain as scheme and host', async () => {
		const passona = new PassonaMock().reply('POST', '/vanity-domains', 201, {
			data: vanityDomain(),
		});
		const { items } = await runPassona({
			parameters: { resource: 'vanityDomain', operation: 'create', domain: ' https://Vani.io/ ' },
		});
		expect(passona.requests).toEqual([
			{
				method: 'POST',
				path: '/vanity-domains',
				query: {},
				headers,
				body: { domain: 'https://vani.io' },
			},
		]);
		expect(items.map((item) => item.json)).toEqual([vanityDomain()]);
	});

	test('Update sends the new domain to the vanity domain chosen From List', async () => {
		const updated = vanityDomain({
			domain: 'https://vaniup.io',
			updated_at: '2019-10-30 10:55:43',
		});
		const passona = new PassonaMock().reply('PUT', domainPath, 200, { data: updated });
		const { items } = await runPassona({
			parameters: {
				resource: 'vanityDomain',
				operation: 'update',
				vanityDomain: fromList(VANITY_UUID),
				domain: 'https://vaniup.io',
			},
		});
		expect(passona.requests).toEqual([
			{
				method: 'PUT',
				path: domainPath,
				query: {},
				headers,
				body: { domain: 'https://vaniup.io' },
			},
		]);
		expect(items.map((item) => item.json)).toEqual([updated]);
	});

	test('Get fetches the vanity domain chosen By ID', async () => {
		const passona = new PassonaMock().reply('GET', domainPath, 200, { data: vanityDomain() });
		const { items } = await runPassona({
			parameters: { resource: 'vanityDomain', operation: 'get', vanityDomain: byId(VANITY_UUID) },
		});
		expect(passona.requests).toEqual([
			{ method: 'GET', path: domainPath, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([vanityDomain()]);
	});

	test('Get Many with Return All follows every page; a Limit sets per_page', async () => {
		const psms = vanityDomain({ uuid: PSMS_UUID, domain: 'https://psms.io' });
		const passona = new PassonaMock()
			.reply('GET', '/vanity-domains', 200, page('/vanity-domains', [psms], 1, 2, 1))
			.reply('GET', '/vanity-domains', 200, page('/vanity-domains', [vanityDomain()], 2, 2, 1))
			.reply('GET', '/vanity-domains', 200, page('/vanity-domains', [psms], 1, 2, 1));
		const all = await runPassona({
			parameters: { resource: 'vanityDomain', operation: 'getAll', returnAll: true },
		});
		expect(all.items.map((item) => item.json.domain)).toEqual([
			'https://psms.io',
			'https://vani.io',
		]);
		const one = await runPassona({
			parameters: { resource: 'vanityDomain', operation: 'getAll', returnAll: false, limit: 1 },
		});
		expect(one.items.map((item) => item.json.domain)).toEqual(['https://psms.io']);
		expect(
			passona.requests.map((request) => [request.method, request.path, request.query]),
		).toEqual([
			['GET', '/vanity-domains', { page: '1', per_page: '1000' }],
			['GET', '/vanity-domains', { page: '2', per_page: '1000' }],
			['GET', '/vanity-domains', { page: '1', per_page: '1' }],
		]);
	});

	test('Delete answers { deleted: true, uuid }', async () => {
		const passona = new PassonaMock().reply('DELETE', domainPath, 204);
		const { items } = await runPassona({
			parameters: {
				resource: 'vanityDomain',
				operation: 'delete',
				vanityDomain: byId(VANITY_UUID),
			},
		});
		expect(passona.requests).toEqual([
			{ method: 'DELETE', path: domainPath, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, uuid: VANITY_UUID }]);
	});

	test.each([
		[
			'a domain with a path',
			'https://vani.io/offers',
			'"Domain" must be a domain alone, with no path: "https://vani.io/offers" [item 0]',
		],
		['a domain without a scheme', 'vani.io', '"Domain" is not a web address: "vani.io" [item 0]'],
		['an empty domain', '={{ " " }}', '"Domain" is empty [item 0]'],
	])('Create refuses %s before sending', async (_case, domain, message) => {
		const error = await refusedBeforeSending({
			parameters: { resource: 'vanityDomain', operation: 'create', domain },
		});
		expect(error.message).toBe(message);
	});
});

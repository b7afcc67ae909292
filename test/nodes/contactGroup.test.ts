/** Every Contact Group operation, run through n8n's engine against nock, exact requests and items. */
import { runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock, sentHeaders } from '../support/passonaMock';
import { contact, group, GROUP_UUID, OTHER_GROUP_UUID, page } from '../fixtures/passona';
import { byId, byUrl, fromList } from '../../harness/locators';

const headers = sentHeaders(TOKEN);
const groupPath = `/contact-groups/${GROUP_UUID}`;

describe('Contact Group', () => {
	test('Create sends name, deletable and description and outputs the new group', async () => {
		const created = group();
		const passona = new PassonaMock().reply('POST', '/contact-groups', 201, { data: created });
		const { items, error } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'create',
				name: '  New Contact Group ',
				deletable: false,
				additionalFields: { description: 'A new contact group' },
			},
		});
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([
			{
				method: 'POST',
				path: '/contact-groups',
				query: {},
				headers,
				body: { name: 'New Contact Group', deletable: false, description: 'A new contact group' },
			},
		]);
		expect(items.map((item) => item.json)).toEqual([created]);
	});

	test('Create takes the name from each input item by expression, one request per item', async () => {
		const passona = new PassonaMock()
			.reply('POST', '/contact-groups', 201, { data: group({ name: 'A' }) })
			.reply('POST', '/contact-groups', 201, { data: group({ name: 'B' }) });
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'create',
				name: '={{ $json.team }}',
				deletable: true,
			},
			items: [{ team: 'A' }, { team: 'B' }],
		});
		expect(
			passona.requests
				.map((request) => request.body)
				.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
		).toEqual([
			{ name: 'A', deletable: true },
			{ name: 'B', deletable: true },
		]);
		expect(items.map((item) => item.json.name).sort()).toEqual(['A', 'B']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('Update sends only the fields given, to the group chosen By URL', async () => {
		const updated = group({ name: 'Renamed' });
		const passona = new PassonaMock().reply('PUT', groupPath, 200, { data: updated });
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'update',
				contactGroup: byUrl(`https://passona.co.uk/api/2.0/contact-groups/${GROUP_UUID}`),
				updateFields: { name: 'Renamed' },
			},
		});
		expect(passona.requests).toEqual([
			{ method: 'PUT', path: groupPath, query: {}, headers, body: { name: 'Renamed' } },
		]);
		expect(items.map((item) => item.json)).toEqual([updated]);
	});

	test('Get fetches the group chosen From List', async () => {
		const found = group({ number_of_contacts: 5, status: 'Ready' });
		const passona = new PassonaMock().reply('GET', groupPath, 200, { data: found });
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'get',
				contactGroup: fromList(GROUP_UUID),
			},
		});
		expect(passona.requests).toEqual([
			{ method: 'GET', path: groupPath, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([found]);
	});

	test("Delete answers { deleted: true, uuid } for Passona's empty 204", async () => {
		const passona = new PassonaMock().reply('DELETE', groupPath, 204);
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'delete',
				contactGroup: byId(GROUP_UUID.toUpperCase()),
			},
		});
		expect(passona.requests).toEqual([
			{ method: 'DELETE', path: groupPath, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, uuid: GROUP_UUID }]);
	});

	test('Add Contacts from fields sends one normalised contact with its custom fields', async () => {
		const modifying = group({
			status: 'Modifying',
			scheduled_jobs_number: 1,
			number_of_contacts: 1,
		});
		const passona = new PassonaMock().reply('PUT', `${groupPath}/add-contacts`, 200, {
			data: modifying,
		});
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: byId(GROUP_UUID),
				contactSource: 'fields',
				phoneNumber: '={{ $json.mobile }}',
				customFields: {
					field: [
						{ name: 'first_name', value: '={{ $json.first }}' },
						{ name: ' last_name ', value: 'Doe' },
					],
				},
			},
			items: [{ mobile: '+44 (7713) 252-151', first: 'John' }],
		});
		expect(passona.requests).toEqual([
			{
				method: 'PUT',
				path: `${groupPath}/add-contacts`,
				query: {},
				headers,
				body: {
					contacts: [
						{
							phone_number: '447713252151',
							custom_fields: { first_name: 'John', last_name: 'Doe' },
						},
					],
				},
			},
		]);
		expect(items.map((item) => item.json)).toEqual([
			{ ...modifying, added_phone_numbers: ['447713252151'] },
		]);
	});

	test('Add Contacts from JSON sends the whole list, a repeated number keeping its last entry', async () => {
		const passona = new PassonaMock().reply('PUT', `${groupPath}/add-contacts`, 200, {
			data: group(),
		});
		await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: byId(GROUP_UUID),
				contactSource: 'json',
				contactsJson: '={{ $json.contacts }}',
			},
			items: [
				{
					contacts: [
						{ phone_number: '447713252151', custom_fields: { first_name: 'John', age: 40 } },
						{ phone_number: '00447713252152', custom_fields: { first_name: 'Jane' } },
						{ phone_number: '+447713252151', custom_fields: { first_name: 'Johnny' } },
					],
				},
			],
		});
		expect(passona.requests[0].body).toEqual({
			contacts: [
				{ phone_number: '447713252152', custom_fields: { first_name: 'Jane' } },
				{ phone_number: '447713252151', custom_fields: { first_name: 'Johnny' } },
			],
		});
	});

	test('Remove Contacts accepts text separated by commas and new lines', async () => {
		const passona = new PassonaMock().reply('PUT', `${groupPath}/remove-contacts`, 200, {
			data: group({ status: 'Modifying' }),
		});
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'removeContacts',
				contactGroup: byId(GROUP_UUID),
				phoneNumbers: '447713252152,\n+44 7713 252153\n447713252152',
			},
		});
		expect(passona.requests).toEqual([
			{
				method: 'PUT',
				path: `${groupPath}/remove-contacts`,
				query: {},
				headers,
				body: { phone_numbers: ['447713252152', '447713252153'] },
			},
		]);
		expect(items[0].json.status).toBe('Modifying');
	});

	test('Create With Contacts accepts a list from an expression', async () => {
		const created = group({
			name: 'Bulk Contact Group',
			status: 'Modifying',
			scheduled_jobs_number: 1,
		});
		const passona = new PassonaMock().reply('POST', '/contact-groups/bulk-contacts', 201, {
			data: created,
		});
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'createWithContacts',
				name: 'Bulk Contact Group',
				phoneNumbers: '={{ $json.numbers }}',
				deletable: false,
				additionalFields: { description: 'Bulk contacts upload with group' },
			},
			items: [{ numbers: ['447787854121', 447789856230, '447785412541'] }],
		});
		expect(passona.requests).toEqual([
			{
				method: 'POST',
				path: '/contact-groups/bulk-contacts',
				query: {},
				headers,
				body: {
					name: 'Bulk Contact Group',
					contacts: ['447787854121', '447789856230', '447785412541'],
					deletable: false,
					description: 'Bulk contacts upload with group',
				},
			},
		]);
		expect(items.map((item) => item.json)).toEqual([created]);
	});

	test('Get Unique Contacts posts included and excluded groups and outputs one item per contact', async () => {
		const contacts = [contact(1), contact(2)];
		const passona = new PassonaMock().reply('POST', '/contact-groups/unique-contacts', 200, {
			data: contacts,
		});
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'getUniqueContacts',
				includedContactGroups: [GROUP_UUID],
				excludedContactGroups: `={{ "${OTHER_GROUP_UUID}" }}`,
			},
		});
		expect(passona.requests).toEqual([
			{
				method: 'POST',
				path: '/contact-groups/unique-contacts',
				query: {},
				headers,
				body: {
					included_contact_group_uuids: [GROUP_UUID],
					excluded_contact_group_uuids: [OTHER_GROUP_UUID],
				},
			},
		]);
		expect(items.map((item) => item.json)).toEqual(contacts);
	});

	test('Flush empties the group', async () => {
		const flushing = group({ status: 'Modifying', scheduled_jobs_number: 1 });
		const passona = new PassonaMock().reply('PUT', `${groupPath}/flush`, 200, { data: flushing });
		const { items } = await runPassona({
			parameters: { resource: 'contactGroup', operation: 'flush', contactGroup: byId(GROUP_UUID) },
		});
		expect(passona.requests).toEqual([
			{ method: 'PUT', path: `${groupPath}/flush`, query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([flushing]);
	});

	test('Get Many with Limit asks for no more than the limit and outputs one item per group', async () => {
		const groups = [group({ name: 'One' }), group({ name: 'Two' })];
		const passona = new PassonaMock().reply(
			'GET',
			'/contact-groups',
			200,
			page('/contact-groups', groups, 1, 3, 2),
		);
		const { items } = await runPassona({
			parameters: { resource: 'contactGroup', operation: 'getAll', returnAll: false, limit: 2 },
		});
		expect(passona.requests).toEqual([
			{
				method: 'GET',
				path: '/contact-groups',
				query: { page: '1', per_page: '2' },
				headers,
				body: undefined,
			},
		]);
		expect(items.map((item) => item.json)).toEqual(groups);
	});

	test('Get Contacts with Return All follows links.next to the last page', async () => {
		const path = `${groupPath}/list-contacts`;
		const passona = new PassonaMock()
			.reply('GET', path, 200, page(path, [contact(1), contact(2)], 1, 3, 2))
			.reply('GET', path, 200, page(path, [contact(3), contact(4)], 2, 3, 2))
			.reply('GET', path, 200, page(path, [contact(5)], 3, 3, 2));
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'getContacts',
				contactGroup: byId(GROUP_UUID),
				returnAll: true,
				// One page after the other, each from the last one's links.next (in order).
				options: { parallelRequests: 1 },
			},
		});
		expect(
			passona.requests.map(({ method, path: sentPath, query }) => ({ method, sentPath, query })),
		).toEqual([
			{ method: 'GET', sentPath: path, query: { page: '1', per_page: '1000' } },
			{ method: 'GET', sentPath: path, query: { page: '2', per_page: '1000' } },
			{ method: 'GET', sentPath: path, query: { page: '3', per_page: '1000' } },
		]);
		expect(items.map((item) => item.json)).toEqual([1, 2, 3, 4, 5].map(contact));
		expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});

	test('Get Many for two input items pairs every group with the item that listed it', async () => {
		new PassonaMock()
			.reply(
				'GET',
				'/contact-groups',
				200,
				page('/contact-groups', [group({ name: 'A' })], 1, 1, 50),
			)
			.reply(
				'GET',
				'/contact-groups',
				200,
				page('/contact-groups', [group({ name: 'B' }), group({ name: 'C' })], 1, 1, 50),
			);
		const { items } = await runPassona({
			parameters: { resource: 'contactGroup', operation: 'getAll', returnAll: true },
			items: [{}, {}],
		});
		expect(items).toHaveLength(3);
		const pairs = items.map((item) => (item.pairedItem as { item: number }).item).sort();
		expect(
			pairs.filter((pair) => pair === 0).length + pairs.filter((pair) => pair === 1).length,
		).toBe(3);
		expect(new Set(pairs)).toEqual(new Set([0, 1]));
	});
});

/** Every Contact Group operation, through n8n's engine, against the sandbox over real HTTP. */
import { byId, byUrl, fromList } from '../../harness/locators';
import { call, TIMESTAMP, UUID, waitFor } from '../sandbox/helpers';
import { useContract } from './helpers';

const { sandbox, ok } = useContract({ jobDelayMs: 20 });
const resource = 'contactGroup';

describe('Contact Group against the sandbox', () => {
	test('Create outputs the new group; Get, Update and Get Many see it', async () => {
		const [created] = await ok({
			resource,
			operation: 'create',
			name: ' Customers ',
			deletable: true,
			additionalFields: { description: 'From the contract test' },
		});
		expect(created).toMatchObject({
			uuid: expect.stringMatching(UUID),
			name: 'Customers',
			description: 'From the contract test',
			deletable: true,
			number_of_contacts: 0,
			status: 'Empty',
			created_at: expect.stringMatching(TIMESTAMP),
		});
		const uuid = created.uuid as string;
		expect(await ok({ resource, operation: 'get', contactGroup: fromList(uuid) })).toEqual([
			created,
		]);

		const [updated] = await ok({
			resource,
			operation: 'update',
			contactGroup: byUrl(`${sandbox().url}/contact-groups/${uuid}`),
			updateFields: { name: 'Renamed' },
		});
		expect(updated).toMatchObject({ uuid, name: 'Renamed', description: 'From the contract test' });

		const all = await ok({ resource, operation: 'getAll', returnAll: true });
		expect(all.map((group) => group.name)).toEqual(['default_optouts', 'Renamed']);
		expect(await ok({ resource, operation: 'getAll', returnAll: false, limit: 1 })).toHaveLength(1);
	});

	test('Add Contacts (fields and JSON), Remove Contacts and Get Contacts', async () => {
		const group = sandbox().store.createContactGroup({ name: 'People' });
		const [afterFields] = await ok({
			resource,
			operation: 'addContacts',
			contactGroup: byId(group.uuid),
			contactSource: 'fields',
			phoneNumber: '+44 7700 900001',
			customFields: { field: [{ name: 'first_name', value: 'Ada' }] },
		});
		expect(afterFields).toMatchObject({
			uuid: group.uuid,
			status: 'Modifying',
			headers: ['first_name'],
		});

		await ok(
			{
				resource,
				operation: 'addContacts',
				contactGroup: byId('={{ $json.group }}'),
				contactSource: 'json',
				contactsJson: '={{ $json.contacts }}',
			},
			[
				{
					group: group.uuid,
					contacts: [{ phone_number: '447700900002' }, { phone_number: '00447700900003' }],
				},
			],
		);
		expect(group.contacts.get('447700900001')?.custom_fields).toEqual({ first_name: 'Ada' });

		const [removed] = await ok({
			resource,
			operation: 'removeContacts',
			contactGroup: byId(group.uuid),
			phoneNumbers: '447700900002\n447700900009',
		});
		expect(removed.number_of_contacts).toBe(2);

		await waitFor(
			async () =>
				(await ok({ resource, operation: 'get', contactGroup: byId(group.uuid) }))[0].status,
			(status) => status === 'Ready',
		);
		const contacts = await ok({
			resource,
			operation: 'getContacts',
			contactGroup: byId(group.uuid),
			returnAll: true,
		});
		expect(contacts).toEqual([
			{ phone_number: '447700900001', created_at: expect.stringMatching(TIMESTAMP) },
			{ phone_number: '447700900003', created_at: expect.stringMatching(TIMESTAMP) },
		]);
	});

	test('Return All over a seeded group of several pages returns every contact, 1,000 a page', async () => {
		const group = sandbox().store.seedContactGroup({ name: 'Big', contacts: 2345 });
		await call(sandbox(), 'DELETE', '/_sandbox/requests');
		const contacts = await ok({
			resource,
			operation: 'getContacts',
			contactGroup: byId(group.uuid),
			returnAll: true,
		});
		expect(contacts.map((contact) => contact.phone_number)).toEqual([...group.contacts.keys()]);
		const requests = (await call(sandbox(), 'GET', '/_sandbox/requests')).body.data;
		expect(requests.map((request: { query: object }) => request.query)).toEqual(
			[1, 2, 3].map((page) => ({ page: String(page), per_page: '1000' })),
		);
	});

	// Passona (Laravel) pages by offset (page - 1) × per_page: a page size that changed between pages
	// once repeated rows 501-1,000 with a Limit of 1,500. The node now keeps per_page fixed for the whole listing.
	test.each([60, 1500])(
		'Limit %i over a seeded group of several pages gives that many different contacts, in order',
		async (limit) => {
			const group = sandbox().store.seedContactGroup({ name: 'Big', contacts: 2345 });
			const limited = await ok({
				resource,
				operation: 'getContacts',
				contactGroup: byId(group.uuid),
				returnAll: false,
				limit,
			});
			expect(limited.map((contact) => contact.phone_number)).toEqual(
				[...group.contacts.keys()].slice(0, limit),
			);
		},
	);

	test('Create With Contacts, Get Unique Contacts with an excluded group, Flush and Delete', async () => {
		const [bulk] = await ok(
			{
				resource,
				operation: 'createWithContacts',
				name: 'Bulk',
				phoneNumbers: '={{ $json.numbers }}',
				deletable: true,
				additionalFields: {},
			},
			[{ numbers: ['447700900001', 447700900002, '+447700900003'] }],
		);
		expect(bulk).toMatchObject({ name: 'Bulk', number_of_contacts: 3, status: 'Modifying' });
		const optouts = sandbox().store.seedContactGroup({
			name: 'Opt-outs',
			contacts: ['447700900002'],
		});

		const unique = await ok({
			resource,
			operation: 'getUniqueContacts',
			includedContactGroups: [bulk.uuid as string],
			excludedContactGroups: [optouts.uuid, sandbox().store.defaultOptoutsGroup.uuid],
		});
		expect(unique.map((contact) => contact.phone_number)).toEqual(['447700900001', '447700900003']);

		const [flushed] = await ok({
			resource,
			operation: 'flush',
			contactGroup: byId(bulk.uuid as string),
		});
		expect(flushed).toMatchObject({ uuid: bulk.uuid, number_of_contacts: 0, status: 'Modifying' });

		expect(
			await ok({ resource, operation: 'delete', contactGroup: byId(bulk.uuid as string) }),
		).toEqual([{ deleted: true, uuid: bulk.uuid }]);
		expect(sandbox().store.contactGroups.has(bulk.uuid as string)).toBe(false);
	});
});

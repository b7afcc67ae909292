/** Long contact lists go to Passona in requests of at most 1,000 entries, in order. */
import { runPassona } from '../../harness/engine';
import { PassonaMock } from '../support/passonaMock';
import { group, GROUP_UUID } from '../fixtures/passona';
import { byId } from '../../harness/locators';

const path = `/contact-groups/${GROUP_UUID}`;
const phone = (n: number) => `4477${String(n).padStart(8, '0')}`;
const contacts = (count: number) =>
	Array.from({ length: count }, (_, n) => ({
		phone_number: phone(n),
		custom_fields: { row: String(n) },
	}));

const addFromJson = {
	resource: 'contactGroup',
	operation: 'addContacts',
	contactGroup: byId(GROUP_UUID),
	contactSource: 'json',
	contactsJson: '={{ $json.contacts }}',
};

describe('chunked contact lists', () => {
	test('2,500 contacts in one item cost 3 requests of 1,000, 1,000 and 500, in order', async () => {
		const passona = new PassonaMock()
			.reply('PUT', `${path}/add-contacts`, 200, { data: group({ number_of_contacts: 1000 }) })
			.reply('PUT', `${path}/add-contacts`, 200, { data: group({ number_of_contacts: 2000 }) })
			.reply('PUT', `${path}/add-contacts`, 200, {
				data: group({ number_of_contacts: 2500, status: 'Modifying' }),
			});
		const { items, error } = await runPassona({
			parameters: addFromJson,
			items: [{ contacts: contacts(2500) }],
		});
		expect(error).toBeUndefined();
		const sent = passona.requests.map(
			(request) => (request.body as { contacts: Array<{ phone_number: string }> }).contacts,
		);
		expect(sent.map((chunk) => chunk.length)).toEqual([1000, 1000, 500]);
		expect(sent.flat().map((contact) => contact.phone_number)).toEqual(
			contacts(2500).map((contact) => contact.phone_number),
		);
		expect(items.map((item) => item.json)).toEqual([
			{
				...group({ number_of_contacts: 2500, status: 'Modifying' }),
				added_phone_numbers: contacts(2500).map((contact) => contact.phone_number),
			},
		]);
	});

	test('exactly 1,000 contacts stay one request', async () => {
		const passona = new PassonaMock().reply('PUT', `${path}/add-contacts`, 200, { data: group() });
		await runPassona({ parameters: addFromJson, items: [{ contacts: contacts(1000) }] });
		expect(passona.requests).toHaveLength(1);
	});

	test('a failing chunk stops the rest and says how many were sent', async () => {
		const passona = new PassonaMock()
			.reply('PUT', `${path}/add-contacts`, 200, { data: group() })
			.reply('PUT', `${path}/add-contacts`, 423, { message: 'Locked' });
		const { error, items } = await runPassona({
			parameters: addFromJson,
			items: [{ contacts: contacts(2500) }],
		});
		expect(passona.requests).toHaveLength(2);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'The contact group is locked because a campaign using it is sending right now',
		);
		expect(error?.description).toContain(
			'The first 1000 of 2500 were sent before this failure; the other 1500 were not.',
		);
	});

	test('Remove Contacts splits a long list of numbers the same way', async () => {
		const passona = new PassonaMock()
			.reply('PUT', `${path}/remove-contacts`, 200, { data: group() })
			.reply('PUT', `${path}/remove-contacts`, 200, { data: group({ number_of_contacts: 0 }) });
		await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'removeContacts',
				contactGroup: byId(GROUP_UUID),
				phoneNumbers: '={{ $json.numbers }}',
			},
			items: [{ numbers: Array.from({ length: 1001 }, (_, n) => phone(n)) }],
		});
		expect(
			passona.requests.map(
				(request) => (request.body as { phone_numbers: string[] }).phone_numbers.length,
			),
		).toEqual([1000, 1]);
	});
});

/**
 * "Wait for Passona to Finish" on the four asynchronous operations, through n8n's engine against
 * nock. Time is fake (test/support/fakeTime.ts): no real time passes.
 */
import { runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock, sentHeaders } from '../support/passonaMock';
import { group, GROUP_UUID } from '../fixtures/passona';
import { byId } from '../../harness/locators';
import { fakeTime, type FakeTime } from '../support/fakeTime';

let clock: FakeTime;
let sleeps: number[] = [];
beforeEach(() => {
	clock = fakeTime();
	sleeps = clock.sleeps;
});
afterEach(() => clock.restore());

const headers = sentHeaders(TOKEN);
const groupPath = `/contact-groups/${GROUP_UUID}`;
const modifying = (n: number) => ({
	data: group({ status: 'Modifying', scheduled_jobs_number: 1, number_of_contacts: n }),
});
const look = { method: 'GET', path: groupPath, query: {}, headers, body: undefined };

describe('Wait for Passona to Finish', () => {
	test('Add Contacts: looks at the group until it is Ready, slowed by a 429, and outputs the final group', async () => {
		const ready = group({ status: 'Ready', number_of_contacts: 3, headers: ['first_name'] });
		const passona = new PassonaMock()
			.reply('PUT', `${groupPath}/add-contacts`, 200, modifying(0))
			.reply('GET', groupPath, 200, modifying(1))
			.reply(
				'GET',
				groupPath,
				429,
				{ message: 'Too Many Attempts.' },
				{ 'Content-Type': 'application/json', 'Retry-After': '9' },
			)
			.reply('GET', groupPath, 200, { data: ready });
		const { items, error } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: byId(GROUP_UUID),
				contactSource: 'fields',
				phoneNumber: '447700900123',
				waitForPassona: true,
				waitTimeLimit: 60,
			},
		});
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([
			{
				method: 'PUT',
				path: `${groupPath}/add-contacts`,
				query: {},
				headers,
				body: { contacts: [{ phone_number: '447700900123', custom_fields: {} }] },
			},
			look,
			look,
			look,
		]);
		expect(sleeps).toEqual([1000, 1500, 9000]);
		// The settled group, with the numbers that were sent (added after the wait).
		expect(items.map((item) => item.json)).toEqual([
			{ ...ready, added_phone_numbers: ['447700900123'] },
		]);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Remove Contacts in chunks: waits once, after the last chunk', async () => {
		const numbers = Array.from({ length: 1001 }, (_, i) => String(447700000000 + i));
		const passona = new PassonaMock()
			.reply('PUT', `${groupPath}/remove-contacts`, 200, modifying(5000))
			.reply('PUT', `${groupPath}/remove-contacts`, 200, modifying(4000))
			.reply('GET', groupPath, 200, { data: group({ status: 'Ready', number_of_contacts: 3999 }) });
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'removeContacts',
				contactGroup: byId(GROUP_UUID),
				phoneNumbers: numbers.join('\n'),
				waitForPassona: true,
			},
		});
		expect(passona.requests.map((request) => [request.method, request.path])).toEqual([
			['PUT', `${groupPath}/remove-contacts`],
			['PUT', `${groupPath}/remove-contacts`],
			['GET', groupPath],
		]);
		expect(items.map((item) => item.json.number_of_contacts)).toEqual([3999]);
	});

	test('Flush: waits until the group is Empty', async () => {
		const passona = new PassonaMock()
			.reply('PUT', `${groupPath}/flush`, 200, modifying(10))
			.reply('GET', groupPath, 200, { data: group({ status: 'Empty', number_of_contacts: 0 }) });
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'flush',
				contactGroup: byId(GROUP_UUID),
				waitForPassona: true,
			},
		});
		expect(passona.requests).toEqual([
			{ method: 'PUT', path: `${groupPath}/flush`, query: {}, headers, body: undefined },
			look,
		]);
		expect(items.map((item) => [item.json.status, item.json.number_of_contacts])).toEqual([
			['Empty', 0],
		]);
	});

	test('Create With Contacts: waits on the group Passona created', async () => {
		const passona = new PassonaMock()
			.reply('POST', '/contact-groups/bulk-contacts', 201, modifying(0))
			.reply('GET', groupPath, 200, { data: group({ status: 'Ready', number_of_contacts: 2 }) });
		const { items } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'createWithContacts',
				name: 'Leeds',
				phoneNumbers: '447700900001, 447700900002',
				waitForPassona: true,
			},
		});
		expect(passona.requests.map((request) => [request.method, request.path])).toEqual([
			['POST', '/contact-groups/bulk-contacts'],
			['GET', groupPath],
		]);
		expect(items.map((item) => item.json.number_of_contacts)).toEqual([2]);
	});

	test('off by default: Passona’s first answer (Modifying) is the output, nothing else is asked', async () => {
		const passona = new PassonaMock().reply('PUT', `${groupPath}/flush`, 200, modifying(10));
		const { items } = await runPassona({
			parameters: { resource: 'contactGroup', operation: 'flush', contactGroup: byId(GROUP_UUID) },
		});
		expect(passona.requests.map((request) => request.method)).toEqual(['PUT']);
		expect(items.map((item) => item.json.status)).toEqual(['Modifying']);
		expect(sleeps).toEqual([]);
	});

	test('the Time Limit running out is an error saying the change is still being applied; Continue On Fail keeps the other items', async () => {
		// Item 0 waits 1 s at most and runs out; item 1 does not wait. Both are sent at once.
		const passona = new PassonaMock()
			.reply('PUT', `${groupPath}/flush`, 200, modifying(10))
			.reply('PUT', `${groupPath}/flush`, 200, modifying(10))
			.reply('GET', groupPath, 200, modifying(4));
		const { items, error } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'flush',
				contactGroup: byId(GROUP_UUID),
				waitForPassona: '={{ $json.wait }}',
				waitTimeLimit: 1,
			},
			items: [{ wait: true }, { wait: false }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(passona.requests.map((request) => request.method)).toEqual(['PUT', 'PUT', 'GET']);
		expect(items.map((item) => item.json.error ?? item.json.status)).toEqual([
			`Passona is still applying the change to contact group ${GROUP_UUID}`,
			'Modifying',
		]);

		new PassonaMock()
			.reply('PUT', `${groupPath}/flush`, 200, modifying(10))
			.reply('GET', groupPath, 200, modifying(7));
		const stopped = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'flush',
				contactGroup: byId(GROUP_UUID),
				waitForPassona: true,
				waitTimeLimit: 1,
			},
		});
		expect(stopped.error?.message).toBe(
			`Passona is still applying the change to contact group ${GROUP_UUID}`,
		);
		expect(stopped.error?.description).toBe(
			'Passona accepted the change; it was still being applied (status Modifying, 7 contacts so far) when the 1-second Time Limit ran out. This is not a failure: Passona goes on in the background. Raise the Time Limit, or check the group later with Contact Group → Get.',
		);
	});

	test('a bad Time Limit is refused before anything is sent; an error while looking is worded as usual', async () => {
		const passona = new PassonaMock();
		const bad = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'flush',
				contactGroup: byId(GROUP_UUID),
				waitForPassona: true,
				waitTimeLimit: '={{ 0 }}',
			},
		});
		expect(bad.error?.message).toBe(
			'"Time Limit (Seconds)" must be a number of seconds from 1 to 3600, got 0 [item 0]',
		);
		expect(passona.requests).toEqual([]);

		passona
			.reply('PUT', `${groupPath}/flush`, 200, modifying(1))
			.reply('GET', groupPath, 404, { message: 'No query results' });
		const gone = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'flush',
				contactGroup: byId(GROUP_UUID),
				waitForPassona: true,
			},
		});
		expect(gone.error?.message).toBe(`Passona has no contact group ${GROUP_UUID}`);
	});
});

/** Contact → Sync Groups and Account → Get Balance through n8n's engine against nock. */
import { runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock, refusedBeforeSending, sentHeaders } from '../support/passonaMock';
import { GROUP_UUID, OTHER_GROUP_UUID } from '../fixtures/passona';

const headers = sentHeaders(TOKEN);
const sync = {
	resource: 'contact',
	operation: 'syncGroups',
	phoneNumber: '+44 7715 898521',
	contactGroups: [GROUP_UUID, OTHER_GROUP_UUID],
	// The opt-out lookup that Keep Opt-Out (on by default) adds: test/nodes/consent.test.ts.
	keepOptout: false,
};

describe('Contact', () => {
	test('Sync Groups posts the contact and its groups and says what they now are', async () => {
		const passona = new PassonaMock().reply('POST', '/contact/sync/groups', 200, []);
		const { items, error } = await runPassona({ parameters: sync });
		expect(error).toBeUndefined();
		expect(passona.requests).toEqual([
			{
				method: 'POST',
				path: '/contact/sync/groups',
				query: {},
				headers,
				body: { contact: '447715898521', groups: [GROUP_UUID, OTHER_GROUP_UUID] },
			},
		]);
		expect(items.map((item) => item.json)).toEqual([
			{ contact: '447715898521', groups: [GROUP_UUID, OTHER_GROUP_UUID] },
		]);
	});

	test('Sync Groups takes one contact per item, groups from an expression', async () => {
		const passona = new PassonaMock()
			.reply('POST', '/contact/sync/groups', 200, [])
			.reply('POST', '/contact/sync/groups', 200, []);
		const { items } = await runPassona({
			parameters: {
				...sync,
				phoneNumber: '={{ $json.phone }}',
				contactGroups: '={{ $json.groups }}',
			},
			items: [
				{ phone: '447700900001', groups: [GROUP_UUID] },
				{ phone: '447700900002', groups: `${OTHER_GROUP_UUID}, ${GROUP_UUID}` },
			],
		});
		expect(passona.requests.map((request) => request.body)).toEqual([
			{ contact: '447700900001', groups: [GROUP_UUID] },
			{ contact: '447700900002', groups: [OTHER_GROUP_UUID, GROUP_UUID] },
		]);
		expect(items).toHaveLength(2);
	});

	test.each([
		[
			'a phone number with too few digits',
			{ phoneNumber: '12' },
			/^"Phone Number" contains "12", which has 2 digits/,
		],
		[
			'no groups',
			{ contactGroups: '={{ [] }}' },
			/^"Contact Groups" is empty: choose at least one \[item 0\]$/,
		],
		[
			'a group that is not an ID',
			{ contactGroups: '={{ ["Customers"] }}' },
			/^"Contact Groups" is not a valid Passona ID: "Customers" \[item 0\]$/,
		],
	])(
		'Sync Groups refuses %s before sending, Keep Opt-Out on or off (its lookup included)',
		async (_case, fields, message) => {
			for (const keepOptout of [false, true]) {
				const error = await refusedBeforeSending({
					parameters: { ...sync, keepOptout, ...fields },
				});
				expect(error.message).toMatch(message);
			}
		},
	);

	test('Sync Groups: 422 lists Passona’s messages', async () => {
		new PassonaMock().reply('POST', '/contact/sync/groups', 422, {
			message: 'x',
			errors: { 'groups.0': ['The selected groups.0 is invalid.'] },
		});
		const invalid = await runPassona({ parameters: sync });
		expect(invalid.error?.message).toBe('Passona rejected the values sent');
		expect(invalid.error?.description).toBe(
			'Fix these and run again:\n• The selected groups.0 is invalid.',
		);
	});
});

describe('Account', () => {
	test('Get Balance outputs Passona’s balance as it is', async () => {
		const passona = new PassonaMock().reply('GET', '/balance', 200, {
			data: { balance: 1523.5, currency: 'GBP' },
		});
		const { items } = await runPassona({
			parameters: { resource: 'account', operation: 'getBalance' },
		});
		expect(passona.requests).toEqual([
			{ method: 'GET', path: '/balance', query: {}, headers, body: undefined },
		]);
		expect(items.map((item) => item.json)).toEqual([{ balance: 1523.5, currency: 'GBP' }]);
	});

	test('Get Balance with a wrong token points at the credential', async () => {
		new PassonaMock().reply('GET', '/balance', 401, { message: 'Unauthenticated.' });
		const { error } = await runPassona({
			parameters: { resource: 'account', operation: 'getBalance' },
		});
		expect(error?.message).toBe('Passona did not accept the API token');
	});
});

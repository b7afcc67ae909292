/**
 * Numbers that would reach a stranger, measured against the sandbox over HTTP: who got the SMS
 * (the outbox) and which number a group holds. A UK mobile whose 0 a spreadsheet dropped, CSV
 * floats and the international prefix written twice all reach 447700900123, or are refused.
 */
import { runPassona } from '../../harness/engine';
import { byId, fromList } from '../../harness/locators';
import { useClockAt, useContract } from './helpers';

const { sandbox, ok, run, outbox } = useContract({ jobDelayMs: 5 });
useClockAt('2026-11-23T12:00:00Z');

const MEANT = '447700900123';
/** As spreadsheets, CSV files and people hand them over: each is the UK mobile 07700 900123. */
const SHAPES: Array<[string, string | number]> = [
	['a UK mobile whose 0 was dropped', '7700900123'],
	['the same as a number', 7700900123],
	['a national number as a CSV float', '07700900123.0'],
	['an international number as a CSV float', '447700900123.0'],
	['a dropped 0 as a CSV float', '7700900123.0'],
	['a float as a number', 447700900123.0],
	['the international prefix written twice', '+0044 7700 900123'],
];

async function template() {
	const [created] = await ok({
		resource: 'template',
		operation: 'create',
		name: 'Hello',
		body: 'Hello. Text OPTOUT to stop',
		senderName: fromList('88440'),
	});
	return created.uuid as string;
}

describe.each(SHAPES)('%s (%p)', (_shape, typed) => {
	const item = [{ phone: typed }];

	test('Send Test texts 447700900123', async () => {
		const templateUuid = await template();
		await ok(
			{
				resource: 'campaign',
				operation: 'sendTest',
				phoneNumber: '={{ $json.phone }}',
				template: byId(templateUuid),
				senderName: fromList('88440'),
				name: 'Check',
			},
			item,
		);
		expect((await outbox()).map((message) => message.to)).toEqual([MEANT]);
	});

	test('Add Contacts (fields and JSON) and Create With Contacts store 447700900123', async () => {
		const group = sandbox().store.createContactGroup({ name: 'People' });
		await ok(
			{
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: byId(group.uuid),
				contactSource: 'fields',
				phoneNumber: '={{ $json.phone }}',
			},
			item,
		);
		const fromJson = sandbox().store.createContactGroup({ name: 'From JSON' });
		await ok(
			{
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: byId(fromJson.uuid),
				contactSource: 'json',
				contactsJson: '={{ [{ phone_number: $json.phone }] }}',
			},
			item,
		);
		const [bulk] = await ok(
			{
				resource: 'contactGroup',
				operation: 'createWithContacts',
				name: 'Bulk',
				phoneNumbers: '={{ [$json.phone] }}',
				deletable: true,
			},
			item,
		);
		const store = sandbox().store;
		expect([...store.contactsOf(group.uuid)!.keys()]).toEqual([MEANT]);
		expect([...store.contactsOf(fromJson.uuid)!.keys()]).toEqual([MEANT]);
		expect([...store.contactsOf(bulk.uuid as string)!.keys()]).toEqual([MEANT]);
	});

	test('Remove Contacts removes 447700900123; Sync Groups moves it', async () => {
		const store = sandbox().store;
		const leaving = store.seedContactGroup({ name: 'Leaving', contacts: [MEANT, '447700900999'] });
		const joining = store.seedContactGroup({ name: 'Joining', contacts: [] });
		await ok(
			{
				resource: 'contactGroup',
				operation: 'removeContacts',
				contactGroup: byId(leaving.uuid),
				phoneNumbers: '={{ $json.phone }}',
			},
			item,
		);
		expect([...store.contactsOf(leaving.uuid)!.keys()]).toEqual(['447700900999']);
		await ok(
			{
				resource: 'contact',
				operation: 'syncGroups',
				phoneNumber: '={{ $json.phone }}',
				contactGroups: [joining.uuid],
			},
			item,
		);
		expect([...store.contactsOf(joining.uuid)!.keys()]).toEqual([MEANT]);
	});
});

describe('what cannot be read as one number is refused with words, and nothing is sent', () => {
	test.each([
		['a decimal number', '447700900123.5', 'has a decimal part'],
		['scientific notation', '4.47700900123E+11', 'scientific notation'],
		['a 0 right after the +', '+07700 900123', 'a country code never starts with 0'],
	])('%s (%p)', async (_shape, typed, words) => {
		const templateUuid = await template();
		const { error } = await run(
			{
				resource: 'campaign',
				operation: 'sendTest',
				phoneNumber: typed,
				template: byId(templateUuid),
				senderName: fromList('88440'),
				name: 'Check',
			},
			[{}],
		);
		expect(error?.message).toContain(words);
		expect(error?.message).toMatch(/^"Phone Number" .+ \[item 0\]$/);
		expect(await outbox()).toEqual([]);
	});

	test('with a Default Country Code other than 44, a 10-digit number starting 7 is refused', async () => {
		const templateUuid = await template();
		const { error } = await runPassona({
			parameters: {
				resource: 'campaign',
				operation: 'sendTest',
				phoneNumber: '7700900123',
				template: byId(templateUuid),
				senderName: fromList('88440'),
				name: 'Check',
			},
			credentials: {
				apiToken: sandbox().token,
				baseUrl: sandbox().url,
				defaultCountryCode: '353',
			},
		});
		expect(error?.message).toContain('not a complete international number');
		expect(await outbox()).toEqual([]);
	});
});

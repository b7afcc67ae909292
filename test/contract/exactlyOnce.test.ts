/**
 * Each SMS once, whatever fails: Campaign Create and Send Test through n8n's engine against the
 * sandbox, counted in the sandbox's outbox. n8n's Retry On Fail (the whole node again, with every
 * item), a retry of the failed execution from the Executions list, an answer lost after Passona
 * acted (timeout, reset, 502/503/504), a 429 between two items, and a run stopped part-way.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { byId } from '../../harness/locators';
import { runPassona, type RunResult } from '../../harness/engine';
import { call } from '../sandbox/helpers';
import { fakeTime, type FakeTime } from '../support/fakeTime';
import { useClockAt, useContract } from './helpers';

const { sandbox, texted } = useContract();
// Send Now writes London's wall clock: not in the hour that repeats in October.
useClockAt('2026-11-23T12:00:00Z');

const GROUPS = {
	One: ['447700900001', '447700900002'],
	Two: ['447700900003', '447700900004'],
	Three: ['447700900005'],
};
type GroupName = keyof typeof GROUPS;

let template: string;
let groups: Record<GroupName, string>;

beforeEach(async () => {
	const store = sandbox().store;
	groups = Object.fromEntries(
		Object.entries(GROUPS).map(([name, contacts]) => [
			name,
			store.seedContactGroup({ name, contacts }).uuid,
		]),
	) as Record<GroupName, string>;
	const created = await call(sandbox(), 'POST', '/templates', {
		name: 'Offer',
		body: 'Hi, 20% off today',
		sender: 'Sandbox',
	});
	template = created.body.data.uuid;
});

/** Campaign Create, Send Now, to the group each item names (`$json.group`), named `$json.name`. */
const createCampaigns: INodeParameters = {
	resource: 'campaign',
	operation: 'create',
	name: '={{ $json.name }}',
	template: byId('={{ $json.template }}'),
	senderName: { __rl: true, mode: 'name', value: 'Sandbox' },
	includedGroups: '={{ [$json.group] }}',
	when: 'now',
};

/** Send Test to the number each item names (`$json.to`). */
const sendTests: INodeParameters = {
	resource: 'campaign',
	operation: 'sendTest',
	phoneNumber: '={{ $json.to }}',
	template: byId('={{ $json.template }}'),
	senderName: { __rl: true, mode: 'name', value: 'Sandbox' },
	name: '={{ $json.name }}',
};

const campaignItems = (...names: GroupName[]): IDataObject[] =>
	names.map((name) => ({ name, group: groups[name], template }));

const testItems = (...numbers: string[]): IDataObject[] =>
	numbers.map((to, index) => ({ to, name: `Test ${index}`, template }));

async function run(
	parameters: INodeParameters,
	items: IDataObject[],
	options: Partial<Parameters<typeof runPassona>[0]> = {},
): Promise<RunResult> {
	return await runPassona({
		parameters,
		items,
		credentials: { apiToken: sandbox().token, baseUrl: sandbox().url },
		...options,
	});
}

async function fault(body: IDataObject): Promise<void> {
	const answer = await call(sandbox(), 'POST', '/_sandbox/faults', body);
	expect(answer.status).toBe(201);
}

/** A fault on the campaign named Two's create (the second item of most runs here). */
const faultOnTwo = (answer: IDataObject) =>
	fault({ method: 'POST', path: '^/campaigns$', bodyMatch: '"Two"', ...answer });
/** A 422 that refuses the item: Passona acted on nothing. */
const REFUSED = { status: 422, body: { message: 'No', errors: { name: ['No'] } } };

/** Messages in the outbox per number. */
async function textsPerNumber(): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const to of await texted()) counts[to] = (counts[to] ?? 0) + 1;
	return counts;
}

const campaigns = () => [...sandbox().store.sending.campaigns.values()];

/** Fake time for one test, undone after it whatever happens (a timer left faked would break the next). */
let clock: FakeTime | undefined;
afterEach(() => {
	clock?.restore();
	clock = undefined;
});
// n8n reads a wait of 0 as its default (1 s): 1 ms keeps the tests quick.
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 };

describe('Retry On Fail: n8n runs the node again with all its items', () => {
	test('Campaign Create, item 2 answered 503 once: item 1 is not created again, and its output stands', async () => {
		await faultOnTwo({ status: 503 });
		const { items, error } = await run(createCampaigns, campaignItems('One', 'Two'), {
			retry: RETRY,
		});
		expect(await textsPerNumber()).toEqual({ '447700900001': 1, '447700900002': 1 });
		expect(campaigns().map((campaign) => campaign.name)).toEqual(['One']);
		// Item 2 may have been acted on (a 503): it is looked up, not sent again, and fails with words.
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/may have/i);
		expect(String(error?.description)).toContain(campaigns()[0].uuid);
		expect(String(error?.description)).not.toMatch(/retry on fail|run (it )?again/i);
	});

	test('Send Test, item 1 refused once (422): the retry sends item 1 only, item 0 keeps its output', async () => {
		await fault({
			method: 'POST',
			path: '^/campaigns/send-test$',
			bodyMatch: '447700900004',
			status: 422,
			body: { message: 'Busy', errors: { contact_number: ['Busy'] } },
		});
		const { items, error } = await run(sendTests, testItems('447700900003', '447700900004'), {
			retry: RETRY,
		});
		expect(error).toBeUndefined();
		expect(await textsPerNumber()).toEqual({ '447700900003': 1, '447700900004': 1 });
		expect(items.map((item) => item.json.name)).toEqual(['Test 0', 'Test 1']);
		expect(campaigns()).toHaveLength(2);
	});
});

describe('a retry of the failed execution (Executions list) sends only what was not sent', () => {
	test('Campaign Create, item 2 refused (422): the retry creates item 2 only', async () => {
		await faultOnTwo(REFUSED);
		const failed = await run(createCampaigns, campaignItems('One', 'Two', 'Three'));
		expect(failed.error?.message).toBe('Passona rejected the values sent');
		expect(
			campaigns()
				.map((campaign) => campaign.name)
				.sort(),
		).toEqual(['One', 'Three']);
		const retried = await run(createCampaigns, campaignItems('One', 'Two', 'Three'), {
			retryOf: failed,
		});
		expect(retried.error).toBeUndefined();
		expect(retried.items.map((item) => item.json.name)).toEqual(['One', 'Two', 'Three']);
		expect(await textsPerNumber()).toEqual({
			'447700900001': 1,
			'447700900002': 1,
			'447700900003': 1,
			'447700900004': 1,
			'447700900005': 1,
		});
	});
});

describe('Passona acted, then the answer was lost', () => {
	const losses: Array<[string, IDataObject]> = [
		['a timeout', { mode: 'timeout' }],
		['a reset connection', { mode: 'reset' }],
		['502', { status: 502 }],
		['503', { status: 503 }],
		['504', { status: 504 }],
	];

	/** A request timeout the timeout fault runs into (n8n's own default is 300 s). */
	const withTimeout = (parameters: INodeParameters) => ({
		...parameters,
		requestOptions: { timeout: 1500 },
	});

	/** The sending operations: what each sends for one item, where, and whom it texts. */
	const sends = {
		'Campaign Create': () => ({
			parameters: createCampaigns,
			items: campaignItems('One'),
			path: '^/campaigns$',
			texted: { '447700900001': 1, '447700900002': 1 },
		}),
		'Send Test': () => ({
			parameters: sendTests,
			items: testItems('447700900009'),
			path: '^/campaigns/send-test$',
			texted: { '447700900009': 1 },
		}),
	};
	const cases = Object.keys(sends).flatMap((operation) =>
		losses.map(([name, lost]) => [operation, name, lost] as const),
	);

	test.each(cases)(
		'%s, %s: what Passona made is found and put out, and sent once',
		async (operation, _name, lost) => {
			const { parameters, items: input, path, texted } = sends[operation as keyof typeof sends]();
			await fault({ method: 'POST', path, act: true, ...lost });
			const { items, error } = await run(withTimeout(parameters), input, { retry: RETRY });
			expect(error?.message).toBeUndefined();
			expect(campaigns()).toHaveLength(1);
			expect(items.map((item) => item.json.uuid)).toEqual([campaigns()[0].uuid]);
			expect(await textsPerNumber()).toEqual(texted);
		},
	);

	test('Send Test, items alike but for the number: the lost one takes the campaign no other item owns', async () => {
		await fault({
			method: 'POST',
			path: '^/campaigns/send-test$',
			bodyMatch: '447700900012',
			mode: 'reset',
			act: true,
		});
		const alike = ['447700900011', '447700900012', '447700900013'].map((to) => ({
			to,
			name: 'Test Send',
			template,
		}));
		const { items, error } = await run(sendTests, alike);
		expect(error?.message).toBeUndefined();
		const uuids = items.map((item) => item.json.uuid);
		expect(new Set(uuids).size).toBe(3);
		expect(
			campaigns()
				.map((campaign) => campaign.uuid)
				.sort(),
		).toEqual([...uuids].sort());
		// The item whose answer was lost put out the campaign made for its own number.
		expect(campaigns().find((campaign) => campaign.uuid === uuids[1])?.test?.contact_number).toBe(
			'447700900012',
		);
		expect(await textsPerNumber()).toEqual({
			'447700900011': 1,
			'447700900012': 1,
			'447700900013': 1,
		});
	});

	test('Send Test, two alike items both lost after Passona acted: neither is taken for the other, neither sent again', async () => {
		await fault({
			method: 'POST',
			path: '^/campaigns/send-test$',
			mode: 'reset',
			act: true,
			times: 2,
		});
		const alike = ['447700900021', '447700900022'].map((to) => ({
			to,
			name: 'Test Send',
			template,
		}));
		const { items, error } = await run(sendTests, alike, { onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.error?.message)).toEqual([
			'Passona may have sent this test SMS, but its answer was lost',
			'Passona may have sent this test SMS, but its answer was lost',
		]);
		expect(String(items[0].error?.description)).toMatch(/found several it cannot tell apart/);
		expect(campaigns()).toHaveLength(2);
		expect(await textsPerNumber()).toEqual({ '447700900021': 1, '447700900022': 1 });
	});

	test('an answer lost before Passona acted: nothing is found, nothing is sent again, and the item says it may have been sent', async () => {
		await fault({ method: 'POST', path: '^/campaigns$', mode: 'reset' });
		const { items, error } = await run(createCampaigns, campaignItems('One'), { retry: RETRY });
		expect(items).toEqual([]);
		expect(campaigns()).toHaveLength(0);
		expect(await textsPerNumber()).toEqual({});
		expect(error?.message).toMatch(/may have/i);
		expect(String(error?.description)).toMatch(/does not send the item again/);
		expect(String(error?.description)).not.toMatch(/retry on fail|run (it )?again/i);
	});
});

describe('a 429 between two items', () => {
	test('item 2 waits as Passona asks and goes out once; item 1 is not sent again', async () => {
		clock = fakeTime(Date.now());
		await faultOnTwo({
			status: 429,
			headers: { 'Retry-After': '7' },
			body: { message: 'Too Many Attempts.' },
		});
		const { items, error } = await run(createCampaigns, campaignItems('One', 'Two'));
		expect(error?.message).toBeUndefined();
		expect(items.map((item) => item.json.name)).toEqual(['One', 'Two']);
		expect(clock.sleeps).toEqual([7000]);
		expect(await textsPerNumber()).toEqual({
			'447700900001': 1,
			'447700900002': 1,
			'447700900003': 1,
			'447700900004': 1,
		});
	});

	test('a 429 that does not clear fails the item without advising a re-run, and says what was sent', async () => {
		clock = fakeTime(Date.now());
		await faultOnTwo({
			status: 429,
			headers: { 'Retry-After': '1' },
			times: 100,
		});
		const { error } = await run(createCampaigns, campaignItems('One', 'Two'));
		expect(error?.message).toBe('Passona is receiving too many requests');
		const said = `${error?.message} ${String(error?.description)}`;
		expect(said).not.toMatch(/retry on fail|run (it )?again/i);
		expect(said).toContain(campaigns()[0].uuid);
		expect(campaigns().map((campaign) => campaign.name)).toEqual(['One']);
	});
});

describe('a run that stops part-way', () => {
	test('says which items were already sent, with their uuids, and which were not', async () => {
		await faultOnTwo(REFUSED);
		const { error } = await run(createCampaigns, campaignItems('One', 'Two', 'Three'));
		const description = String(error?.description);
		const byName = new Map(campaigns().map((campaign) => [campaign.name, campaign.uuid]));
		expect(description).toContain(`item 0 → ${byName.get('One')}`);
		expect(description).toContain(`item 2 → ${byName.get('Three')}`);
		// Item 1, the one refused, is the error's own item and not among those sent.
		expect(byName.has('Two')).toBe(false);
		expect(description).not.toContain('item 1');
		expect(description).not.toMatch(/retry on fail|run (it )?again/i);
	});
});

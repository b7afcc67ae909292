/**
 * Volume: the node paces itself. 1,000 input items through n8n's engine against the sandbox with a
 * per-token rate limit on (Laravel's way: X-RateLimit-*, 429 with Retry-After), in fake time: a
 * wait moves the clock of the node and of the sandbox alike, so no real time passes.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { byId } from '../../harness/locators';
import { runPassona } from '../../harness/engine';
import { call } from '../sandbox/helpers';
import { fakeTime, type FakeTime } from '../support/fakeTime';
import { useClockAt, useContract } from './helpers';

const { sandbox, texted } = useContract();
// Send Test writes London's wall clock: not in the hour that repeats in October.
useClockAt('2026-11-23T12:00:00Z');

const ITEMS = 1000;
/** 1,000 items through the engine take seconds, more on a loaded machine: no real waiting, but no hurry either. */
const MANY_ITEMS_TIMEOUT_MS = 180_000;

/** Fake time for one test, undone after it whatever happens (a timer left faked would break the next). */
let clock: FakeTime | undefined;
const useFakeTime = () => (clock = fakeTime(Date.now()));
afterEach(() => {
	clock?.restore();
	clock = undefined;
});
/** 100 requests a second: 1,000 requests need at least 10 windows. */
const LIMIT = { requests: 100, windowSeconds: 1 };

async function traffic(): Promise<{ throttled: number; peak_in_flight: number }> {
	return (await call(sandbox(), 'GET', '/_sandbox/traffic')).body.data;
}

async function runMany(parameters: INodeParameters, items: IDataObject[]) {
	return await runPassona({
		parameters,
		items,
		credentials: { apiToken: sandbox().token, baseUrl: sandbox().url },
		onError: 'continueRegularOutput',
	});
}

describe(`${ITEMS} items against a rate limit of ${LIMIT.requests} requests a second`, () => {
	beforeEach(() => sandbox().traffic.configure(LIMIT));

	test(
		'Contact Group Get: no item fails, every item is answered in order, at most 6 requests in flight',
		async () => {
			const group = sandbox().store.seedContactGroup({ name: 'Paced', contacts: 3 }).uuid;
			const { sleeps } = useFakeTime();
			const { items, error } = await runMany(
				{ resource: 'contactGroup', operation: 'get', contactGroup: byId(group) },
				Array.from({ length: ITEMS }, () => ({})),
			);
			expect(error).toBeUndefined();
			expect(items.filter((item) => item.error).map((item) => item.error?.message)).toEqual([]);
			expect(items).toHaveLength(ITEMS);
			expect(items.every((item) => item.json.uuid === group)).toBe(true);
			// At least nine waits of a second (whole seconds, as Retry-After gives them).
			expect(sleeps.length).toBeGreaterThanOrEqual(9);
			expect(sleeps.every((ms) => ms === 1000)).toBe(true);
			const { throttled, peak_in_flight } = await traffic();
			expect(peak_in_flight).toBeLessThanOrEqual(6);
			// A 429 holds back the run's other requests too: at most the ones already in flight meet it.
			expect(throttled).toBeLessThanOrEqual(6 * 10);
		},
		MANY_ITEMS_TIMEOUT_MS,
	);

	test(
		'Send Test: every SMS goes out exactly once, none is lost to a 429',
		async () => {
			const template = (
				await call(sandbox(), 'POST', '/templates', { name: 'T', body: 'Hi', sender: 'Sandbox' })
			).body.data.uuid;
			const numbers = Array.from(
				{ length: ITEMS },
				(_, n) => `4477009${String(n).padStart(5, '0')}`,
			);
			useFakeTime();
			{
				const { items, error } = await runMany(
					{
						resource: 'campaign',
						operation: 'sendTest',
						phoneNumber: '={{ $json.to }}',
						template: byId(template),
						senderName: { __rl: true, mode: 'name', value: 'Sandbox' },
						name: '={{ "Test " + $json.to }}',
					},
					numbers.map((to) => ({ to })),
				);
				expect(error).toBeUndefined();
				expect(items.filter((item) => item.error).map((item) => item.error?.message)).toEqual([]);
				expect(items.map((item) => item.json.name)).toEqual(numbers.map((to) => `Test ${to}`));
			}
			expect((await texted()).sort()).toEqual(numbers);
			expect((await traffic()).peak_in_flight).toBeLessThanOrEqual(6);
		},
		MANY_ITEMS_TIMEOUT_MS,
	);
});

describe('requests in flight, without a rate limit', () => {
	// Requests take 20 ms to answer, so that those sent together are in flight together.
	beforeEach(() => {
		sandbox().traffic.configure(null);
		sandbox().traffic.latencyMs = 20;
	});

	const get = (group: string, requestOptions: INodeParameters = {}): INodeParameters => ({
		resource: 'contactGroup',
		operation: 'get',
		contactGroup: byId(group),
		requestOptions,
	});

	test('at most 6 by default (as Parallel Requests), and as many as Requests in Flight says', async () => {
		const group = sandbox().store.seedContactGroup({ name: 'Flight', contacts: 1 }).uuid;
		const items = Array.from({ length: 60 }, () => ({}));
		expect((await runMany(get(group), items)).items).toHaveLength(60);
		expect((await traffic()).peak_in_flight).toBe(6);
		sandbox().traffic.resetCounters();
		expect((await runMany(get(group, { requestsInFlight: 2 }), items)).items).toHaveLength(60);
		expect((await traffic()).peak_in_flight).toBe(2);
	});

	test("a listing's Parallel Requests above the default raises the cap for its run", async () => {
		const group = sandbox().store.seedContactGroup({ name: 'Pages', contacts: 20_000 }).uuid;
		const { items } = await runMany(
			{
				resource: 'contactGroup',
				operation: 'getContacts',
				contactGroup: byId(group),
				returnAll: true,
				options: { parallelRequests: 8 },
			},
			[{}],
		);
		expect(items).toHaveLength(20_000);
		expect((await traffic()).peak_in_flight).toBe(8);
	});

	test("n8n's Batching still spaces the items out, with the cap in force inside each batch", async () => {
		const group = sandbox().store.seedContactGroup({ name: 'Batches', contacts: 1 }).uuid;
		const { sleeps } = useFakeTime();
		const { items } = await runMany(
			get(group, { batching: { batch: { batchSize: 10, batchInterval: 2000 } } }),
			Array.from({ length: 40 }, () => ({})),
		);
		expect(items.filter((item) => !item.error)).toHaveLength(40);
		expect(sleeps).toEqual([2000, 2000, 2000]);
		expect((await traffic()).peak_in_flight).toBeLessThanOrEqual(6);
	});
});

/**
 * The run's gate without HTTP (core/pacing.ts): how many requests are in flight, what a 429 does
 * to the one that met it and to the others, when it gives up, and the words it leaves.
 */
import { MAX_RATE_LIMIT_WAIT_MS } from '../../core/constants';
import {
	MAX_RATE_LIMIT_WAITS,
	type GateItem,
	type RateLimitGiveUp,
	RequestGate,
} from '../../core/pacing';
import { rateLimitNote } from '../../core/errors';

/** A clock that moves only when the gate sleeps; every sleep is recorded. */
function fakeClock() {
	const clock = {
		at: 0,
		sleeps: [] as number[],
		now: () => clock.at,
		sleep: async (ms: number) => {
			clock.sleeps.push(ms);
			await new Promise((resolve) => setImmediate(resolve));
			clock.at += ms;
		},
	};
	return clock;
}

/** A server answering each request after a few turns; `limited(n)` says when request n meets a 429. */
function server(limited: (n: number, at: number) => number | undefined = () => undefined) {
	const state = { sent: 0, inFlight: 0, maxInFlight: 0, order: [] as string[] };
	const request = (name: string, clock: { now: () => number }) => async () => {
		const n = state.sent++;
		state.order.push(name);
		state.inFlight += 1;
		state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
		try {
			for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
			const wait = limited(n, clock.now());
			return wait === undefined ? { ok: name } : { tooMany: wait };
		} finally {
			state.inFlight -= 1;
		}
	};
	return { state, request };
}

type Answer = { ok?: string; tooMany?: number; gaveUp?: RateLimitGiveUp };
const waitOf = ({ value }: { value?: Answer }) => value?.tooMany;
/** What the gate hands back when it gives up: here, the answer of the request. */
const gaveUp = (giveUp: RateLimitGiveUp): Answer => ({ gaveUp: giveUp });
const send = (gate: RequestGate, request: () => Promise<Answer>, item?: GateItem) =>
	gate.send(request, waitOf, gaveUp, item);

describe('RequestGate', () => {
	test('keeps at most `limit` requests in flight, whatever is asked at once, and answers each', async () => {
		const clock = fakeClock();
		const gate = new RequestGate(6, clock);
		const { state, request } = server();
		const answers = await Promise.all(
			Array.from({ length: 100 }, (_, n) => send(gate, request(`r${n}`, clock))),
		);
		expect(answers).toEqual(Array.from({ length: 100 }, (_, n) => ({ ok: `r${n}` })));
		expect(state.maxInFlight).toBe(6);
		expect(state.sent).toBe(100);
		expect(clock.sleeps).toEqual([]);
	});

	test("a request made while another holds a slot (an answer's own read) rides on that slot: every slot waiting on it never deadlocks", async () => {
		const clock = fakeClock();
		const gate = new RequestGate(2, clock);
		const { state, request } = server();
		// Every item, once answered, waits for one read shared by the run (made by the first).
		let read: Promise<Answer> | undefined;
		const item = (name: string, index: number) => async () => {
			const answer = await request(name, clock)();
			read ??= send(gate, request('read', clock), { within: index });
			return { ok: `${answer.ok}+${(await read).ok}` };
		};
		const answers = await Promise.all(
			['a', 'b', 'c'].map((name, index) => send(gate, item(name, index), { holds: index })),
		);
		expect(answers).toEqual(['a', 'b', 'c'].map((name) => ({ ok: `${name}+read` })));
		expect(state.order).toEqual(['a', 'b', 'read', 'c']);
	});

	test('a 429 waits as asked, holds back the other requests for as long, then sends that request again first', async () => {
		const clock = fakeClock();
		const gate = new RequestGate(2, clock);
		// The third request sent meets a 429 asking for 7 s; every other request goes through.
		const { state, request } = server((n) => (n === 2 ? 7000 : undefined));
		const answers = await Promise.all(
			['a', 'b', 'c', 'd', 'e'].map((name) => send(gate, request(name, clock))),
		);
		expect(answers).toEqual(['a', 'b', 'c', 'd', 'e'].map((ok) => ({ ok })));
		expect(clock.sleeps).toEqual([7000]);
		// c met the 429 while d was in flight; after the wait c goes again before e.
		expect(state.order).toEqual(['a', 'b', 'c', 'd', 'c', 'e']);
	});

	test('one wait for the whole run, however many requests meet the same 429', async () => {
		const clock = fakeClock();
		const gate = new RequestGate(6, clock);
		// A window of 10 requests a second: what is sent before the second ends past the 10th meets a 429.
		let window = { from: 0, count: 0 };
		const { state, request } = server((_n, at) => {
			if (at >= window.from + 1000) window = { from: Math.floor(at / 1000) * 1000, count: 0 };
			if (window.count >= 10) return window.from + 1000 - at;
			window.count += 1;
			return undefined;
		});
		const answers = await Promise.all(
			Array.from({ length: 95 }, (_, n) => send(gate, request(`r${n}`, clock))),
		);
		expect(answers).toHaveLength(95);
		expect(clock.sleeps).toEqual(Array.from({ length: 9 }, () => 1000));
		expect(clock.at).toBe(9000);
		expect(state.maxInFlight).toBeLessThanOrEqual(6);
		// Per window, only what was already in flight meets the 429: at most 6 refused each time.
		expect(state.sent - 95).toBeLessThanOrEqual(6 * 9);
	});

	test(`gives up after ${MAX_RATE_LIMIT_WAITS} waits, handing back the last 429`, async () => {
		const clock = fakeClock();
		const gate = new RequestGate(6, clock);
		const { request } = server(() => 1000);
		const { gaveUp: failure } = await send(gate, request('x', clock));
		expect(failure).toEqual({
			cause: { tooMany: 1000 },
			waits: MAX_RATE_LIMIT_WAITS,
			waitedMs: MAX_RATE_LIMIT_WAITS * 1000,
		});
		expect(clock.sleeps).toHaveLength(MAX_RATE_LIMIT_WAITS);
	});

	test('gives up at once on a wait longer than it waits, saying what Passona asked', async () => {
		const clock = fakeClock();
		const gate = new RequestGate(6, clock);
		const { request } = server(() => MAX_RATE_LIMIT_WAIT_MS + 1000);
		const failure = (await send(gate, request('x', clock))).gaveUp!;
		expect(failure.askedMs).toBe(MAX_RATE_LIMIT_WAIT_MS + 1000);
		expect(clock.sleeps).toEqual([]);
		expect(rateLimitNote(failure.waits, failure.waitedMs, failure.askedMs)).toBe(
			"Passona asked to wait 301 s, longer than this node waits for one request (5 minutes). To send fewer requests at once, lower Requests in Flight or add Batching (the node's Settings → Request Options).",
		);
	});

	test('an error that is not a 429 is thrown as it is, and frees its place', async () => {
		const clock = fakeClock();
		const gate = new RequestGate(1, clock);
		const boom = new Error('boom');
		await expect(send(gate, async () => Promise.reject(boom))).rejects.toBe(boom);
		await expect(send(gate, async () => ({ ok: 'next' }))).resolves.toEqual({ ok: 'next' });
	});

	test('the words after waits never advise running again', () => {
		const note = rateLimitNote(3, 4000);
		expect(note).toBe(
			"This node waited as Passona asked and sent it again 3 times (4 s in all), and Passona still refused. To send fewer requests at once, lower Requests in Flight or add Batching (the node's Settings → Request Options).",
		);
		expect(note).not.toMatch(/run again|retry on fail/i);
	});
});

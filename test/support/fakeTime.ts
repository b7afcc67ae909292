/**
 * Time that passes only when the code under test sleeps. For as long as a test uses it, `Date.now`
 * and `setTimeout` are jest spies: a timer of one second to two minutes (the wait's sleeps and
 * Retry-After waits) fires on the next turn of the event loop and moves the fake clock by exactly
 * its length, which is recorded. Other timers (n8n's own, the HTTP stack's 5-minute timeout) run
 * as usual. The node keeps no test seam: the
 * wait sleeps with n8n's `sleep` (a `setTimeout`) and reads `Date.now()`, which this replaces.
 */
const SLEEP_FROM_MS = 1000;
const SLEEP_TO_MS = 120_000;

export interface FakeTime {
	/** The length of every sleep so far, in order. */
	sleeps: number[];
	restore: () => void;
}

export function fakeTime(startAt = 0): FakeTime {
	let now = startAt;
	const sleeps: number[] = [];
	const realSetTimeout = globalThis.setTimeout;
	const dateNow = jest.spyOn(Date, 'now').mockImplementation(() => now);
	const timeout = jest.spyOn(globalThis, 'setTimeout').mockImplementation(((
		callback: (...args: unknown[]) => void,
		ms?: number,
		...args: unknown[]
	) => {
		if (typeof ms !== 'number' || ms < SLEEP_FROM_MS || ms > SLEEP_TO_MS)
			return realSetTimeout(callback, ms, ...args);
		sleeps.push(ms);
		return realSetTimeout(() => {
			now += ms;
			callback(...args);
		}, 0);
	}) as typeof setTimeout);
	return {
		sleeps,
		restore: () => {
			dateNow.mockRestore();
			timeout.mockRestore();
		},
	};
}

/**
 * Date.now stopped at `at` (ms) for each test of the enclosing block; returns the spy, whose
 * `mockReturnValue` moves it within a test.
 */
export function useFixedNow(at: number): () => jest.SpyInstance {
	let clock: jest.SpyInstance | undefined;
	beforeEach(() => {
		clock = jest.spyOn(Date, 'now').mockReturnValue(at);
	});
	afterEach(() => clock?.mockRestore());
	return () => clock!;
}

/**
 * The listing scheduler without HTTP: which pages are asked for, how many at once, in what order
 * entries come out, what a 429 or a failure does, and where a server that never ends is stopped.
 */
import {
	listAllPages,
	type ListingOptions,
	MAX_RATE_LIMIT_RETRIES,
	retryAfterMs,
} from '../../core/listing';
import {
	MAX_LISTING_ENTRIES,
	MAX_LISTING_PAGES,
	MAX_PAGES_WITHOUT_TOTAL,
} from '../../core/pagination';
import { rateLimitWait, throwIfPassonaError } from '../../core/transport';
import { page } from '../fixtures/passona';

const waits: number[] = [];
jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async (ms: number) => {
		waits.push(ms);
	},
}));

class RateLimited extends Error {
	constructor(readonly waitMs: number) {
		super('429');
	}
}

/** A Passona list of `total` rows in pages of `perPage`, answering later pages sooner (out of order). */
function server(total: number, perPage: number, faults: Record<number, Array<Error | 'ok'>> = {}) {
	const last = Math.max(1, Math.ceil(total / perPage));
	const state = { asked: [] as number[], inFlight: 0, maxInFlight: 0, inFlightLog: [] as number[] };
	const fetchPage = async (n: number) => {
		state.asked.push(n);
		state.inFlight += 1;
		state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
		state.inFlightLog.push(state.inFlight);
		try {
			// Page n takes (last - n) turns: the later the page, the sooner its answer.
			for (let turn = 0; turn < last - n + 1; turn++)
				await new Promise((resolve) => setImmediate(resolve));
			const fault = faults[n]?.shift();
			if (fault instanceof Error) throw fault;
			const rows = Array.from(
				{ length: Math.max(0, Math.min(perPage, total - (n - 1) * perPage)) },
				(_, i) => (n - 1) * perPage + i + 1,
			);
			return page('/x', rows, n, last, perPage);
		} finally {
			state.inFlight -= 1;
		}
	};
	return { state, fetchPage };
}

async function list(fetchPage: ListingOptions['fetchPage'], parallel: number, limit = Infinity) {
	const out: unknown[] = [];
	await listAllPages({
		fetchPage,
		accept: (entries) => {
			for (const entry of entries) if (out.length < limit) out.push(entry);
			return out.length < limit;
		},
		wanted: () => limit - out.length,
		parallel,
		rateLimitWait: (error) => (error instanceof RateLimited ? error.waitMs : undefined),
		unexpected: (error) => error,
	});
	return out;
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

beforeEach(() => waits.splice(0));

describe('in parallel', () => {
	test('every page once, at most `parallel` in flight, output in Passona order', async () => {
		const { state, fetchPage } = server(95, 10);
		expect(await list(fetchPage, 4)).toEqual(rows(95));
		expect([...state.asked].sort((a, b) => a - b)).toEqual(rows(10));
		expect(state.asked[0]).toBe(1);
		expect(state.maxInFlight).toBe(4);
	});

	test('never more requests than pages, and never more in flight than 8', async () => {
		const { state, fetchPage } = server(30, 10);
		expect(await list(fetchPage, 8)).toEqual(rows(30));
		expect(state.asked).toHaveLength(3);
		const big = server(300, 10);
		await list(big.fetchPage, 50);
		expect(big.state.maxInFlight).toBe(8);
	});

	test('a Limit asks only for the pages it needs', async () => {
		const { state, fetchPage } = server(1000, 10);
		expect(await list(fetchPage, 4, 35)).toEqual(rows(35));
		expect([...state.asked].sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
	});

	test('a 429 waits as asked, lowers the requests in flight for the rest, and the list is whole', async () => {
		const { state, fetchPage } = server(200, 10, { 3: [new RateLimited(2000), 'ok'] });
		expect(await list(fetchPage, 4)).toEqual(rows(200));
		expect(waits).toEqual([2000]);
		expect(state.asked.filter((n) => n === 3)).toHaveLength(2);
		// After the 429 (the 5th request), at most 2 are in flight.
		const afterRetry = state.inFlightLog.slice(state.asked.indexOf(3, state.asked.indexOf(3) + 1));
		expect(Math.max(...afterRetry)).toBeLessThanOrEqual(2);
	});

	test(`429s stop being retried after ${MAX_RATE_LIMIT_RETRIES}, or when the wait asked for is over a minute`, async () => {
		const always = Array.from({ length: 10 }, () => new RateLimited(0));
		await expect(list(server(100, 10, { 2: always }).fetchPage, 4)).rejects.toThrow('429');
		expect(waits).toHaveLength(MAX_RATE_LIMIT_RETRIES);
		waits.splice(0);
		await expect(
			list(server(100, 10, { 2: [new RateLimited(61_000)] }).fetchPage, 4),
		).rejects.toThrow('429');
		expect(waits).toEqual([]);
	});

	test('any other failure fails the whole listing with the lowest failed page, and stops asking', async () => {
		const { state, fetchPage } = server(200, 10, {
			3: [new Error('page 3 broke')],
			4: [new Error('page 4 broke')],
		});
		const out: unknown[] = [];
		await expect(
			listAllPages({
				fetchPage,
				accept: (entries) => (out.push(...entries), true),
				wanted: () => Infinity,
				parallel: 4,
				unexpected: (error) => error,
			}),
		).rejects.toThrow('page 3 broke');
		expect(state.asked.length).toBeLessThan(20);
		expect(state.inFlight).toBe(0);
		expect(out).toEqual(rows(20)); // pages 1-2 only: the caller throws its list away
	});

	test('a failure on a page past the one that ended the list is not an error: one by one, it was never asked for', async () => {
		const short = page('/x', [21, 22], 3, 10, 10);
		const { fetchPage } = server(100, 10);
		const out = await list(async (n) => {
			if (n === 3) return short;
			if (n === 4) throw new Error('page 4 is gone');
			return await fetchPage(n);
		}, 4);
		expect(out).toEqual([...rows(20), 21, 22]);
	});

	test('a page that ends early (rows deleted meanwhile) ends the list there, in order', async () => {
		const short = { ...page('/x', [21, 22], 3, 10, 10) };
		const { fetchPage } = server(100, 10);
		const out = await list(async (n) => (n === 3 ? short : await fetchPage(n)), 4);
		expect(out).toEqual([...rows(20), 21, 22]);
	});
});

describe('one request in flight', () => {
	test('pages one after the other, as before the option', async () => {
		const { state, fetchPage } = server(95, 10);
		expect(await list(fetchPage, 1)).toEqual(rows(95));
		expect(state.asked).toEqual(rows(10));
		expect(state.maxInFlight).toBe(1);
	});

	test('a 429 fails at once, as before', async () => {
		await expect(list(server(100, 10, { 2: [new RateLimited(0)] }).fetchPage, 1)).rejects.toThrow(
			'429',
		);
		expect(waits).toEqual([]);
	});
});

describe('a server whose links.next never ends', () => {
	const endless = (meta: (n: number) => Record<string, unknown> | undefined, size = 2) => {
		const asked: number[] = [];
		const fetchPage = async (n: number) => {
			asked.push(n);
			const data = Array.from({ length: size }, (_, i) => `${n}.${i}`);
			return { data, links: { next: `https://x/?page=${n + 1}` }, meta: meta(n) };
		};
		return { asked, fetchPage };
	};

	test.each([1, 4])('stops at meta.last_page (%i in flight)', async (parallel) => {
		const { asked, fetchPage } = endless((n) => ({
			current_page: n,
			last_page: 3,
			per_page: 2,
			total: 6,
		}));
		expect(await list(fetchPage, parallel)).toHaveLength(6);
		expect(asked).toHaveLength(3);
	});

	test('stops at a page shorter than the server says its pages are, not than what was asked', async () => {
		const { asked, fetchPage } = endless(
			(n) => ({ current_page: n, last_page: 1e6, per_page: 5, total: 5e6 }),
			3,
		);
		expect(await list(fetchPage, 4)).toHaveLength(3);
		expect(asked).toEqual([1]);
	});

	test.each([1, 4])(
		'stops with an error past the pages meta.total allows plus slack (%i in flight)',
		async (parallel) => {
			const { asked, fetchPage } = endless((n) => ({
				current_page: n,
				last_page: 1e6,
				per_page: 2,
				total: 20,
			}));
			await expect(list(fetchPage, parallel)).rejects.toThrow(
				'Passona kept sending pages after announcing 20 entries (page 16, more than the 15 this listing allows)',
			);
			expect(asked).toHaveLength(15);
		},
	);

	test.each([1, 4])(
		'a list announcing 10^9 entries is refused after its first page, with words (%i in flight)',
		async (parallel) => {
			const { asked, fetchPage } = endless(
				(n) => ({ current_page: n, last_page: 1e6, per_page: 1000, total: 1e9 }),
				1000,
			);
			// Before the bound, this listing went on for a million pages: stopped here at 2,000.
			const guarded = async (n: number) => {
				if (n > 2000) throw new Error('still listing at page 2,001');
				return await fetchPage(n);
			};
			await expect(list(guarded, parallel)).rejects.toThrow(
				`Passona lists 1,000,000,000 entries here, more than a listing reads (${MAX_LISTING_ENTRIES.toLocaleString('en-GB')})`,
			);
			expect(asked).toEqual([1]);
		},
	);

	test('with a Limit, a list announcing 10^9 entries is read up to the Limit', async () => {
		const { asked, fetchPage } = endless(
			(n) => ({ current_page: n, last_page: 1e6, per_page: 1000, total: 1e9 }),
			1000,
		);
		expect(await list(fetchPage, 4, 2500)).toHaveLength(2500);
		expect([...asked].sort((a, b) => a - b)).toEqual([1, 2, 3]);
	});

	test(`pages of one entry announcing a plausible total stop at ${MAX_LISTING_PAGES.toLocaleString('en-GB')} pages`, async () => {
		const { asked, fetchPage } = endless(
			(n) => ({ current_page: n, last_page: 900_000, per_page: 1, total: 900_000 }),
			1,
		);
		await expect(list(fetchPage, 4)).rejects.toThrow(
			`more than the ${MAX_LISTING_PAGES} this listing allows`,
		);
		expect(asked).toHaveLength(MAX_LISTING_PAGES);
	});

	test('pages bigger than announced stop once more entries came than a listing reads', async () => {
		const { asked, fetchPage } = endless(
			(n) => ({ current_page: n, last_page: 3, per_page: 10, total: 30 }),
			600_000,
		);
		await expect(list(fetchPage, 1)).rejects.toThrow(
			`more than a listing reads (${MAX_LISTING_ENTRIES.toLocaleString('en-GB')})`,
		);
		expect(asked).toEqual([1, 2]);
	});

	test(`stops with an error after ${MAX_PAGES_WITHOUT_TOTAL} pages when there is no meta at all`, async () => {
		const { asked, fetchPage } = endless(() => undefined);
		await expect(list(fetchPage, 4)).rejects.toThrow('without saying how many entries there are');
		expect(asked).toHaveLength(MAX_PAGES_WITHOUT_TOTAL);
	});
});

test('retryAfterMs reads seconds and HTTP dates; 1 s when absent', () => {
	expect(retryAfterMs('30')).toBe(30_000);
	expect(retryAfterMs('0')).toBe(0);
	expect(
		retryAfterMs('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')),
	).toBe(10_000);
	expect(retryAfterMs(undefined)).toBe(1000);
	expect(retryAfterMs('soon')).toBe(1000);
});

test("rateLimitWait reads a 429's Retry-After from the node's error, and nothing from other errors", () => {
	const node = {
		id: '1',
		name: 'Passona',
		type: 'passona',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const context = { getNode: () => node } as unknown as Parameters<typeof throwIfPassonaError>[0];
	const thrown = (statusCode: number, headers: Record<string, string>) => {
		try {
			throwIfPassonaError(
				context,
				{ statusCode, headers, body: { message: 'x' } },
				{ subject: 'contact group' },
			);
		} catch (error) {
			return error;
		}
		return undefined;
	};
	expect(rateLimitWait(thrown(429, { 'retry-after': '7' }))).toBe(7000);
	expect(rateLimitWait(thrown(429, {}))).toBe(1000);
	expect(rateLimitWait(thrown(503, { 'retry-after': '7' }))).toBeUndefined();
	expect(rateLimitWait(new Error('429'))).toBeUndefined();
});

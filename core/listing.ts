/**
 * One whole listing of a Passona collection: page 1 alone, then (once its `meta` says how many
 * pages there are) the rest with a few requests in flight, handed on in Passona's order.
 * Free of n8n, so the scheduling is tested without HTTP; the callers bring the requests.
 */
import { sleep } from 'n8n-workflow';
import {
	beyondCap,
	ListingTooLongError,
	MAX_LISTING_ENTRIES,
	type Page,
	pageCap,
	readPage,
} from './pagination';
import { readRetryAfter } from './retryAfter';

/**
 * Requests in flight by default once the page count is known. n8n-core opens a new connection
 * per request, so a page costs about 3 round trips (TCP, TLS 1.3, the request; 4 with TLS 1.2)
 * where a kept-alive client pays 1: 6 at once bring a page to about half a round trip, ahead of
 * a careful sequential script even with TLS 1.2, while asking Passona for pages only about
 * twice as fast as that script does (npm run bench: docs/performance.md).
 */
export const DEFAULT_PARALLEL_REQUESTS = 6;
export const MAX_PARALLEL_REQUESTS = 8;

/** A 429 asking to wait longer than this fails the listing with Passona's words instead. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** 429s retried in one listing before it fails. */
export const MAX_RATE_LIMIT_RETRIES = 5;

export interface ListingOptions {
	/** Asks for one page and resolves with the parsed body; throws what the caller's request throws. */
	fetchPage: (page: number) => Promise<unknown>;
	/** Receives each page's entries in order; returns false once it wants no more. */
	accept: (entries: unknown[]) => boolean;
	/** Entries still wanted after page 1 (Infinity for all), to ask for no page beyond them. */
	wanted: () => number;
	/** Requests in flight at most; 1 asks for one page after the other, as before this option. */
	parallel: number;
	/** For an error thrown by `fetchPage`: how long Passona asked to wait if it is a 429, else undefined. */
	rateLimitWait?: (error: unknown) => number | undefined;
	/** Turns a malformed page into the caller's error. */
	unexpected: (error: Error) => Error;
	/** The page to start at (1 unless a picker goes on where it stopped) and the last one to ask for. */
	from?: number;
	upTo?: number;
}

function read(options: ListingOptions, body: unknown, page: number): Page {
	try {
		return readPage(body, page);
	} catch (error) {
		throw options.unexpected(error as Error);
	}
}

/** How long a listing waits after a 429: Retry-After, or 1 s when absent or unreadable. */
export function retryAfterMs(value: unknown, now = Date.now()): number {
	return readRetryAfter(value, now) ?? 1000;
}

/**
 * Lists from `from` until Passona has no more, `accept` wants no more, or past `upTo`. Resolves
 * with the next page Passona has that was not asked for (undefined when none is left, or when
 * `accept` said stop).
 */
export async function listAllPages(listing: ListingOptions): Promise<number | undefined> {
	// Every page's entries count towards MAX_LISTING_ENTRIES, whatever the pages announced.
	let received = 0;
	const options: ListingOptions = {
		...listing,
		accept: (entries) => {
			received += entries.length;
			if (received > MAX_LISTING_ENTRIES)
				throw listing.unexpected(new ListingTooLongError(received));
			return listing.accept(entries);
		},
	};
	const from = options.from ?? 1;
	const upTo = options.upTo ?? Infinity;
	const first = read(options, await options.fetchPage(from), from);
	if (!options.accept(first.entries)) return undefined;
	// Refused before asking for more: a list announcing more than a listing reads, all wanted.
	if (
		first.nextPage !== undefined &&
		first.total !== undefined &&
		first.total > MAX_LISTING_ENTRIES &&
		options.wanted() > MAX_LISTING_ENTRIES - received
	) {
		throw options.unexpected(new ListingTooLongError(first.total));
	}
	const cap = pageCap(first);
	let next: number | undefined = first.nextPage;
	const perPage = first.perPage ?? first.entries.length;
	if (options.parallel > 1 && next === from + 1 && first.lastPage !== undefined && perPage > 0) {
		const needed = from + Math.ceil(options.wanted() / perPage);
		const last = Math.min(first.lastPage, cap, needed, upTo);
		if (last > from) next = await parallelPages(options, from, last);
	}
	// Sequential: with one request in flight, and after a parallel run if entries were added meanwhile.
	while (next !== undefined && next <= upTo) {
		if (next > cap) throw options.unexpected(beyondCap(next, cap, first));
		const page: Page = read(options, await options.fetchPage(next), next);
		if (!options.accept(page.entries)) return undefined;
		next = page.nextPage;
	}
	return next;
}

/**
 * Pages from+1..last with at most `options.parallel` requests in flight (halved by each 429, which
 * waits as Passona asks and asks again). Entries are handed on in page order as soon as the pages
 * before them are in; a page that ends the listing early stops further requests. Any other
 * failure stops further requests and is thrown once those in flight have settled (the lowest
 * page's, as one-by-one listing would have met it), so the caller never returns a partial list.
 * Resolves with the page to ask for after `last` when Passona still has more.
 */
async function parallelPages(
	options: ListingOptions,
	from: number,
	last: number,
): Promise<number | undefined> {
	let limit = Math.min(options.parallel, MAX_PARALLEL_REQUESTS);
	let retries = 0;
	let launched = from;
	let inFlight = 0;
	let emitted = from;
	let stopped = false;
	/** Failed pages: the lowest one's error is thrown, as one-by-one listing would have met it first. */
	const failures = new Map<number, unknown>();
	let after: number | undefined;
	const waiting = new Map<number, Page>();
	const queue: number[] = [];
	let wake: (() => void) | undefined;
	const settled = () => {
		wake?.();
		wake = undefined;
	};

	const deliver = () => {
		for (
			let page = waiting.get(emitted + 1);
			page !== undefined && !stopped;
			page = waiting.get(emitted + 1)
		) {
			waiting.delete(emitted + 1);
			emitted += 1;
			if (!options.accept(page.entries) || page.nextPage === undefined) {
				stopped = true;
			} else if (emitted === last) {
				stopped = true;
				after = page.nextPage;
			}
		}
	};

	const run = async (pageNumber: number) => {
		try {
			const page = read(options, await options.fetchPage(pageNumber), pageNumber);
			waiting.set(pageNumber, page);
			deliver();
		} catch (error) {
			const wait = options.rateLimitWait?.(error);
			if (
				wait !== undefined &&
				failures.size === 0 &&
				retries < MAX_RATE_LIMIT_RETRIES &&
				wait <= MAX_RETRY_AFTER_MS
			) {
				retries += 1;
				limit = Math.max(1, Math.floor(limit / 2));
				await sleep(wait);
				queue.unshift(pageNumber);
			} else {
				failures.set(pageNumber, error);
			}
		} finally {
			inFlight -= 1;
			settled();
		}
	};

	for (;;) {
		while (
			failures.size === 0 &&
			!stopped &&
			inFlight < limit &&
			(queue.length > 0 || launched < last)
		) {
			const pageNumber = queue.length > 0 ? (queue.shift() as number) : ++launched;
			inFlight += 1;
			void run(pageNumber);
		}
		if (inFlight === 0) break;
		await new Promise<void>((resolve) => (wake = resolve));
	}
	// Once the list ended before them (a short page, or enough entries), failed pages were never needed.
	if (failures.size > 0 && !stopped) throw failures.get(Math.min(...failures.keys()));
	return after;
}

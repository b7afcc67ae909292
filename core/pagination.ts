/**
 * Laravel-style pages as Passona sends them: { data: [...], links: { next }, meta: { current_page } }.
 * Pure, so the page arithmetic is tested without any HTTP.
 */

/** Passona's page size when this node asks for everything (fewer requests for big groups). */
export const MAX_PAGE_SIZE = 1000;

export class UnexpectedAnswerError extends Error {}

export interface Page {
	entries: unknown[];
	/** The page to ask for next, or undefined when this was the last one. */
	nextPage?: number;
	/** What the page's `meta` says, when it says it plainly (whole numbers). */
	lastPage?: number;
	perPage?: number;
	total?: number;
}

/** Without a `meta.total` to go by, a listing stops with an error after this many pages. */
export const MAX_PAGES_WITHOUT_TOTAL = 1000;

/**
 * The most entries one listing reads (Return All, the Campaign Trigger's list, the node's own
 * lookups), whatever Passona announces: a million items is already more than one n8n run holds
 * comfortably. A list announcing more is refused after its first page; pages bringing more stop it.
 */
export const MAX_LISTING_ENTRIES = 1_000_000;
/** The most pages one listing asks for, whatever Passona announces (pages of one entry each). */
export const MAX_LISTING_PAGES = 10_000;

/** A list longer than a listing reads. Not an UnexpectedAnswerError: the list may be real. */
export class ListingTooLongError extends Error {
	readonly description =
		"With Return All, turn it off and set a Limit. If Passona cannot hold that many, check that the Base URL in the Passona API credential points at Passona's API.";

	constructor(entries: number) {
		super(
			`Passona lists ${entries.toLocaleString('en-GB')} entries here, more than a listing reads (${MAX_LISTING_ENTRIES.toLocaleString('en-GB')})`,
		);
	}
}

function wholeNumber(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function readPage(body: unknown, currentPage: number): Page {
	if (
		body === null ||
		typeof body !== 'object' ||
		!Array.isArray((body as { data?: unknown }).data)
	) {
		throw new UnexpectedAnswerError('Passona sent a page without a "data" list');
	}
	const { data, links, meta } = body as {
		data: unknown[];
		links?: { next?: unknown };
		meta?: Record<string, unknown>;
	};
	const answered = wholeNumber(meta?.current_page);
	if (answered !== undefined && answered !== currentPage) {
		throw new UnexpectedAnswerError(
			`Passona answered the request for page ${currentPage} with page ${answered}`,
		);
	}
	const lastPage = wholeNumber(meta?.last_page);
	const perPage = wholeNumber(meta?.per_page) || undefined;
	const page: Page = { entries: data, lastPage, perPage, total: wholeNumber(meta?.total) };
	const next = links?.next;
	// The server's own figures end the listing too, whatever links.next says: a page shorter than
	// the server's page size, or the last page it announced. (Not "shorter than what was asked":
	// Passona may cap per_page below the node's request.)
	const finished =
		(perPage !== undefined && data.length < perPage) ||
		(lastPage !== undefined && currentPage >= lastPage);
	if (next === null || next === undefined || next === '' || data.length === 0 || finished) {
		return page;
	}
	// Only the page number is taken from Passona's link: requests stay on the credential's host.
	const match = typeof next === 'string' ? /[?&]page=(\d+)/.exec(next) : null;
	const nextPage = match ? Number(match[1]) : currentPage + 1;
	if (nextPage <= currentPage) {
		throw new UnexpectedAnswerError(
			`Passona's page ${currentPage} points back to page ${nextPage}; stopping to avoid a loop`,
		);
	}
	return { ...page, nextPage };
}

/**
 * The highest page number a listing may reach, from its first page: the pages `meta.total` fills
 * at the server's page size, plus slack for entries added while listing (10%, at least 5 pages).
 * A server whose `links.next` never ends is stopped here with an error, never followed forever.
 */
export function pageCap(first: Page): number {
	const perPage = first.perPage ?? first.entries.length;
	if (first.total === undefined || perPage === 0) return MAX_PAGES_WITHOUT_TOTAL;
	const pages = Math.ceil(first.total / perPage);
	return Math.min(pages + Math.max(5, Math.ceil(pages / 10)), MAX_LISTING_PAGES);
}

export function beyondCap(page: number, cap: number, first: Page): UnexpectedAnswerError {
	const announced =
		first.total === undefined
			? 'without saying how many entries there are'
			: `after announcing ${first.total} entries`;
	return new UnexpectedAnswerError(
		`Passona kept sending pages ${announced} (page ${page}, more than the ${cap} this listing allows); stopping instead of listing forever`,
	);
}

/**
 * The page size for a whole listing. It stays the same on every page, because Passona (Laravel)
 * starts page N at row (N - 1) x per_page: changing it between pages would repeat or skip rows.
 * With a Limit, the pages are as few as possible and fetch as little beyond it as possible
 * (Limit 1,500: two pages of 750).
 */
export function pageSize(limit: number): number {
	if (!Number.isFinite(limit)) return MAX_PAGE_SIZE;
	// min: for a huge Limit (1.2e248) the division rounds to just over 1,000 (found by the fixed seed).
	return Math.min(MAX_PAGE_SIZE, Math.ceil(limit / Math.ceil(limit / MAX_PAGE_SIZE)));
}

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
}

export function readPage(body: unknown, currentPage: number): Page {
	if (body === null || typeof body !== 'object' || !Array.isArray((body as { data?: unknown }).data)) {
		throw new UnexpectedAnswerError('Passona sent a page without a "data" list');
	}
	const { data, links } = body as { data: unknown[]; links?: { next?: unknown } };
	const next = links?.next;
	if (next === null || next === undefined || next === '' || data.length === 0) {
		return { entries: data };
	}
	// Only the page number is taken from Passona's link: requests stay on the credential's host.
	const match = typeof next === 'string' ? /[?&]page=(\d+)/.exec(next) : null;
	const nextPage = match ? Number(match[1]) : currentPage + 1;
	if (nextPage <= currentPage) {
		throw new UnexpectedAnswerError(
			`Passona's page ${currentPage} points back to page ${nextPage}; stopping to avoid a loop`,
		);
	}
	return { entries: data, nextPage };
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

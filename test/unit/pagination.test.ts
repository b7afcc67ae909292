import {
	MAX_PAGE_SIZE,
	MAX_PAGES_WITHOUT_TOTAL,
	pageCap,
	pageSize,
	readPage,
} from '../../core/pagination';
import { normaliseBaseUrl } from '../../core/transport';

describe('readPage', () => {
	test('takes the next page number from links.next, never its host', () => {
		expect(
			readPage(
				{ data: [1], links: { next: 'http://other.host/api/2.0/keywords?per_page=5&page=4' } },
				3,
			),
		).toEqual({
			entries: [1],
			nextPage: 4,
		});
	});

	test('falls back to the following page when links.next has no page number', () => {
		expect(
			readPage({ data: [1], links: { next: 'https://x/keywords?cursor=abc' } }, 1).nextPage,
		).toBe(2);
	});

	test('stops on a null next, a missing links block or an empty page', () => {
		expect(readPage({ data: [1], links: { next: null } }, 1).nextPage).toBeUndefined();
		expect(readPage({ data: [1] }, 1).nextPage).toBeUndefined();
		expect(
			readPage({ data: [], links: { next: 'https://x/?page=2' } }, 1).nextPage,
		).toBeUndefined();
	});

	test("stops on the server's own figures whatever links.next says", () => {
		const next = { next: 'https://x/?page=3' };
		// Shorter than the server's page size (not than what was asked: Passona may cap per_page).
		expect(
			readPage({ data: [1], links: next, meta: { current_page: 2, per_page: 2, last_page: 9 } }, 2)
				.nextPage,
		).toBeUndefined();
		expect(
			readPage(
				{ data: [1, 2], links: next, meta: { current_page: 2, per_page: 2, last_page: 9 } },
				2,
			).nextPage,
		).toBe(3);
		// At or past the last page it announced.
		expect(
			readPage(
				{ data: [1, 2], links: next, meta: { current_page: 2, per_page: 2, last_page: 2 } },
				2,
			).nextPage,
		).toBeUndefined();
		expect(
			readPage(
				{ data: [1, 2], links: next, meta: { current_page: 2, per_page: 2, last_page: 1 } },
				2,
			).nextPage,
		).toBeUndefined();
	});

	test('refuses a page that says it is another page', () => {
		expect(() => readPage({ data: [1], meta: { current_page: 3 } }, 2)).toThrow(
			'request for page 2 with page 3',
		);
	});

	test('pageCap: the pages meta.total fills at the server page size, plus 10% (at least 5)', () => {
		expect(pageCap({ entries: [1, 2], perPage: 2, total: 20 })).toBe(15);
		expect(pageCap({ entries: [], perPage: 1000, total: 100_000 })).toBe(110);
		expect(pageCap({ entries: [1, 2], total: 20 })).toBe(15);
		expect(pageCap({ entries: [1] })).toBe(MAX_PAGES_WITHOUT_TOTAL);
	});

	test('refuses pages without data and links that point backwards', () => {
		expect(() => readPage({ data: 'x' }, 1)).toThrow('without a "data" list');
		expect(() => readPage('', 1)).toThrow('without a "data" list');
		expect(() => readPage({ data: [1], links: { next: 'https://x/?page=2' } }, 2)).toThrow(
			'points back to page 2',
		);
	});
});

test('pageSize is fixed for a listing: the Limit itself up to 1,000, then even pages', () => {
	expect(pageSize(50)).toBe(50);
	expect(pageSize(1000)).toBe(1000);
	expect(pageSize(1500)).toBe(750);
	expect(pageSize(2345)).toBe(782);
	expect(pageSize(Infinity)).toBe(MAX_PAGE_SIZE);
});

test('normaliseBaseUrl trims spaces and trailing slashes and refuses what is not a link', () => {
	expect(normaliseBaseUrl(' https://passona.co.uk/api/2.0/// ')).toBe(
		'https://passona.co.uk/api/2.0',
	);
	expect(normaliseBaseUrl('passona.co.uk')).toBeUndefined();
	expect(normaliseBaseUrl(undefined)).toBeUndefined();
});

test('pageSize never exceeds 1,000, even for a Limit so large the division rounds up (fast-check seed 20261123)', () => {
	expect(pageSize(1.224680062322196e248)).toBe(MAX_PAGE_SIZE);
	expect(pageSize(Number.MAX_SAFE_INTEGER)).toBeLessThanOrEqual(MAX_PAGE_SIZE);
	expect(pageSize(Number.MAX_VALUE)).toBeLessThanOrEqual(MAX_PAGE_SIZE);
});

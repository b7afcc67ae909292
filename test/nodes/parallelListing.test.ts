/**
 * Listing through n8n's engine with several pages in flight (Options → Parallel Requests), and
 * bounded against a server whose `links.next` never ends. Every nock page answers only its own
 * page number, so nothing here depends on the order parallel requests arrive in, unless asserted.
 */
import nock from 'nock';
import { BASE_URL, runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock, refusedBeforeSending } from '../support/passonaMock';
import { contact, GROUP_UUID, page } from '../fixtures/passona';
import { byId } from '../../harness/locators';

const OTHER = '22222222-2222-4222-8222-222222222222';
const listPath = (id: string) => `/contact-groups/${id}/list-contacts`;
const path = listPath(GROUP_UUID);
const getContacts = {
	resource: 'contactGroup',
	operation: 'getContacts',
	contactGroup: byId(GROUP_UUID),
	returnAll: true,
};
const json = { 'Content-Type': 'application/json' };

/** Pages of `perPage` contacts numbered 1..total, each answered once unless `skip` says not to register it. */
function contactPages(
	passona: PassonaMock,
	total: number,
	perPage: number,
	skip: number[] = [],
	path = listPath(GROUP_UUID),
	upTo = Infinity,
) {
	const last = Math.ceil(total / perPage);
	for (let n = 1; n <= Math.min(last, upTo); n++) {
		if (skip.includes(n)) continue;
		const rows = Array.from({ length: Math.min(perPage, total - (n - 1) * perPage) }, (_, i) =>
			contact((n - 1) * perPage + i + 1),
		);
		passona.reply('GET', path, 200, page(path, rows, n, last, perPage));
	}
	return Array.from({ length: total }, (_, i) => contact(i + 1));
}

/** A 429 (Retry-After: 0) for the first request for page `n`, before its own page answers. */
function rateLimit(n: number) {
	const url = new URL(BASE_URL);
	return nock(url.origin)
		.get(`${url.pathname}${path}`)
		.query((query) => query.page === String(n))
		.reply(429, { message: 'Too Many Attempts.' }, { ...json, 'Retry-After': '0' });
}

const pagesAsked = (passona: PassonaMock) =>
	passona.requests.map((request) => Number(request.query.page));
const sorted = (numbers: number[]) => [...numbers].sort((a, b) => a - b);
const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Return All with pages in parallel', () => {
	test('by default: page 1, then every other page once, output in Passona order', async () => {
		const passona = new PassonaMock();
		const all = contactPages(passona, 19, 2);
		const { items, error } = await runPassona({ parameters: getContacts });
		expect(error).toBeUndefined();
		expect(pagesAsked(passona)[0]).toBe(1);
		expect(sorted(pagesAsked(passona))).toEqual(range(1, 10));
		expect(
			passona.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`),
		).toBe(true);
		expect(passona.requests.every((request) => request.query.per_page === '1000')).toBe(true);
		expect(items.map((item) => item.json)).toEqual(all);
	});

	test('a large Limit asks only for the pages it needs, in parallel', async () => {
		const passona = new PassonaMock();
		const all = contactPages(passona, 40, 4);
		const { items } = await runPassona({
			parameters: { ...getContacts, returnAll: false, limit: 2500 },
		});
		// Limit 2,500 asks pages of 834; this server caps them at 4, so 40 rows fill 10 pages.
		expect(sorted(pagesAsked(passona))).toEqual(range(1, 10));
		expect(passona.requests.every((request) => request.query.per_page === '834')).toBe(true);
		expect(items.map((item) => item.json)).toEqual(all);
		nock.cleanAll();

		const limited = new PassonaMock();
		contactPages(limited, 40, 4, [], path, 1);
		const { items: first } = await runPassona({
			parameters: { ...getContacts, returnAll: false, limit: 2 },
		});
		expect(pagesAsked(limited)).toEqual([1]);
		expect(first).toHaveLength(2);
		nock.cleanAll();

		const some = new PassonaMock();
		contactPages(some, 40, 4, [], path, 3);
		const { items: eleven } = await runPassona({
			parameters: { ...getContacts, returnAll: false, limit: 11 },
		});
		// Limit 11 asks for pages of 11; at 4 a page, 3 pages hold them.
		expect(sorted(pagesAsked(some))).toEqual([1, 2, 3]);
		expect(eleven.map((item) => item.json)).toEqual(all.slice(0, 11));
	});

	test('a 429 in the middle waits as Passona asks, asks again, and the list is whole', async () => {
		const tooMany = rateLimit(3);
		const passona = new PassonaMock();
		const all = contactPages(passona, 19, 2);
		const { items, error } = await runPassona({ parameters: getContacts });
		expect(error).toBeUndefined();
		expect(tooMany.isDone()).toBe(true);
		expect(items.map((item) => item.json)).toEqual(all);
		expect(sorted(pagesAsked(passona))).toEqual(range(1, 10));
	});

	test("with Parallel Requests at 1, a 429 is waited out by the run's pacing, and the list is whole", async () => {
		const tooMany = rateLimit(2);
		const passona = new PassonaMock();
		const all = contactPages(passona, 6, 2);
		const { items, error } = await runPassona({
			parameters: { ...getContacts, options: { parallelRequests: 1 } },
		});
		expect(error).toBeUndefined();
		expect(tooMany.isDone()).toBe(true);
		expect(items.map((item) => item.json)).toEqual(all);
		expect(pagesAsked(passona)).toEqual([1, 2, 3]);
	});

	test('a failure in the middle fails the item with no partial list; Continue On Fail keeps the other items whole', async () => {
		const broken = new PassonaMock();
		contactPages(broken, 19, 2, [4]);
		broken.reply('GET', path, 500, { message: 'Server Error' });
		const { items, error } = await runPassona({ parameters: getContacts });
		expect(items).toEqual([]);
		expect(error?.message).toBe('Passona had a problem on its side (HTTP 500)');
		expect(new Set(pagesAsked(broken)).size).toBe(broken.requests.length);
		nock.cleanAll(); // the pages never asked for, after the failure

		const passona = new PassonaMock();
		contactPages(passona, 19, 2, [4]);
		passona.reply('GET', path, 500, { message: 'Server Error' });
		const whole = contactPages(passona, 3, 1, [], listPath(OTHER));
		const parameters = { ...getContacts, contactGroup: byId('={{ $json.id }}') };
		const result = await runPassona({
			parameters,
			items: [{ id: GROUP_UUID }, { id: OTHER }],
			onError: 'continueRegularOutput',
		});
		expect(result.items[0].error?.message).toBe('Passona had a problem on its side (HTTP 500)');
		expect(result.items.slice(1).map((item) => item.json)).toEqual(whole);
		nock.cleanAll();
	});

	test('Parallel Requests outside 1 to 8 is refused before any request', async () => {
		const error = await refusedBeforeSending({
			parameters: { ...getContacts, options: { parallelRequests: 9 } },
		});
		expect(error.message).toMatch(/"Parallel Requests" must be a whole number from 1 to 8, got 9/);
	});
});

describe('a server whose links.next never ends', () => {
	/** Answers every page with two entries, a next link and `meta(n)`, for as long as asked. */
	function endless(meta: (n: number) => Record<string, unknown>) {
		const asked: number[] = [];
		const url = new URL(BASE_URL);
		nock(url.origin)
			.persist()
			.get(`${url.pathname}${path}`)
			.query(true)
			.reply((uri) => {
				const n = Number(new URL(uri, 'http://x').searchParams.get('page'));
				asked.push(n);
				return [
					200,
					{
						data: [contact(2 * n - 1), contact(2 * n)],
						links: { next: `${BASE_URL}${path}?page=${n + 1}` },
						meta: meta(n),
					},
				];
			});
		return asked;
	}

	test.each([1, 4])('stops at meta.last_page (%i in flight)', async (parallelRequests) => {
		const asked = endless((n) => ({ current_page: n, last_page: 3, per_page: 2, total: 6 }));
		const { items, error } = await runPassona({
			parameters: { ...getContacts, options: { parallelRequests } },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(6);
		expect(sorted(asked)).toEqual([1, 2, 3]);
	});

	test('stops at a page shorter than the server says its pages are', async () => {
		const asked = endless((n) => ({ current_page: n, last_page: 1e6, per_page: 100, total: 1e8 }));
		const { items } = await runPassona({ parameters: getContacts });
		expect(items).toHaveLength(2);
		expect(asked).toEqual([1]);
	});

	test('Return All on a list announcing 10^9 entries fails the item after its first page, in words', async () => {
		const asked = endless((n) => ({ current_page: n, last_page: 5e8, per_page: 2, total: 1e9 }));
		const { items, error } = await runPassona({ parameters: getContacts });
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'Passona lists 1,000,000,000 entries here, more than a listing reads (1,000,000)',
		);
		expect(error?.description).toBe(
			"With Return All, turn it off and set a Limit. If Passona cannot hold that many, check that the Base URL in the Passona API credential points at Passona's API.",
		);
		expect(error?.context?.itemIndex).toBe(0);
		expect(asked).toEqual([1]);
	});

	test('fails the item past the pages meta.total allows, plus slack', async () => {
		const asked = endless((n) => ({ current_page: n, last_page: 1e6, per_page: 2, total: 20 }));
		const { items, error } = await runPassona({ parameters: getContacts });
		expect(items).toEqual([]);
		expect(error?.message).toBe('Passona sent an answer this node does not understand');
		expect(error?.description).toMatch(
			/^Passona kept sending pages after announcing 20 entries \(page 16, more than the 15/,
		);
		expect(sorted(asked)).toEqual(range(1, 15));
	});
});

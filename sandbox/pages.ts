// Laravel's length-aware pages, the shape of every Passona list. The sandbox answers its lists with
// them, and the tests' nock fixtures build their pages here too (test/fixtures/passona.ts): one
// page shape for both.
import { Validator } from './validation';

interface PageRequest {
	page: number;
	perPage: number;
	/** Whether per_page was given, so that the page links keep it. */
	explicitPerPage: boolean;
}

const MAX_PER_PAGE = 1000;

/** Reads ?page and ?per_page; per_page above 1000 is clamped, anything not a positive integer is a 422. */
export function parsePage(query: URLSearchParams, defaultPerPage: number): PageRequest {
	const validator = new Validator({});
	const read = (field: string, fallback: number): number => {
		const raw = query.get(field);
		if (raw === null || raw === '') return fallback;
		if (!/^\d+$/.test(raw.trim())) {
			validator.add(field, `The ${field} field must be an integer.`);
			return fallback;
		}
		const value = Number(raw);
		if (value < 1) validator.add(field, `The ${field} field must be at least 1.`);
		return value;
	};
	const page = read('page', 1);
	const perPage = read('per_page', defaultPerPage);
	validator.check();
	const explicitPerPage = query.get('per_page') !== null && query.get('per_page') !== '';
	return { page, perPage: Math.min(perPage, MAX_PER_PAGE), explicitPerPage };
}

interface Page<T> {
	data: T[];
	links: { first: string; last: string; prev: string | null; next: string | null };
	meta: {
		current_page: number;
		from: number | null;
		last_page: number;
		path: string;
		per_page: number;
		to: number | null;
		total: number;
	};
}

/** The page `request.page` of a list of `total` rows at `path`, its own rows being `data`. */
export function laravelPage<T>(
	data: T[],
	request: PageRequest,
	total: number,
	path: string,
): Page<T> {
	const { page, perPage } = request;
	const offset = (page - 1) * perPage;
	const lastPage = Math.max(1, Math.ceil(total / perPage));
	const link = (n: number) =>
		`${path}?page=${n}${request.explicitPerPage ? `&per_page=${perPage}` : ''}`;
	return {
		data,
		links: {
			first: link(1),
			last: link(lastPage),
			prev: page > 1 ? link(page - 1) : null,
			next: page < lastPage ? link(page + 1) : null,
		},
		meta: {
			current_page: page,
			from: data.length ? offset + 1 : null,
			last_page: lastPage,
			path,
			per_page: perPage,
			to: data.length ? offset + data.length : null,
			total,
		},
	};
}

/** A Laravel length-aware page of `items` (anything iterable with a known size). */
export function paginate<S, T>(
	items: Iterable<S>,
	total: number,
	request: PageRequest,
	path: string,
	map: (item: S) => T,
): Page<T> {
	const offset = (request.page - 1) * request.perPage;
	const data: T[] = [];
	if (offset < total) {
		let index = 0;
		for (const item of items) {
			if (index >= offset + request.perPage) break;
			if (index >= offset) data.push(map(item));
			index++;
		}
	}
	return laravelPage(data, request, total, path);
}

/**
 * nock standing in for Passona: every request is recorded exactly as it left n8n
 * (method, path, query, the headers that matter, parsed body) for whole-list assertions.
 */
import nock from 'nock';
import { BASE_URL, runPassona, type RunOptions, type RunResult } from '../../harness/engine';
import { recordSecretSent } from '../../harness/secretsSent';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: { authorization?: string; accept?: string; 'content-type'?: string };
	body?: unknown;
}

type ReplyHeaders = Record<string, string>;

export class PassonaMock {
	readonly requests: RecordedRequest[] = [];

	private readonly origin: string;

	private readonly basePath: string;

	constructor(readonly baseUrl: string = BASE_URL) {
		const url = new URL(baseUrl);
		this.origin = url.origin;
		this.basePath = url.pathname.replace(/\/+$/, '');
	}

	/** Answers the next request to `method path` (any query) with `status` and `body`. */
	reply(
		method: string,
		path: string,
		status: number,
		body?: unknown,
		headers?: ReplyHeaders,
	): this {
		return this.intercept(method, path, status, body, headers);
	}

	/**
	 * Like `reply`, but the answer waits for `release()`: for polls that overlap, the test decides
	 * which answer arrives first. `arrived` settles once the request is in (and recorded).
	 */
	hold(
		method: string,
		path: string,
		status: number,
		body?: unknown,
	): { arrived: Promise<void>; release: () => void } {
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		let arrive!: () => void;
		const arrived = new Promise<void>((resolve) => (arrive = resolve));
		this.intercept(method, path, status, body, undefined, async () => {
			arrive();
			await released;
		});
		return { arrived, release };
	}

	private intercept(
		method: string,
		path: string,
		status: number,
		body: unknown,
		headers: ReplyHeaders | undefined,
		before?: () => Promise<void>,
	): this {
		const requests = this.requests;
		const basePath = this.basePath;
		nock(this.origin)
			.intercept(`${basePath}${path}`, method.toUpperCase())
			.query(forPage(body))
			.reply(function (uri, requestBody) {
				const url = new URL(uri, 'http://recorded');
				const query: RecordedRequest['query'] = {};
				for (const key of url.searchParams.keys()) {
					const values = url.searchParams.getAll(key);
					query[key] = values.length === 1 ? values[0] : values;
				}
				const pick = (name: string) => {
					const value = this.req.headers[name];
					return Array.isArray(value) ? value.join(', ') : value;
				};
				const recorded: RecordedRequest = {
					method: this.req.method ?? method.toUpperCase(),
					path: url.pathname.slice(basePath.length),
					query,
					headers: {
						authorization: pick('authorization'),
						accept: pick('accept'),
						'content-type': pick('content-type'),
					},
					body: parseBody(requestBody),
				};
				requests.push(recorded);
				recordSecretSent(recorded.method, recorded.path, status, recorded.body);
				const answer: [number, unknown, ReplyHeaders] = [
					status,
					body === undefined ? '' : body,
					headers ?? { 'Content-Type': 'application/json' },
				];
				return before ? before().then(() => answer) : answer;
			});
		return this;
	}

	/** Fails the next request to `method path` at the network level. */
	networkError(method: string, path: string, code = 'ECONNRESET'): this {
		nock(this.origin)
			.intercept(`${this.basePath}${path}`, method.toUpperCase())
			.query(true)
			.replyWithError(Object.assign(new Error(`socket hang up (${code})`), { code }));
		return this;
	}
}

/**
 * A Laravel page answers only the request for its own page number (`meta.current_page`), so
 * pages listed several at a time meet the right answer whatever order their requests arrive in.
 */
function forPage(body: unknown): true | ((query: Record<string, unknown>) => boolean) {
	const current = (body as { meta?: { current_page?: unknown } } | undefined)?.meta?.current_page;
	if (typeof current !== 'number') return true;
	return (query) => String(query.page ?? '1') === String(current);
}

function parseBody(body: unknown): unknown {
	if (body === undefined || body === '') return undefined;
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/**
 * Runs the node with no answer prepared and expects it to refuse the input itself: no request
 * sent, no item put out, the workflow stopped by an error, which is returned for its words.
 */
export async function refusedBeforeSending(
	options: RunOptions,
): Promise<NonNullable<RunResult['error']>> {
	const passona = new PassonaMock();
	// With nothing prepared, a request would match no interceptor: nock reports it here.
	const unanswered: string[] = [];
	const onNoMatch = (request: { method?: string; path?: string }) =>
		unanswered.push(`${request.method} ${request.path}`);
	nock.emitter.on('no match', onNoMatch);
	let result: RunResult;
	try {
		result = await runPassona(options);
	} finally {
		nock.emitter.removeListener('no match', onNoMatch);
	}
	const { items, error } = result;
	expect(unanswered).toEqual([]);
	expect(passona.requests).toEqual([]);
	expect(items).toEqual([]);
	expect(error).toBeDefined();
	return error!;
}

/** Headers every Passona request must carry. */
export const sentHeaders = (token: string) => ({
	authorization: `Bearer ${token}`,
	accept: 'application/json',
	'content-type': 'application/json',
});

/**
 * Answers every request to Passona with a plausible success until `stop()` (for generated input:
 * which requests a case makes is what is under test, so none are prepared one by one).
 */
export function answerEverything(baseUrl: string = BASE_URL): {
	requests: RecordedRequest[];
	stop: () => void;
} {
	const url = new URL(baseUrl);
	const basePath = url.pathname.replace(/\/+$/, '');
	const requests: RecordedRequest[] = [];
	const scope = nock(url.origin).persist();
	for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
		scope
			.intercept(/.*/, method)
			.query(true)
			.reply(function (uri, requestBody) {
				const recorded = new URL(uri, 'http://recorded');
				const path = recorded.pathname.slice(basePath.length);
				requests.push({
					method,
					path,
					query: Object.fromEntries(recorded.searchParams),
					headers: {},
					body: parseBody(requestBody),
				});
				if (method === 'DELETE') return [204, ''];
				if (path === '/contact-groups/unique-contacts') {
					return [200, { data: [{ phone_number: '447700900001', created_at: '' }] }];
				}
				if (method === 'GET' && path === '/contact-groups') {
					// The team's opt-out group, for the lookups of Create, Update, Get Audience and Sync Groups.
					const optouts = { uuid: '0d4c8f2a-3b1e-4a5c-8d9f-1e2a3b4c5d6e', name: 'default_optouts' };
					return [200, { data: [{ uuid: 'listed' }, optouts], links: { next: null } }];
				}
				if (method === 'GET' && /^\/(keywords|webhooks)$|\/list-contacts$/.test(path)) {
					return [200, { data: [{ uuid: 'listed' }], links: { next: null } }];
				}
				return [200, { data: { uuid: 'answered' } }];
			});
	}
	return {
		requests,
		stop: () => {
			scope.persist(false);
			nock.cleanAll();
		},
	};
}

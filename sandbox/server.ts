// The HTTP side: bearer auth, routing (/api/2.0 and /_sandbox), faults, the request log, JSON answers.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { apiRoutes } from './api';
import { sendingControlRoutes, sendingRoutes } from './sendingApi';
import { API_PREFIX, type Reply, type Route } from './context';
import {
	type ControlContext,
	controlRoutes,
	type Fault,
	type RequestLogEntry,
	SandboxState,
} from './control';
import { moreApiRoutes, moreControlRoutes } from './links';
import type { SandboxStore } from './store';
import { HttpError, isObject, type JsonObject } from './validation';

export const CONTROL_PREFIX = '/_sandbox';
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** How often Node checks connections against the headers and request timeouts (its default is 30 s). */
const TIMEOUT_CHECK_MS = 1000;

// Built once. Under each prefix every array owns its first path segments (contact-groups, links,
// campaigns…), so no two arrays match the same path and their order does not matter.
const API_ROUTES: Route<ControlContext>[] = [...apiRoutes, ...sendingRoutes, ...moreApiRoutes];
const CONTROL_ROUTES: Route<ControlContext>[] = [
	...controlRoutes,
	...moreControlRoutes,
	...sendingControlRoutes,
];

export interface ServerOptions {
	store: SandboxStore;
	token: string;
	state: SandboxState;
}

export function createSandboxServer(options: ServerOptions): Server {
	return createServer({ connectionsCheckingInterval: TIMEOUT_CHECK_MS }, (req, res) => {
		handle(req, res, options).catch((error) => {
			// Only a bug lands here: answer 500 rather than hanging the client.
			if (!res.headersSent)
				send(res, { status: 500, body: { message: `Sandbox error: ${error?.message}` } });
			else res.destroy();
		});
	});
}

async function handle(
	req: IncomingMessage,
	res: ServerResponse,
	{ store, token, state }: ServerOptions,
): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
	const method = (req.method ?? 'GET').toUpperCase();
	const prefix = [API_PREFIX, CONTROL_PREFIX].find(
		(p) => url.pathname === p || url.pathname.startsWith(`${p}/`),
	);
	if (!prefix) return send(unread(res), { status: 404, body: { message: 'Not found' } });

	const path = url.pathname.slice(prefix.length).replace(/\/+$/, '');
	const isApi = prefix === API_PREFIX;
	const log: RequestLogEntry | undefined = isApi
		? state.logRequest({ method, path, query: queryObject(url.searchParams), status: null })
		: undefined;
	const reply = (answer: Reply) => {
		if (log) log.status = answer.status;
		send(res, answer);
	};

	// The token is checked before any of the body is read: an unauthenticated body is never read.
	if (!authorised(req.headers.authorization, token)) {
		unread(res);
		return reply({ status: 401, body: { message: 'Unauthenticated.' } });
	}
	// In flight from here (the request read) until its answer is sent or the connection drops.
	if (isApi) res.once('close', state.traffic.started());
	const rawBody = await readBody(req);

	let fault: Fault | undefined;
	let limitHeaders: Record<string, string> = {};
	if (isApi) {
		const { latencyMs } = state.traffic;
		if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
		const throttle = state.traffic.take(token);
		if (!throttle.allowed) {
			return reply({
				status: 429,
				body: { message: 'Too Many Attempts.' },
				headers: throttle.headers,
			});
		}
		limitHeaders = throttle.headers;
		fault = state.takeFault(method, path, rawBody);
		// "act, then lose the answer": the request is carried out below and its answer replaced.
		if (fault && !fault.act) return applyFault(fault, req, res, log!);
	}

	let parsed: JsonObject | undefined;
	const ctx: ControlContext = {
		method,
		path,
		params: [],
		query: url.searchParams,
		origin: `http://${req.headers.host ?? 'localhost'}`,
		store,
		state,
		body: () => (parsed ??= parseJson(rawBody)),
	};
	// Campaigns start and finish on the sandbox's clock, brought up to date before every request.
	store.sending.tick();
	let answer: Reply;
	try {
		answer = await route(isApi ? API_ROUTES : CONTROL_ROUTES, ctx);
	} catch (error) {
		if (!(error instanceof HttpError)) throw error;
		answer = { status: error.status, body: error.body, headers: error.headers };
	}
	if (fault) return applyFault(fault, req, res, log!);
	reply({ ...answer, headers: { ...limitHeaders, ...answer.headers } });
}

async function route(routes: Route<ControlContext>[], ctx: ControlContext): Promise<Reply> {
	for (const candidate of routes) {
		const match = candidate.pattern.exec(ctx.path);
		if (!match) continue;
		const handler = candidate.methods[ctx.method];
		if (!handler) {
			const allowed = Object.keys(candidate.methods).join(', ');
			throw new HttpError(
				405,
				{
					message: `The ${ctx.method} method is not supported for this route. Supported methods: ${allowed}.`,
				},
				{ Allow: allowed },
			);
		}
		try {
			ctx.params = match.slice(1).map(decodeURIComponent);
		} catch {
			throw new HttpError(404, { message: 'Not found' });
		}
		return handler(ctx);
	}
	throw new HttpError(404, { message: 'Not found' });
}

/** An answer given without reading the body: the connection closes after it, dropping the rest. */
function unread(res: ServerResponse): ServerResponse {
	res.setHeader('Connection', 'close');
	return res;
}

function authorised(header: string | undefined, token: string): boolean {
	const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
	if (!match) return false;
	const given = Buffer.from(match[1].trim());
	const expected = Buffer.from(token);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('Request body too large'));
				req.destroy();
			} else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(raw: string): JsonObject {
	if (raw.trim() === '') return {};
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		const message = 'The request body must be valid JSON.';
		throw new HttpError(422, { message, errors: { body: [message] } });
	}
	if (!isObject(value)) {
		const message = 'The request body must be a JSON object.';
		throw new HttpError(422, { message, errors: { body: [message] } });
	}
	return value;
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	return query;
}

function send(res: ServerResponse, reply: Reply): void {
	const headers: Record<string, string> = { ...reply.headers };
	if (reply.status === 204 || reply.body === undefined) {
		res.writeHead(reply.status, headers).end();
		return;
	}
	const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
	const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
	if (!hasType) headers['Content-Type'] = 'application/json';
	res.writeHead(reply.status, headers).end(text);
}

function applyFault(
	fault: Fault,
	req: IncomingMessage,
	res: ServerResponse,
	log: RequestLogEntry,
): void {
	const act = () => {
		switch (fault.mode) {
			case 'reset':
				req.socket.destroy();
				return;
			case 'timeout':
				return; // never answered; close() drops the connection
			case 'invalid-json':
				log.status = fault.status;
				send(res, { status: fault.status, body: '{"data": {"uuid": ', headers: fault.headers });
				return;
			case 'empty':
				log.status = fault.status;
				res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers }).end();
				return;
			default:
				log.status = fault.status;
				send(res, {
					status: fault.status,
					body:
						fault.body === undefined ? { message: `Sandbox fault (${fault.status})` } : fault.body,
					headers: fault.headers,
				});
		}
	};
	if (fault.delayMs > 0) setTimeout(act, fault.delayMs).unref();
	else act();
}

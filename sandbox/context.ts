// What a route handler gets and gives back, and the routing table's shape.
import type { SandboxStore } from './store';
import { HttpError, type JsonObject } from './validation';

export interface Reply {
	status: number;
	/** Sent as JSON; a string is sent as it is. Absent for 204. */
	body?: unknown;
	headers?: Record<string, string>;
}

export interface Context {
	method: string;
	/** The path after the prefix (/api/2.0 or /_sandbox), without a trailing slash. */
	path: string;
	/** The route pattern's captures (uuids). */
	params: string[];
	query: URLSearchParams;
	/** e.g. http://127.0.0.1:8787, for the links in answers. */
	origin: string;
	store: SandboxStore;
	/** The JSON body as an object ({} when empty); invalid JSON is a 422. */
	body(): JsonObject;
}

export type Handler<C extends Context = Context> = (ctx: C) => Reply | Promise<Reply>;

export interface Route<C extends Context = Context> {
	pattern: RegExp;
	methods: Record<string, Handler<C>>;
}

export const ok = (data: unknown, status = 200): Reply => ({ status, body: { data } });
export const noContent = (): Reply => ({ status: 204 });

/** Laravel's answer for a missing model: `No query results for model [ContactGroup] <uuid>`. */
export function find<T>(map: ReadonlyMap<string, T>, uuid: string, model: string): T {
	const item = map.get(uuid);
	if (item === undefined)
		throw new HttpError(404, { message: `No query results for model [${model}] ${uuid}` });
	return item;
}

export const API_PREFIX = '/api/2.0';

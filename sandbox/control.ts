// Sandbox-only endpoints under /_sandbox: locks, inbound SMS simulation, faults, request log, reset.
import { randomUUID } from 'node:crypto';
import { type Context, find, noContent, ok, type Reply, type Route } from './context';
import { contactGroupJson } from './api';
import { type RateLimit, Traffic } from './traffic';
import type { SandboxStore } from './store';
import { isObject, Validator } from './validation';

export type FaultMode = 'status' | 'reset' | 'timeout' | 'invalid-json' | 'empty';
const FAULT_MODES: FaultMode[] = ['status', 'reset', 'timeout', 'invalid-json', 'empty'];

export interface Fault {
	id: string;
	method: string | null;
	path: string;
	/** A regular expression the raw request body must match too (null: any body). */
	bodyMatch: string | null;
	status: number;
	body: unknown;
	headers: Record<string, string>;
	/** How many more matching requests it applies to. */
	times: number;
	delayMs: number;
	mode: FaultMode;
	/** Carry the request out first, then answer with the fault: Passona acted, the answer was lost. */
	act: boolean;
}

export interface RequestLogEntry {
	method: string;
	/** The path after /api/2.0, as the faults match it. */
	path: string;
	query: Record<string, string | string[]>;
	/** null when no answer was sent (a reset or timeout fault). */
	status: number | null;
}

const REQUEST_LOG_SIZE = 1000;
const WEBHOOK_TIMEOUT_MS = 5000;

/** Faults, the request log, the rate limit, and a signal aborted on close (for webhook deliveries). */
export class SandboxState {
	faults: Fault[] = [];
	requests: RequestLogEntry[] = [];
	readonly closing = new AbortController();
	readonly traffic: Traffic;

	constructor(rateLimit: RateLimit | null) {
		this.traffic = new Traffic(rateLimit);
	}

	/** The first fault matching the request, used up by one. */
	takeFault(method: string, path: string, body: string): Fault | undefined {
		const fault = this.faults.find(
			(candidate) =>
				(candidate.method === null || candidate.method === method) &&
				new RegExp(candidate.path).test(path) &&
				(candidate.bodyMatch === null || new RegExp(candidate.bodyMatch).test(body)),
		);
		if (!fault) return undefined;
		fault.times--;
		if (fault.times <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
		return fault;
	}

	/** The store emptied, the faults and request log cleared, the rate windows and counters fresh. */
	reset(store: SandboxStore): void {
		store.reset();
		this.faults = [];
		this.requests = [];
		this.traffic.reset();
	}

	logRequest(entry: RequestLogEntry): RequestLogEntry {
		this.requests.push(entry);
		if (this.requests.length > REQUEST_LOG_SIZE)
			this.requests.splice(0, this.requests.length - REQUEST_LOG_SIZE);
		return entry;
	}
}

export interface ControlContext extends Context {
	state: SandboxState;
}

function registerFault(ctx: ControlContext): Reply {
	const body = ctx.body();
	const v = new Validator(body);
	const method = v.string('method', { max: 10 });
	const path = v.string('path', { required: true });
	const bodyMatch = v.string('bodyMatch');
	for (const [field, pattern] of [
		['path', path],
		['bodyMatch', bodyMatch],
	] as const) {
		if (pattern === undefined) continue;
		try {
			new RegExp(pattern);
		} catch {
			v.add(field, `The ${field} field must be a valid regular expression.`);
		}
	}
	const mode = (v.string('mode') || 'status') as FaultMode;
	if (!FAULT_MODES.includes(mode))
		v.add('mode', `The selected mode is invalid (one of ${FAULT_MODES.join(', ')}).`);
	const needsStatus = mode === 'status';
	const status = integer(v, 'status', {
		min: 100,
		max: 599,
		fallback: needsStatus ? undefined : 200,
	});
	const times = integer(v, 'times', { min: 1, max: 1_000_000, fallback: 1 });
	const delayMs = integer(v, 'delayMs', { min: 0, max: 600_000, fallback: 0 });
	const act = v.boolean('act') ?? false;
	if (body.headers !== undefined && !isObject(body.headers))
		v.add('headers', 'The headers field must be an array.');
	v.check();
	const fault: Fault = {
		id: randomUUID(),
		method: method ? method.toUpperCase() : null,
		path: path!,
		bodyMatch: bodyMatch || null,
		status: status!,
		body: body.body,
		headers: Object.fromEntries(
			Object.entries((body.headers as Record<string, unknown>) ?? {}).map(([k, val]) => [
				k,
				String(val),
			]),
		),
		times: times!,
		delayMs: delayMs!,
		mode,
		act,
	};
	ctx.state.faults.push(fault);
	return ok(fault, 201);
}

function integer(
	v: Validator,
	field: string,
	options: { min: number; max: number; fallback: number | undefined },
): number | undefined {
	const value = v.body[field];
	if (value === undefined || value === null) {
		if (options.fallback === undefined) v.add(field, `The ${field} field is required.`);
		return options.fallback;
	}
	if (
		typeof value !== 'number' ||
		!Number.isInteger(value) ||
		value < options.min ||
		value > options.max
	) {
		v.add(
			field,
			`The ${field} field must be an integer between ${options.min} and ${options.max}.`,
		);
		return undefined;
	}
	return value;
}

interface Delivery {
	webhook_uuid: string;
	url: string;
	status: number | null;
	error: string | null;
}

async function inbound(ctx: ControlContext): Promise<Reply> {
	const v = new Validator(ctx.body());
	const from = v.phone('from', v.body.from);
	const text = v.string('text', { required: true });
	v.check();
	const word = text!.trim().split(/\s+/)[0] ?? '';
	const keyword = word ? ctx.store.findKeyword(word) : undefined;
	const addedToGroups: string[] = [];
	const deliveries: Delivery[] = [];
	if (keyword?.add_contact_to_group) {
		for (const uuid of keyword.contact_groups_uuid) {
			const group = ctx.store.contactGroups.get(uuid);
			if (!group) continue;
			ctx.store.addContacts(group, [{ phone_number: from! }]);
			addedToGroups.push(uuid);
		}
	}
	if (keyword?.call_webhook) {
		const payload = JSON.stringify({
			event: 'keyword.matched',
			keyword: { uuid: keyword.uuid, keyword: keyword.keyword },
			from,
			message: text,
			received_at: new Date().toISOString(),
			message_uuid: randomUUID(),
		});
		const webhooks = keyword.webhooks_uuid.flatMap((uuid) => ctx.store.webhooks.get(uuid) ?? []);
		deliveries.push(
			...(await Promise.all(
				webhooks.map((webhook) =>
					deliver(webhook.uuid, webhook.url, webhook.headers, payload, ctx.state.closing.signal),
				),
			)),
		);
	}
	return ok({
		matched: Boolean(keyword),
		keyword: keyword?.uuid ?? null,
		added_to_groups: addedToGroups,
		deliveries,
	});
}

async function deliver(
	uuid: string,
	url: string,
	headers: Record<string, string>,
	payload: string,
	closing: AbortSignal,
): Promise<Delivery> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { ...withoutContentType(headers), 'Content-Type': 'application/json' },
			body: payload,
			signal: AbortSignal.any([closing, AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)]),
		});
		await response.arrayBuffer().catch(() => undefined);
		return { webhook_uuid: uuid, url, status: response.status, error: null };
	} catch (error) {
		const cause = error?.cause?.message ? `: ${error.cause.message}` : '';
		return {
			webhook_uuid: uuid,
			url,
			status: null,
			error: `${error?.message ?? String(error)}${cause}`,
		};
	}
}

function withoutContentType(headers: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type'),
	);
}

/**
 * PUT /_sandbox/{path}/{uuid}/lock { locked }: sets or clears an item's lock by hand (as if a
 * campaign using it were sending); answers the item with that lock. A sending campaign's own
 * lock is not this flag and is not shown.
 */
export function lockRoute<T extends { locked: boolean }>(resource: {
	path: string;
	model: string;
	items: (ctx: Context) => ReadonlyMap<string, T>;
	json: (ctx: Context, item: T) => object;
}): Route {
	return {
		pattern: new RegExp(`^/${resource.path}/([^/]+)/lock$`),
		methods: {
			PUT: (ctx) => {
				const item = find(resource.items(ctx), ctx.params[0], resource.model);
				const v = new Validator(ctx.body());
				const locked = v.boolean('locked');
				if (locked === undefined && !v.errors.locked)
					v.add('locked', 'The locked field is required.');
				v.check();
				item.locked = locked!;
				return ok({ ...resource.json(ctx, item), locked: item.locked });
			},
		},
	};
}

export const controlRoutes: Route<ControlContext>[] = [
	lockRoute({
		path: 'contact-groups',
		model: 'ContactGroup',
		items: (ctx) => ctx.store.contactGroups,
		json: contactGroupJson,
	}),
	{ pattern: /^\/inbound$/, methods: { POST: inbound } },
	{
		pattern: /^\/faults$/,
		methods: {
			GET: (ctx) => ok(ctx.state.faults),
			POST: registerFault,
			DELETE: (ctx) => {
				ctx.state.faults = [];
				return noContent();
			},
		},
	},
	{
		pattern: /^\/requests$/,
		methods: {
			GET: (ctx) => ok(ctx.state.requests),
			DELETE: (ctx) => {
				ctx.state.requests = [];
				return noContent();
			},
		},
	},
	{
		pattern: /^\/rate-limit$/,
		methods: { GET: (ctx) => ok(rateLimitJson(ctx)), PUT: setRateLimit },
	},
	{
		pattern: /^\/traffic$/,
		methods: {
			GET: (ctx) => ok(trafficJson(ctx)),
			PUT: setTraffic,
			DELETE: (ctx) => {
				ctx.state.traffic.resetCounters();
				return noContent();
			},
		},
	},
	{
		pattern: /^\/reset$/,
		methods: {
			POST: (ctx) => {
				ctx.state.reset(ctx.store);
				return noContent();
			},
		},
	},
];

function rateLimitJson(ctx: ControlContext) {
	const { limit } = ctx.state.traffic;
	return { requests: limit?.requests ?? null, window_seconds: limit?.windowSeconds ?? null };
}

function trafficJson(ctx: ControlContext) {
	const { requests, inFlight, peakInFlight, throttled, latencyMs } = ctx.state.traffic;
	return {
		requests,
		in_flight: inFlight,
		peak_in_flight: peakInFlight,
		throttled,
		latency_ms: latencyMs,
	};
}

/** PUT /_sandbox/traffic { latency_ms }: every API request answered that much later. */
function setTraffic(ctx: ControlContext): Reply {
	const v = new Validator(ctx.body());
	const latency = integer(v, 'latency_ms', { min: 0, max: 60_000, fallback: undefined });
	v.check();
	ctx.state.traffic.latencyMs = latency!;
	return ok(trafficJson(ctx));
}

/** PUT /_sandbox/rate-limit { requests, window_seconds } sets the limit ({ requests: null }: none); counters restart. */
function setRateLimit(ctx: ControlContext): Reply {
	const v = new Validator(ctx.body());
	const off = v.has('requests') && v.body.requests === null;
	const requests = off
		? undefined
		: integer(v, 'requests', { min: 1, max: 1_000_000, fallback: undefined });
	const windowSeconds = off
		? undefined
		: integer(v, 'window_seconds', { min: 1, max: 86_400, fallback: 60 });
	v.check();
	ctx.state.traffic.configure(off ? null : { requests: requests!, windowSeconds: windowSeconds! });
	return ok(rateLimitJson(ctx));
}

// A local Passona-compatible API server for tests, demos and benchmarks (Node built-ins only).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SandboxState } from './control';
import { API_PREFIX } from './context';
import { LARAVEL_RATE_LIMIT, type RateLimit, type Traffic } from './traffic';
import { createSandboxServer } from './server';
import { SandboxStore } from './store';

export interface SandboxOptions {
	/** 0 = any free port (the default). */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Default: random hex. */
	token?: string;
	/** How long an asynchronous contact job takes; default 200. */
	jobDelayMs?: number;
	/**
	 * How long a connection may take to send its headers, and its whole request (Node's
	 * headersTimeout and requestTimeout); default REQUEST_TIMEOUT_MS. 0 = no limit, for benchmarks
	 * that open thousands of connections at once in the sandbox's own process.
	 */
	requestTimeoutMs?: number;
	/**
	 * The API's per-token rate limit; default LARAVEL_RATE_LIMIT (60 requests a minute, Laravel's
	 * own default); null for none.
	 */
	rateLimit?: RateLimit | null;
}

/** The sandbox's default headers and request timeout: a client that stalls is cut off after it. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface Sandbox {
	/** e.g. http://127.0.0.1:PORT/api/2.0 */
	url: string;
	/** e.g. http://127.0.0.1:PORT */
	origin: string;
	port: number;
	token: string;
	store: SandboxStore;
	/** The headers and request timeout in force (0 = none). */
	requestTimeoutMs: number;
	/** The rate limit in force (`configure` changes it), the latency, and their counters. */
	traffic: Traffic;
	/** As POST /_sandbox/reset: the store emptied, no faults, an empty request log, fresh rate windows. */
	reset(): void;
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	const token = options.token ?? randomBytes(24).toString('hex');
	const store = new SandboxStore({ jobDelayMs: options.jobDelayMs });
	const state = new SandboxState(
		options.rateLimit === undefined ? LARAVEL_RATE_LIMIT : options.rateLimit,
	);
	const server = createSandboxServer({ store, token, state });
	const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
	server.requestTimeout = requestTimeoutMs;
	server.headersTimeout = requestTimeoutMs;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const shownHost =
		host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	const origin = `http://${shownHost}:${port}`;
	let closed: Promise<void> | undefined;
	return {
		url: `${origin}${API_PREFIX}`,
		origin,
		port,
		token,
		store,
		requestTimeoutMs,
		traffic: state.traffic,
		reset: () => state.reset(store),
		close: () =>
			(closed ??= new Promise<void>((resolve, reject) => {
				store.cancelJobs();
				state.closing.abort();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			})),
	};
}

export { SandboxStore } from './store';
export type {
	ContactGroupStatus,
	CustomFields,
	SeedContactGroupOptions,
	StoredContact,
	StoredContactGroup,
	StoredKeyword,
	StoredWebhook,
} from './store';
export type { Fault, FaultMode, RequestLogEntry } from './control';
export { LARAVEL_RATE_LIMIT, parseRateLimit, type RateLimit } from './traffic';
export type { OutboxMessage } from './sending';

import { request } from 'node:http';
import { type RateLimit, type Sandbox, startSandbox } from '../../sandbox';

export interface Answer {
	status: number;
	body: any;
	headers: Headers;
}

/** Calls the sandbox's API (`/api/2.0…`) or control (`/_sandbox…`) path with the token, JSON in and out. */
export async function call(
	sandbox: Sandbox,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = { Authorization: `Bearer ${sandbox.token}` },
): Promise<Answer> {
	const base = path.startsWith('/_sandbox') ? sandbox.origin : sandbox.url;
	const response = await fetch(`${base}${path}`, {
		method,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		body: text ? JSON.parse(text) : undefined,
		headers: response.headers,
	};
}

/** A GET with a JSON body, which fetch refuses to send (Passona's unique-contacts takes one). */
export function getWithBody(sandbox: Sandbox, path: string, body: unknown): Promise<Answer> {
	const payload = JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = request(
			`${sandbox.url}${path}`,
			{
				method: 'GET',
				headers: {
					Authorization: `Bearer ${sandbox.token}`,
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(payload),
				},
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => {
					const headers = new Headers(res.headers as Record<string, string>);
					resolve({
						status: res.statusCode ?? 0,
						body: text ? JSON.parse(text) : undefined,
						headers,
					});
				});
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/**
 * The tests' rate limit: on, as Passona's is, and high enough that a test meets it only when it
 * means to (test/contract/pacing.test.ts sets its own, with a small window and fake time).
 */
export const TEST_RATE_LIMIT: RateLimit = { requests: 1000, windowSeconds: 60 };

/** One sandbox for the file, reset (store, faults, request log, rate limit) before every test and closed after the last. */
export function useSandbox(
	options: { jobDelayMs?: number; rateLimit?: RateLimit | null } = {},
): () => Sandbox {
	let sandbox: Sandbox | undefined;
	const rateLimit = options.rateLimit === undefined ? TEST_RATE_LIMIT : options.rateLimit;
	beforeAll(async () => {
		sandbox = await startSandbox({ jobDelayMs: options.jobDelayMs ?? 40, rateLimit });
	});
	beforeEach(() => {
		sandbox!.reset();
		sandbox!.traffic.configure(rateLimit);
		sandbox!.traffic.latencyMs = 0;
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return () => sandbox!;
}

export async function waitFor<T>(
	probe: () => Promise<T>,
	done: (value: T) => boolean,
	timeoutMs = 3000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(`waitFor: not done after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

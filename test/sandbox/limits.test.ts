/**
 * The sandbox against a hostile or broken client: the token is checked before any of the body
 * is read, and a client that stalls while sending its headers or its request is cut off
 * (10 s by default).
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { REQUEST_TIMEOUT_MS, type Sandbox, startSandbox } from '../../sandbox';
import { call } from './helpers';

const DECLARED = 30 * 1024 * 1024;
const SENT = 1024 * 1024;

/**
 * Declares a 30 MB POST body, sends its first 1 MB and waits for an answer without sending the
 * rest. A server that reads the whole body before checking the token never answers.
 */
function postPartOfBigBody(
	sandbox: Sandbox,
	authorization?: string,
): Promise<{ status: number; connection?: string; body: string } | 'no answer'> {
	return new Promise((resolve) => {
		const req = request(`${sandbox.url}/webhooks`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'Content-Length': DECLARED,
				...(authorization ? { Authorization: authorization } : {}),
			},
		});
		const giveUp = setTimeout(() => {
			req.destroy();
			resolve('no answer');
		}, 5000);
		req.on('response', (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => {
				clearTimeout(giveUp);
				req.destroy();
				resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body });
			});
		});
		req.on('error', () => {}); // the server closes the connection once it has answered
		req.write(Buffer.alloc(SENT, 0x20));
	});
}

describe('the token before the body', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ jobDelayMs: 0 });
	});
	afterAll(async () => {
		await sandbox.close();
	});

	test.each([
		['no token', undefined],
		['a wrong token', 'Bearer wrong-token-000000000000000000000000'],
	])(
		'%s: 401 while most of a 30 MB body is still unsent, and the connection closed',
		async (_case, authorization) => {
			expect(await postPartOfBigBody(sandbox, authorization)).toEqual({
				status: 401,
				connection: 'close',
				body: JSON.stringify({ message: 'Unauthenticated.' }),
			});
			// The sandbox still serves properly authenticated calls.
			expect((await call(sandbox, 'GET', '/balance')).status).toBe(200);
		},
	);

	test('with the token the body is read as before', async () => {
		const answer = await call(sandbox, 'POST', '/webhooks', {
			name: 'Hook',
			url: 'https://example.com/hook',
		});
		expect(answer.status).toBe(201);
		expect(answer.body.data).toMatchObject({ name: 'Hook', url: 'https://example.com/hook' });
	});
});

describe('headers and request timeouts', () => {
	test('10 s by default', async () => {
		const sandbox = await startSandbox({ jobDelayMs: 0 });
		try {
			expect(REQUEST_TIMEOUT_MS).toBe(10_000);
			expect(sandbox.requestTimeoutMs).toBe(10_000);
		} finally {
			await sandbox.close();
		}
	});

	test.each([
		['headers that never end', 'GET /api/2.0/balance HTTP/1.1\r\nHost: sandbox\r\n'],
		[
			'a body that never ends',
			'POST /api/2.0/webhooks HTTP/1.1\r\nHost: sandbox\r\nAuthorization: Bearer TOKEN\r\nContent-Length: 100\r\n\r\n{"na',
		],
	])(
		'a client sending %s is cut off once the timeout has passed (here 300 ms)',
		async (_case, request) => {
			const sandbox = await startSandbox({ jobDelayMs: 0, requestTimeoutMs: 300 });
			const text = request.replace('TOKEN', sandbox.token);
			try {
				const started = Date.now();
				const outcome = await new Promise<{ closed: boolean; answer: string }>((resolve) => {
					let answer = '';
					const socket = connect(sandbox.port, '127.0.0.1', () => socket.write(text));
					socket.setEncoding('utf8');
					socket.on('data', (chunk: string) => (answer += chunk));
					socket.on('close', () => {
						clearTimeout(giveUp);
						resolve({ closed: true, answer });
					});
					socket.on('error', () => {});
					const giveUp = setTimeout(() => {
						socket.destroy();
						resolve({ closed: false, answer });
					}, 8000);
				});
				expect(outcome.closed).toBe(true);
				expect(outcome.answer).toMatch(/^HTTP\/1\.1 408 /);
				// Cut off after the timeout, not before it.
				expect(Date.now() - started).toBeGreaterThanOrEqual(300);
			} finally {
				await sandbox.close();
			}
		},
	);
});

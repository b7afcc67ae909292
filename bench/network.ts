/**
 * A real network on loopback: HTTPS with a certificate made at run time, behind a proxy that
 * delays every byte by half a round trip each way (and a connection's first bytes by one more
 * round trip, for TCP's handshake). The certificate is trusted only inside the bench's own
 * process: `trustedBench` starts the bench again as a child with NODE_EXTRA_CA_CERTS.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import {
	createServer as createTcpServer,
	connect,
	type AddressInfo,
	type Server,
	type Socket,
} from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import type { Target } from './contenders';
import { PAGE_SIZE } from './contenders';

const TLS_DIR = 'BENCH_TLS_DIR';

/** The round trip the network scenario simulates; BENCH_RTT_MS overrides. */
export const RTT_MS = Math.max(0, Number(process.env.BENCH_RTT_MS ?? 20));

/**
 * Makes a key and a self-signed certificate for 127.0.0.1 with openssl, runs this same script
 * again as a child that trusts it (NODE_EXTRA_CA_CERTS is read only when a process starts), and
 * resolves with the child's exit code, for the caller to exit with. In the child: undefined.
 */
export async function trustedBench(): Promise<number | undefined> {
	if (process.env[TLS_DIR]) return undefined;
	const dir = mkdtempSync(join(tmpdir(), 'passona-bench-tls-'));
	try {
		try {
			execFileSync(
				'openssl',
				[
					'req',
					'-x509',
					'-newkey',
					'ec',
					'-pkeyopt',
					'ec_paramgen_curve:prime256v1',
					'-nodes',
					'-keyout',
					join(dir, 'key.pem'),
					'-out',
					join(dir, 'cert.pem'),
					'-days',
					'1',
					'-subj',
					'/CN=127.0.0.1',
					'-addext',
					'subjectAltName=IP:127.0.0.1',
				],
				{ stdio: 'pipe' },
			);
		} catch (error) {
			throw new Error(
				`npm run bench needs openssl on the PATH to make its test certificate: ${(error as Error).message}`,
			);
		}
		const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
			stdio: 'inherit',
			env: {
				...process.env,
				[TLS_DIR]: dir,
				NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'),
				// Loopback only: no proxy from the environment in between.
				NO_PROXY: '127.0.0.1,localhost',
				no_proxy: '127.0.0.1,localhost',
			},
		});
		return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Bytes from `from` written to `to` after `delayMs`, in order; the first chunk waits `firstExtraMs` more. */
function delayedPipe(from: Socket, to: Socket, delayMs: number, firstExtraMs: number): void {
	const queue: Array<{ due: number; chunk?: Buffer }> = [];
	let timer: NodeJS.Timeout | undefined;
	let first = true;
	const pump = () => {
		timer = undefined;
		const now = performance.now();
		while (queue.length > 0 && queue[0].due <= now + 0.5) {
			const { chunk } = queue.shift()!;
			if (chunk === undefined) to.end();
			else if (!to.destroyed) to.write(chunk);
		}
		if (queue.length > 0) timer = setTimeout(pump, Math.max(0, queue[0].due - performance.now()));
	};
	const push = (chunk?: Buffer) => {
		const last = queue.length > 0 ? queue[queue.length - 1].due : 0;
		const due = Math.max(performance.now() + delayMs + (first ? firstExtraMs : 0), last);
		first = false;
		queue.push({ due, chunk });
		if (timer === undefined)
			timer = setTimeout(pump, Math.max(0, queue[0].due - performance.now()));
	};
	from.on('data', (chunk: Buffer) => push(chunk));
	from.on('end', () => push());
}

const listen = async (server: Server): Promise<number> =>
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
	});

export interface Network {
	/** The sandbox's API through TLS and the delay, e.g. https://127.0.0.1:PORT/api/2.0 */
	url: string;
	close(): Promise<void>;
}

/** TLS in front of the sandbox, and the delay proxy in front of that. */
export async function startNetwork(sandboxUrl: string, rttMs = RTT_MS): Promise<Network> {
	const dir = process.env[TLS_DIR];
	if (!dir) throw new Error('the network scenario runs inside trustedBench()');
	const sandbox = new URL(sandboxUrl);
	const sockets = new Set<Socket>();
	const track = (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
	};
	const tlsServer = createTlsServer(
		{ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
		(secure) => {
			const upstream = connect(Number(sandbox.port), sandbox.hostname);
			track(secure as unknown as Socket);
			track(upstream);
			// Each side's end is passed on after its data (pipe); an error closes both.
			secure.pipe(upstream).pipe(secure);
			upstream.on('error', () => secure.destroy());
			secure.on('error', () => upstream.destroy());
		},
	);
	const tlsPort = await listen(tlsServer as unknown as Server);
	const delay = createTcpServer((client) => {
		const upstream = connect(tlsPort, '127.0.0.1');
		track(client);
		track(upstream);
		delayedPipe(client, upstream, rttMs / 2, rttMs);
		delayedPipe(upstream, client, rttMs / 2, 0);
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	const delayPort = await listen(delay);
	return {
		url: `https://127.0.0.1:${delayPort}${sandbox.pathname}`,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await Promise.all([
				new Promise((resolve) => delay.close(resolve)),
				new Promise((resolve) => tlsServer.close(resolve)),
			]);
		},
	};
}

async function getJson(
	url: string,
	token: string,
	agent: Agent | false,
): Promise<{ data: unknown[]; links?: { next?: unknown } }> {
	return await new Promise((resolve, reject) => {
		const req = request(
			url,
			{ agent, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					if ((response.statusCode ?? 0) >= 400)
						reject(new Error(`GET ${new URL(url).pathname} answered ${response.statusCode}`));
					else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
				});
				response.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end();
	});
}

/**
 * The raw clients over HTTPS: pages of 1,000 one after another until links.next is empty, on one
 * kept-alive connection (the limit a careful script reaches) or on a new connection per page.
 */
export function getContactsHttps(keepAlive: boolean) {
	return async (target: Target, group: string): Promise<unknown[]> => {
		const agent = keepAlive ? new Agent({ keepAlive: true, maxSockets: 1 }) : false;
		const contacts: unknown[] = [];
		try {
			for (let page = 1; ; page++) {
				const body = await getJson(
					`${target.url}/contact-groups/${group}/list-contacts?page=${page}&per_page=${PAGE_SIZE}`,
					target.token,
					agent,
				);
				for (const contact of body.data) contacts.push(contact);
				if (!body.links?.next) break;
			}
		} finally {
			if (agent) agent.destroy();
		}
		return contacts;
	};
}

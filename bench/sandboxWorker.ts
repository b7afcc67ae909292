/**
 * The far side of every bench scenario, in a worker thread as Passona is on another machine: its
 * own sandbox (and, for the network scenario, TLS and the delay proxy), so the server's CPU does
 * not run on the thread n8n's engine runs on. Messages: { seed: { name, contacts } } → { uuid };
 * { close: true } → closes and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { subscribe } from 'node:diagnostics_channel';
import { startSandbox } from '../sandbox';
import { startNetwork } from './network';

export interface SandboxWorkerData {
	/** Round trip of the network in front of the sandbox; none: the sandbox's own plain HTTP. */
	rttMs?: number;
	/** Requests the sandbox received, shared with the bench's thread (index 0). */
	requests: Int32Array;
}

export type SandboxWorkerMessage = { seed: { name: string; contacts: number } } | { close: true };

async function serve(): Promise<void> {
	const { rttMs, requests } = workerData as SandboxWorkerData;
	subscribe('http.server.request.start', () => Atomics.add(requests, 0, 1));
	// No rate limit unless a scenario sets one (PUT /_sandbox/rate-limit): the others measure throughput.
	const sandbox = await startSandbox({ jobDelayMs: 0, requestTimeoutMs: 0, rateLimit: null });
	const network = rttMs === undefined ? undefined : await startNetwork(sandbox.url, rttMs);
	parentPort!.on('message', (message: SandboxWorkerMessage) => {
		if ('seed' in message) {
			const { uuid } = sandbox.store.seedContactGroup(message.seed);
			parentPort!.postMessage({ uuid });
		} else {
			void Promise.resolve(network?.close())
				.then(async () => await sandbox.close())
				.then(() => parentPort!.close());
		}
	});
	parentPort!.postMessage({ url: network?.url ?? sandbox.url, token: sandbox.token });
}

void serve();

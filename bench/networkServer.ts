/**
 * The far side of the network scenario, in a worker thread as a real server would be on another
 * machine: its own sandbox, TLS and the delay proxy, so their CPU does not run on the client's
 * thread. Messages: { seed: contacts } → { uuid }; { close: true } → closes and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { subscribe } from 'node:diagnostics_channel';
import { startSandbox } from '../sandbox';
import { startNetwork } from './network';

interface Data {
	rttMs: number;
	/** Requests the sandbox received, shared with the bench's thread (index 0). */
	requests: Int32Array;
}

async function serve(): Promise<void> {
	const { rttMs, requests } = workerData as Data;
	subscribe('http.server.request.start', () => Atomics.add(requests, 0, 1));
	const sandbox = await startSandbox({ jobDelayMs: 0, requestTimeoutMs: 0 });
	const network = await startNetwork(sandbox.url, rttMs);
	parentPort!.on('message', (message: { seed?: number; close?: boolean }) => {
		if (message.seed !== undefined) {
			const { uuid } = sandbox.store.seedContactGroup({
				name: `Bench network ${message.seed}`,
				contacts: message.seed,
			});
			parentPort!.postMessage({ uuid });
		} else if (message.close) {
			void network
				.close()
				.then(async () => await sandbox.close())
				.then(() => parentPort!.close());
		}
	});
	parentPort!.postMessage({ url: network.url, token: sandbox.token });
}

void serve();

/** The bench's sandbox in a worker thread (bench/sandboxWorker), as Passona runs on another machine. */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Target } from './contenders';
import { serverRequests } from './measure';
import type { SandboxWorkerData, SandboxWorkerMessage } from './sandboxWorker';

export interface RemoteSandbox extends Target {
	/** Seeds a contact group of `contacts` (0: an empty one) on the far side; resolves with its uuid. */
	seed(name: string, contacts: number): Promise<string>;
	close(): Promise<void>;
}

/**
 * Starts the sandbox in a worker thread, reached over plain HTTP on loopback or, with `rttMs`,
 * over HTTPS behind the delay proxy (bench/network). Its requests are counted in `serverRequests`.
 */
export async function startRemoteSandbox(rttMs?: number): Promise<RemoteSandbox> {
	const workerData: SandboxWorkerData = {
		requests: serverRequests,
		...(rttMs === undefined ? {} : { rttMs }),
	};
	const worker = new Worker(join(__dirname, 'sandboxWorker.js'), { workerData });
	const next = async <T>() =>
		await new Promise<T>((resolve, reject) => {
			const failed = (error: Error) => {
				worker.off('message', answered);
				reject(error);
			};
			const answered = (message: T) => {
				worker.off('error', failed);
				resolve(message);
			};
			worker.once('message', answered);
			worker.once('error', failed);
		});
	const send = (message: SandboxWorkerMessage) => worker.postMessage(message);
	const { url, token } = await next<{ url: string; token: string }>();
	return {
		url,
		token,
		seed: async (name, contacts) => {
			const answer = next<{ uuid: string }>();
			send({ seed: { name, contacts } });
			return (await answer).uuid;
		},
		close: async () => {
			const exited = new Promise((resolve) => worker.once('exit', resolve));
			send({ close: true });
			await exited;
		},
	};
}

/** Wall time, heap/RSS growth and HTTP requests of one run, and the statistics over rounds. */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

export interface Sample {
	ms: number;
	/** Requests the sandboxes received during the run. */
	requests: number;
	/** Most requests in flight at once from node:http clients (0 for Node's fetch, whose loops send one at a time). */
	maxConcurrent: number;
	/** Highest heapUsed seen during the run, above the heap after a full GC before it. */
	peakHeapMB: number;
	/** Highest RSS seen during the run, above the RSS before it. */
	peakRssMB: number;
	/** Heap still used after a full GC at the end, while the run's output is still held. */
	retainedHeapMB: number;
	/** Items the run produced. */
	items: number;
	/** Why the run failed, when it did (the other figures then describe the run until it failed). */
	error?: string;
}

const MB = 1024 * 1024;

function collect(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run node with --expose-gc (npm run bench does)');
	gc();
	gc();
}

/**
 * Requests the bench's sandboxes received (index 0): counted by the worker threads they run in
 * (bench/sandboxWorker), and by countRequests for a sandbox on this thread.
 */
export const serverRequests = new Int32Array(new SharedArrayBuffer(4));
const requestsSoFar = () => Atomics.load(serverRequests, 0);
let inFlight = 0;
let maxInFlight = 0;
const onSent = () => {
	inFlight++;
	if (inFlight > maxInFlight) maxInFlight = inFlight;
};
const onDone = () => inFlight--;

const channels: Array<[string, () => void]> = [
	['http.server.request.start', () => Atomics.add(serverRequests, 0, 1)],
	// node:http clients (n8n's axios); Node's fetch does not report here.
	['http.client.request.start', onSent],
	['http.client.response.finish', onDone],
	['http.client.request.error', onDone],
];

/**
 * Counts the requests a server on this thread receives, and the most requests that node:http
 * clients have in flight at once.
 */
export function countRequests(): () => void {
	for (const [name, listener] of channels) subscribe(name, listener);
	return () => {
		for (const [name, listener] of channels) unsubscribe(name, listener);
	};
}

/** Runs `work` once, measuring it; `work` returns what it produced (held until measured). */
export async function measure(work: () => Promise<unknown[]>): Promise<Sample> {
	collect();
	const heapBefore = process.memoryUsage().heapUsed;
	const rssBefore = process.memoryUsage.rss();
	let peakHeap = heapBefore;
	let peakRss = rssBefore;
	const sampler = setInterval(() => {
		const { heapUsed, rss } = process.memoryUsage();
		if (heapUsed > peakHeap) peakHeap = heapUsed;
		if (rss > peakRss) peakRss = rss;
	}, 10);
	const requestsBefore = requestsSoFar();
	maxInFlight = inFlight;
	const start = performance.now();
	let output: unknown[] | undefined;
	let error: string | undefined;
	try {
		output = await work();
	} catch (failure) {
		error = (failure as Error).message;
		output = [];
	}
	const ms = performance.now() - start;
	clearInterval(sampler);
	const requests = requestsSoFar() - requestsBefore;
	const { heapUsed, rss } = process.memoryUsage();
	peakHeap = Math.max(peakHeap, heapUsed);
	peakRss = Math.max(peakRss, rss);
	collect();
	const retained = process.memoryUsage().heapUsed - heapBefore;
	const items = output.length;
	output = undefined;
	return {
		ms,
		requests,
		maxConcurrent: maxInFlight,
		peakHeapMB: (peakHeap - heapBefore) / MB,
		peakRssMB: (peakRss - rssBefore) / MB,
		retainedHeapMB: retained / MB,
		items,
		...(error === undefined ? {} : { error }),
	};
}

export interface Stats {
	median: number;
	min: number;
	max: number;
}

export function stats(values: number[]): Stats {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Wall time, heap/RSS growth and HTTP requests of one run, and the statistics over rounds. */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

export interface Sample {
	ms: number;
	/** Requests the sandbox received during the run. */
	requests: number;
	/** Highest heapUsed seen during the run, above the heap after a full GC before it. */
	peakHeapMB: number;
	/** Highest RSS seen during the run, above the RSS before it. */
	peakRssMB: number;
	/** Heap still used after a full GC at the end, while the run's output is still held. */
	retainedHeapMB: number;
	/** Items the run produced. */
	items: number;
}

const MB = 1024 * 1024;

function collect(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run node with --expose-gc (npm run bench does)');
	gc();
	gc();
}

let serverRequests = 0;
const onRequest = () => serverRequests++;

/** Counts every request an in-process HTTP server (the sandbox) receives. */
export function countRequests(): () => void {
	subscribe('http.server.request.start', onRequest);
	return () => unsubscribe('http.server.request.start', onRequest);
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
	}, 5);
	const requestsBefore = serverRequests;
	const start = performance.now();
	let output: unknown[] | undefined = await work();
	const ms = performance.now() - start;
	clearInterval(sampler);
	const requests = serverRequests - requestsBefore;
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
		peakHeapMB: (peakHeap - heapBefore) / MB,
		peakRssMB: (peakRss - rssBefore) / MB,
		retainedHeapMB: retained / MB,
		items,
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

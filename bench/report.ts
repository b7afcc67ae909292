/** The bench's table (printed, and put in docs/performance.md with --docs), its JSON and its SVG chart. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../harness/engine';
import { type Sample, type Stats, stats } from './measure';

export interface Contender {
	name: string;
	samples: Sample[];
}

export interface Target {
	target: string;
	measured: string;
	pass: boolean;
}

/** Scenario 5: the node pacing itself (index.ts paceScenario). */
export interface PaceResults {
	items: number;
	limit: { requests: number; windowSeconds: number };
	/** Requests the node keeps in flight by default, and the keep-alive loop's. */
	inFlight: number;
	/** Against the rate limit, one run each. */
	limited: Contender[];
	/** Without one: the node against the keep-alive loop. */
	unlimited: Contender[];
	/** 429s the sandbox answered in each run, by contender name. */
	throttled: Record<string, number[]>;
	/**
	 * Requests the limit let through in each run, by contender name: the items' requests plus any
	 * the node makes once per run (Send Test reads its template once for the outputs). Absent in
	 * results written before it was recorded: then one per item.
	 */
	admitted?: Record<string, number[]>;
}

export interface BenchResults {
	date: string;
	/** loadAverage: the 1-minute load average when the bench ended (other work on the machine). */
	machine: { cpu: string; cores: number; node: string; loadAverage: number };
	n8nNodesBase: string;
	rounds: { returnAll: number; memory: number; add: number; addPerItem: number; perItem: number };
	sizes: { contacts: number; smallContacts: number; addRows: number; getItems: number };
	returnAll: Contender[];
	/** Return All again with the sandbox on the engine's own thread (absent from older results). */
	sameThread?: Contender[];
	memory: Contender[];
	add: Contender[];
	perItem: Contender[];
	/** Return All over HTTPS behind a delay proxy of `rttMs` round trip, for each size. */
	network: { rttMs: number; runs: Array<{ contacts: number; contenders: Contender[] }> };
	/** Absent from results before the node paced itself. */
	pace?: PaceResults;
	targets: Target[];
	benchSeconds: number;
}

export function machine(): BenchResults['machine'] {
	const all = cpus();
	return {
		cpu: all[0]?.model.trim() ?? 'unknown',
		cores: all.length,
		node: process.version,
		loadAverage: loadavg()[0],
	};
}

const of = (contenders: Contender[], name: string): Contender => {
	const found = contenders.find((contender) => contender.name.startsWith(name));
	if (!found) throw new Error(`no contender named ${name}`);
	return found;
};
/** Figures of the runs that succeeded (of all runs when none did: then they describe the failures). */
const succeeded = (contender: Contender) => {
	const good = contender.samples.filter((sample) => sample.error === undefined);
	return good.length > 0 ? good : contender.samples;
};
const statOf = (contender: Contender, key: Exclude<keyof Sample, 'error'>): Stats =>
	stats(succeeded(contender).map((sample) => sample[key]));
const median = (contender: Contender, key: Exclude<keyof Sample, 'error'>) =>
	statOf(contender, key).median;
const failures = (contenders: Contender[]) =>
	contenders.flatMap((contender) =>
		contender.samples
			.filter((sample) => sample.error !== undefined)
			.map((sample) => `${contender.name}: ${sample.error}`),
	);

const int = (value: number) => Math.round(value).toLocaleString('en-GB');
const fixed = (value: number, digits = 1) => value.toFixed(digits);
/** `median [min–max]`, or the median alone when there was one sample. */
const spread = (s: Stats, format: (value: number) => string) =>
	s.min === s.max ? format(s.median) : `${format(s.median)} [${format(s.min)}–${format(s.max)}]`;

function memoryRatios(results: BenchResults) {
	const { contacts, smallContacts } = results.sizes;
	const ratio = (name: string, key: 'retainedHeapMB' | 'peakHeapMB') =>
		median(of(results.memory, `${name}, ${contacts}`), key) /
		median(of(results.memory, `${name}, ${smallContacts}`), key);
	const perContact = (name: string) =>
		(median(of(results.memory, `${name}, ${contacts}`), 'retainedHeapMB') * 1024 * 1024) / contacts;
	return {
		nodeRetained: ratio('Passona node', 'retainedHeapMB'),
		nodePeak: ratio('Passona node', 'peakHeapMB'),
		rawRetained: ratio('raw fetch loop', 'retainedHeapMB'),
		nodeBytesPerContact: perContact('Passona node'),
		rawBytesPerContact: perContact('raw fetch loop'),
	};
}

function judgeNetwork({ network }: BenchResults): Target[] {
	const largest = network?.runs[network.runs.length - 1];
	if (!largest) return [];
	const at = `${int(largest.contacts)} contacts, ${network.rttMs} ms round trip, HTTPS`;
	const keepAlive = median(of(largest.contenders, 'raw keep-alive'), 'ms');
	const node = median(of(largest.contenders, 'Passona node (default'), 'ms');
	const http = median(of(largest.contenders, 'HTTP Request'), 'ms');
	const sequential = of(largest.contenders, 'Passona node, Parallel Requests 1');
	const pages = median(of(largest.contenders, 'raw keep-alive'), 'requests');
	const sequentialRequests = Math.max(...sequential.samples.map((sample) => sample.requests));
	const sequentialInFlight = Math.max(...sequential.samples.map((sample) => sample.maxConcurrent));
	const parallelRequests = Math.max(
		...of(largest.contenders, 'Passona node (default').samples.map((sample) => sample.requests),
	);
	return [
		{
			target: `Return All (${at}) ≥ 1.0× the sequential keep-alive client`,
			measured: `${fixed(keepAlive / node, 2)}× (${int(node)} ms against ${int(keepAlive)} ms)`,
			pass: keepAlive / node >= 1.0,
		},
		{
			target: `Return All (${at}) ahead of HTTP Request + Split Out`,
			measured: `${int(node)} ms against ${int(http)} ms (${fixed(http / node, 2)}×)`,
			pass: node < http,
		},
		{
			target:
				'Never more requests than pages; Parallel Requests 1: one request in flight, one per page, as before',
			measured: `${int(pages)} pages; node ${int(parallelRequests)} requests; at 1: ${int(sequentialRequests)} requests, at most ${sequentialInFlight} in flight`,
			pass: parallelRequests <= pages && sequentialRequests === pages && sequentialInFlight === 1,
		},
	];
}

/** The requests `name`'s run needed the limit to let through (the most of its runs). */
export function paceRequests(pace: PaceResults, name: string): number {
	return Math.max(...(pace.admitted?.[name] ?? [pace.items]));
}

/** The least time any client needs for `requests` requests through the limit: every window but the last waited out. */
export function paceMinimumMs(pace: PaceResults, requests: number): number {
	return (Math.ceil(requests / pace.limit.requests) - 1) * pace.limit.windowSeconds * 1000;
}

const OPERATIONS = ['Contact Group Get', 'Send Test'];

function judgePace(pace: PaceResults | undefined): Target[] {
	if (!pace) return [];
	const limit = `${pace.limit.requests} requests per ${pace.limit.windowSeconds} s`;
	return OPERATIONS.flatMap((operation) => {
		const limited = of(pace.limited, `Passona node, ${operation}`);
		const requests = paceRequests(pace, limited.name);
		const minimum = paceMinimumMs(pace, requests);
		const extra =
			requests === pace.items
				? ''
				: `, ${int(requests)} requests: one per item and ${int(requests - pace.items)} once per run`;
		const failed = Math.max(...limited.samples.map((sample) => pace.items - sample.items));
		const ms = Math.max(...limited.samples.map((sample) => sample.ms));
		const node = median(of(pace.unlimited, `Passona node, ${operation}`), 'ms');
		const loop = median(
			of(pace.unlimited, `raw keep-alive loop, ${pace.inFlight} in flight: ${operation}`),
			'ms',
		);
		const inFlight = Math.max(
			...[...limited.samples, ...of(pace.unlimited, `Passona node, ${operation}`).samples].map(
				(sample) => sample.maxConcurrent,
			),
		);
		return [
			{
				target: `${operation}, ${int(pace.items)} items, rate limit ${limit}: 0 failed items, within 1.25× the limit's minimum for the requests it needs (${int(minimum)} ms${extra})`,
				measured: `${failed} failed; ${int(ms)} ms = ${fixed(ms / minimum, 2)}× the minimum; at most ${inFlight} requests in flight`,
				pass: failed === 0 && ms <= 1.25 * minimum && inFlight <= pace.inFlight,
			},
			{
				target: `${operation}, ${int(pace.items)} items, no rate limit: ≥ 0.8× the throughput of a keep-alive loop with ${pace.inFlight} in flight`,
				measured: `${fixed(loop / node, 2)}× (${int(node)} ms against ${int(loop)} ms)`,
				pass: loop / node >= 0.8,
			},
		];
	});
}

export function judge(results: BenchResults): Target[] {
	if (!results.returnAll) return [...judgeNetwork(results), ...judgePace(results.pace)];
	const limit = median(of(results.returnAll, 'raw fetch loop'), 'ms');
	const node = median(of(results.returnAll, 'Passona node (default'), 'ms');
	const sequential = median(of(results.returnAll, 'Passona node, Parallel Requests 1'), 'ms');
	const httpSplit = median(of(results.returnAll, 'HTTP Request + Split Out'), 'ms');
	const httpPages = median(of(results.returnAll, 'HTTP Request (pages)'), 'ms');
	const aggregated = of(results.add, 'Aggregate');
	const maxRequests = Math.max(...aggregated.samples.map((sample) => sample.requests));
	const allowed = Math.ceil(results.sizes.addRows / 1000);
	const memory = memoryRatios(results);
	const linear = memory.nodeRetained >= 3.5 && memory.nodeRetained <= 4.5;
	// A kept copy of each page's whole answer would add at least the raw loop's bytes per contact again.
	const noPageCopies = memory.nodeBytesPerContact < 2 * memory.rawBytesPerContact;
	return [
		{
			target: 'Return All ≥ 0.9× the raw loop’s throughput (loopback)',
			measured:
				`${fixed(limit / node, 2)}× (${int(node)} ms against ${int(limit)} ms); ` +
				`at Parallel Requests 1, ${fixed(limit / sequential, 2)}× (${int(sequential)} ms)`,
			pass: limit / node >= 0.9,
		},
		{
			target:
				'Return All faster than the HTTP Request node setup (HTTP Request + Split Out: the same items out)',
			measured:
				`${int(node)} ms against ${int(httpSplit)} ms (${fixed(httpSplit / node, 2)}×); ` +
				`HTTP Request alone, one item per page, ${int(httpPages)} ms`,
			pass: node < httpSplit,
		},
		{
			target: `${int(results.sizes.addRows)} contacts from ${int(results.sizes.addRows)} items in ≤ ceil(N/1000) = ${allowed} requests`,
			measured: `${maxRequests} requests (Aggregate → Passona JSON); ${int(median(of(results.add, 'Passona per item'), 'requests'))} one item per request`,
			pass: maxRequests <= allowed,
		},
		{
			target: 'Return All heap grows with the output only (100k/25k ≈ 4, no page copies)',
			measured: `retained ×${fixed(memory.nodeRetained, 2)} (raw loop ×${fixed(memory.rawRetained, 2)}), peak ×${fixed(memory.nodePeak, 2)}; ${int(memory.nodeBytesPerContact)} B/contact against the raw loop’s ${int(memory.rawBytesPerContact)}`,
			pass: linear && noPageCopies,
		},
		...judgeNetwork(results),
		...judgePace(results.pace),
	];
}

/** A listing's first cells: name, wall time, items/s, speed against `limitMs`, requests. */
function listingCells(contender: Contender, limitMs: number): string[] {
	const ms = median(contender, 'ms');
	return [
		contender.name,
		spread(statOf(contender, 'ms'), int),
		int((median(contender, 'items') / ms) * 1000),
		fixed(limitMs / ms, 2),
		int(median(contender, 'requests')),
	];
}

function paceTable(
	pace: PaceResults | undefined,
	lines: string[],
	header: (cells: string[]) => void,
	row: (cells: string[]) => void,
) {
	if (!pace) return;
	const throttled = (contender: Contender) =>
		int(Math.max(...(pace.throttled[contender.name] ?? [0])));
	lines.push(
		'',
		`**5. ${int(pace.items)} input items against a rate limit of ${pace.limit.requests} requests per ${pace.limit.windowSeconds} s** ` +
			`(the sandbox's per-token limit, answered as Laravel does: 429 with Retry-After in whole seconds; each run starts with a fresh window; ` +
			`a run's minimum is every window but the last waited out, for the requests it needs the limit to let through: ` +
			`one per item, and for Send Test one more, its read of the template for the outputs; one run each)`,
		'',
	);
	header([
		'Contender',
		'Wall time (ms)',
		'Requests let through',
		'Minimum (ms)',
		'× minimum',
		'Failed items',
		'429s answered',
		'Requests in flight at once',
	]);
	for (const contender of pace.limited) {
		const ms = median(contender, 'ms');
		const requests = paceRequests(pace, contender.name);
		const minimum = paceMinimumMs(pace, requests);
		row([
			contender.name,
			spread(statOf(contender, 'ms'), int),
			int(requests),
			int(minimum),
			fixed(ms / minimum, 2),
			int(Math.max(...contender.samples.map((sample) => pace.items - sample.items))),
			throttled(contender),
			int(Math.max(...contender.samples.map((sample) => sample.maxConcurrent))),
		]);
	}
	lines.push(
		'',
		`**5, without a rate limit**: the same ${int(pace.items)} items against Node's fetch (connections kept alive) with ${pace.inFlight} requests in flight, as many as the node keeps by default (median [min–max] of ${pace.unlimited[0]?.samples.length ?? 0} runs)`,
		'',
	);
	header(['Contender', 'Wall time (ms)', 'ms/item', 'Failed items', 'Requests in flight at once']);
	for (const contender of pace.unlimited) {
		const ms = median(contender, 'ms');
		row([
			contender.name,
			spread(statOf(contender, 'ms'), int),
			fixed(ms / pace.items, 3),
			int(Math.max(...contender.samples.map((sample) => pace.items - sample.items))),
			contender.name.startsWith('raw')
				? `${pace.inFlight} (loop)`
				: int(Math.max(...contender.samples.map((sample) => sample.maxConcurrent))),
		]);
	}
}

function networkTable(
	results: BenchResults,
	lines: string[],
	header: (cells: string[]) => void,
	row: (cells: string[]) => void,
) {
	for (const { contacts, contenders } of results.network?.runs ?? []) {
		const limit = median(of(contenders, 'raw keep-alive'), 'ms');
		lines.push(
			'',
			`**4. Get Contacts, Return All over HTTPS, ${results.network.rttMs} ms round trip**: ${int(contacts)} contacts, pages of 1,000 ` +
				`(TLS with a certificate made at run time, behind a loopback proxy delaying each direction by half the round trip; median [min–max] of ${contenders[0]?.samples.length ?? 0} runs)`,
			'',
		);
		header([
			'Contender',
			'Wall time (ms)',
			'Items/s',
			'× keep-alive client',
			'Requests',
			'Requests in flight at once',
			'Peak heap +MB',
		]);
		for (const contender of contenders) {
			row([
				...listingCells(contender, limit),
				int(Math.max(...succeeded(contender).map((sample) => sample.maxConcurrent))),
				fixed(median(contender, 'peakHeapMB'), 0),
			]);
		}
	}
}

/** Scenario 1 with the sandbox on the engine's thread: what a page costs in CPU, nothing overlapping. */
function sameThreadTable(
	contenders: Contender[],
	lines: string[],
	header: (cells: string[]) => void,
	row: (cells: string[]) => void,
) {
	const limit = median(of(contenders, 'raw fetch loop'), 'ms');
	lines.push(
		'',
		`**1, with the sandbox on the engine's own thread** (how the bench first measured scenario 1: client and server share one CPU, so requests in flight cannot overlap and the figures are CPU per page, mostly n8n-core's request path; median [min–max] of ${contenders[0]?.samples.length ?? 0} runs)`,
		'',
	);
	header(['Contender', 'Wall time (ms)', 'Items/s', '× limit', 'Requests']);
	for (const contender of contenders) row(listingCells(contender, limit));
}

export function table(results: BenchResults): string {
	const lines: string[] = [];
	const row = (cells: string[]) => lines.push(`| ${cells.join(' | ')} |`);
	const header = (cells: string[]) => {
		row(cells);
		row(cells.map((_, index) => (index === 0 ? '---' : '---:')));
	};
	if (!results.returnAll) {
		networkTable(results, lines, header, row);
		paceTable(results.pace, lines, header, row);
		targetsTable(results, lines, header, row);
		return lines.join('\n');
	}
	const { contacts, smallContacts, addRows, getItems } = results.sizes;

	const limit = median(of(results.returnAll, 'raw fetch loop'), 'ms');
	lines.push(
		`**1. Get Contacts, Return All**: ${int(contacts)} contacts, pages of 1,000, plain HTTP on loopback (median [min–max] of ${results.rounds.returnAll} runs; heap figures are the engine's thread, RSS the whole process, the sandbox's thread included)`,
		'',
	);
	header([
		'Contender',
		'Wall time (ms)',
		'Items/s',
		'× limit',
		'Requests',
		'Peak heap +MB',
		'Peak RSS +MB',
		'Retained heap MB',
	]);
	for (const contender of results.returnAll) {
		row([
			...listingCells(contender, limit),
			spread(statOf(contender, 'peakHeapMB'), (value) => fixed(value, 0)),
			spread(statOf(contender, 'peakRssMB'), (value) => fixed(value, 0)),
			fixed(median(contender, 'retainedHeapMB'), 0),
		]);
	}
	if (results.sameThread) sameThreadTable(results.sameThread, lines, header, row);

	const memory = memoryRatios(results);
	lines.push(
		'',
		`**Memory of Return All**: ${int(smallContacts)} against ${int(contacts)} contacts (heap after a full GC with the output still held; median of ${results.rounds.memory} runs)`,
		'',
	);
	header(['Run', 'Retained heap MB', 'Bytes/contact', 'Peak heap +MB', 'Wall time (ms)']);
	for (const contender of results.memory) {
		const count = Number(contender.name.split(', ').pop());
		row([
			contender.name.replace(/\d+$/, (value) => int(Number(value))),
			fixed(median(contender, 'retainedHeapMB'), 1),
			int((median(contender, 'retainedHeapMB') * 1024 * 1024) / count),
			fixed(median(contender, 'peakHeapMB'), 0),
			int(median(contender, 'ms')),
		]);
	}
	lines.push(
		'',
		`Ratio 100k/25k of retained heap: Passona node ×${fixed(memory.nodeRetained, 2)}, raw loop ×${fixed(memory.rawRetained, 2)}.`,
	);

	const addLimit = median(of(results.add, 'raw fetch'), 'ms');
	lines.push(
		'',
		`**2. Add ${int(addRows)} contacts arriving as ${int(addRows)} input items** (phone number and two custom fields each)`,
		'',
	);
	header([
		'Contender',
		'Runs (failed)',
		'HTTP requests',
		'Requests in flight at once',
		'Wall time (ms)',
		'× limit time',
	]);
	for (const contender of results.add) {
		const failedRuns =
			contender.samples.length -
			contender.samples.filter((sample) => sample.error === undefined).length;
		row([
			contender.name,
			`${contender.samples.length}${failedRuns ? ` (${failedRuns} failed)` : ''}`,
			int(median(contender, 'requests')),
			inFlight(contender),
			spread(statOf(contender, 'ms'), int),
			fixed(median(contender, 'ms') / addLimit, 2),
		]);
	}

	const getLimit = median(of(results.perItem, 'raw fetch'), 'ms');
	lines.push(
		'',
		`**3. Per-item overhead**: Contact Group Get for ${int(getItems)} input items (one small answer each; median [min–max] of ${results.rounds.perItem} runs)`,
		'',
	);
	header([
		'Contender',
		'Wall time (ms)',
		'ms/item',
		'Overhead over the limit, ms/item',
		'Requests in flight at once',
	]);
	for (const contender of results.perItem) {
		const ms = median(contender, 'ms');
		row([
			contender.name,
			spread(statOf(contender, 'ms'), int),
			fixed(ms / getItems, 3),
			fixed((ms - getLimit) / getItems, 3),
			inFlight(contender),
		]);
	}

	networkTable(results, lines, header, row);
	paceTable(results.pace, lines, header, row);
	targetsTable(results, lines, header, row);
	return lines.join('\n');
}

function targetsTable(
	results: BenchResults,
	lines: string[],
	header: (cells: string[]) => void,
	row: (cells: string[]) => void,
) {
	const network = results.network?.runs.flatMap((run) => run.contenders) ?? [];
	const failed = failures([
		...(results.returnAll ?? []),
		...(results.memory ?? []),
		...(results.add ?? []),
		...(results.perItem ?? []),
		...network,
		...(results.pace?.limited ?? []),
		...(results.pace?.unlimited ?? []),
	]);
	if (failed.length > 0)
		lines.push('', `**Failed runs** (left out of the figures above): ${failed.join('; ')}`);

	lines.push('', '**Targets**', '');
	header(['Target', 'Measured', 'Result']);
	for (const target of results.targets)
		row([target.target, target.measured, target.pass ? 'PASS' : 'FAIL']);
}

/** node:http clients report their requests; the fetch loops send one at a time by construction. */
const inFlight = (contender: Contender) =>
	contender.name.startsWith('raw')
		? '1 (loop)'
		: int(Math.max(...succeeded(contender).map((sample) => sample.maxConcurrent)));

const machineLine = ({ machine: m }: BenchResults) =>
	`${m.cpu}, ${m.cores} cores, Node.js ${m.node}, load average ${fixed(m.loadAverage, 1)} at the end`;

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Median wall time per contender, one group of bars per scenario, each scaled to its slowest. */
export function chart(results: BenchResults): string {
	const groups: Array<[string, Contender[]]> = [
		...(results.network?.runs ?? []).map(({ contacts, contenders }): [string, Contender[]] => [
			`Return All (${int(contacts)}) over HTTPS, ${results.network.rttMs} ms round trip`,
			contenders,
		]),
	];
	if (results.returnAll) {
		groups.push(
			[`Get Contacts, Return All (${int(results.sizes.contacts)}), loopback`, results.returnAll],
			[`Add ${int(results.sizes.addRows)} contacts from items`, results.add],
			[`Contact Group Get × ${int(results.sizes.getItems)} items`, results.perItem],
		);
	}
	const width = 760;
	const labelWidth = 250;
	const barMax = width - labelWidth - 120;
	let y = 30;
	const parts: string[] = [];
	parts.push(
		`<text x="10" y="18" font-weight="bold">Median wall time (ms), shorter is faster — ${escapeXml(results.date.slice(0, 10))}</text>`,
	);
	for (const [title, contenders] of groups) {
		y += 16;
		parts.push(`<text x="10" y="${y}" font-weight="bold">${escapeXml(title)}</text>`);
		y += 8;
		const slowest = Math.max(...contenders.map((contender) => median(contender, 'ms')));
		for (const contender of contenders) {
			const ms = median(contender, 'ms');
			const length = Math.max(1, (ms / slowest) * barMax);
			const colour = contender.name.startsWith('raw')
				? '#8a8a8a'
				: contender.name.includes('Passona')
					? '#2b7bb9'
					: '#e58a2e';
			parts.push(`<text x="10" y="${y + 13}">${escapeXml(contender.name)}</text>`);
			parts.push(
				`<rect x="${labelWidth}" y="${y + 2}" width="${length.toFixed(1)}" height="14" fill="${colour}"/>`,
			);
			parts.push(`<text x="${labelWidth + length + 6}" y="${y + 13}">${int(ms)} ms</text>`);
			y += 20;
		}
		y += 6;
	}
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" font-family="sans-serif" font-size="12">`,
		`<rect width="100%" height="100%" fill="#fff"/>`,
		...parts,
		'</svg>',
		'',
	].join('\n');
}

/** The figures and chart of docs/performance.md, between its bench markers (the text around them is hand-written). */
export function updateDocs(results: BenchResults, markdown: string): void {
	const path = join(PROJECT_ROOT, 'docs', 'performance.md');
	const doc = readFileSync(path, 'utf8');
	const start = '<!-- bench:start -->';
	const end = '<!-- bench:end -->';
	if (!doc.includes(start) || !doc.includes(end))
		throw new Error(`docs/performance.md lacks the ${start} … ${end} markers`);
	const section = [
		`\`npm run bench\` (the node through n8n-core's WorkflowExecute against the local sandbox, which runs in a worker thread as ` +
			`Passona runs on another machine; scenarios 1–3 over plain HTTP on loopback, scenario 4 over HTTPS at a ` +
			`${results.network.rttMs} ms round trip; BENCH_RTT_MS sets the round trip; ` +
			`n8n's nodes from n8n-nodes-base ${results.n8nNodesBase}). Latest run: ${results.date.slice(0, 10)} on ${machineLine(results)}. ` +
			`Times are medians with [min–max] over alternating runs. The bench writes JSON and an SVG chart to \`bench-results/\`.`,
		'',
		`![Median wall time of each contender, scenario 4 at a ${results.network.rttMs} ms round trip over HTTPS](../bench/chart.svg)`,
		'',
		markdown,
	].join('\n');
	writeFileSync(
		path,
		doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), () => `${start}\n${section}\n${end}`),
	);
}

export function writeResults(results: BenchResults, docs: boolean): void {
	const markdown = table(results);
	console.log(
		`\n${results.date} — ${machineLine(results)}; n8n-nodes-base ${results.n8nNodesBase}\n`,
	);
	console.log(markdown);
	const folder = join(PROJECT_ROOT, 'bench-results');
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	writeFileSync(join(folder, 'results.svg'), chart(results));
	writeFileSync(join(folder, 'table.md'), `${markdown}\n`);
	if (docs) {
		writeFileSync(join(PROJECT_ROOT, 'bench', 'chart.svg'), chart(results));
		updateDocs(results, markdown);
	}
	console.log(
		`\nWrote bench-results/results.json, results.svg and table.md${docs ? ', bench/chart.svg and docs/performance.md' : ''}.`,
	);
	console.log(`Bench took ${fixed(results.benchSeconds, 0)} s.`);
}

/**
 * npm run bench: the Passona node against the limit (Node's fetch in a loop) and against n8n's own
 * nodes, all through n8n-core's WorkflowExecute, against the local sandbox running in a worker
 * thread (as Passona runs on another machine, its CPU is not the engine's).
 */
import '../harness/userFolder'; // N8N_USER_FOLDER in a temporary folder, before n8n-core loads
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../sandbox';
import { PROJECT_ROOT } from '../harness/engine';
import {
	addContactsAggregated,
	addContactsPerItem,
	addContactsRaw,
	contactRows,
	control,
	createTemplate,
	getContactsHttpRequest,
	getContactsNode,
	getContactsRaw,
	getGroupKeepAlive,
	getGroupNode,
	getGroupPaced,
	getGroupRaw,
	sendTestKeepAlive,
	sendTestPaced,
	type Target,
	testNumbers,
} from './contenders';
import { countRequests, measure, type Sample } from './measure';
import { getContactsHttps, RTT_MS, trustedBench } from './network';
import { loadN8nNodes } from './n8nNodesBase';
import { queueScenario } from './queue';
import { startRemoteSandbox } from './remoteSandbox';
import {
	type BenchResults,
	type Contender,
	judge,
	machine,
	type PaceResults,
	writeResults,
} from './report';
import { parseRateLimit, type RateLimit } from '../sandbox';
import { DEFAULT_PARALLEL_REQUESTS } from '../core/listing';

/** Rounds of the fast scenarios; BENCH_ROUNDS overrides (the slower ones run fewer, to keep the bench short). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const SLOW_ROUNDS = Math.min(ROUNDS, 3);
/** The one-request-per-item path makes 10,000 requests a run: it runs once. */
const PER_ITEM_ROUNDS = 1;
const CONTACTS = 100_000;
const SMALL_CONTACTS = 25_000;
const ADD_ROWS = 10_000;
const GET_ITEMS = 1_000;
/** Sizes of the network scenario; BENCH_NETWORK_CONTACTS=2000,5000 for a quick look. */
const NETWORK_CONTACTS = (process.env.BENCH_NETWORK_CONTACTS ?? '20000,100000')
	.split(',')
	.map(Number);
/** BENCH_ONLY=network, pace or queue runs that scenario alone (its targets only). */
const ONLY = process.env.BENCH_ONLY;
const NETWORK_ONLY = ONLY === 'network';
const QUEUE_ONLY = ONLY === 'queue';
/** BENCH_SKIP=queue leaves the queue scenario out of the full bench. */
const SKIPPED = (process.env.BENCH_SKIP ?? '').split(',');
/** Items of the pacing scenario, and the rate limit it runs against (BENCH_RATE_LIMIT=requests/seconds). */
const PACE_ITEMS = 1_000;
const PACE_LIMIT = parseRateLimit(process.env.BENCH_RATE_LIMIT ?? '250/10') as RateLimit;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs each contender `rounds` times, alternating them (the order rotates every round). */
async function alternate(
	rounds: number,
	contenders: Array<{ name: string; run: () => Promise<unknown[]>; rounds?: number }>,
): Promise<Contender[]> {
	const samples = new Map<string, Sample[]>(contenders.map((contender) => [contender.name, []]));
	for (let round = 0; round < rounds; round++) {
		for (let k = 0; k < contenders.length; k++) {
			const contender = contenders[(k + round) % contenders.length];
			if (round >= (contender.rounds ?? rounds)) continue;
			const sample = await measure(contender.run);
			samples.get(contender.name)!.push(sample);
			const failed = sample.error === undefined ? '' : `, FAILED: ${sample.error}`;
			log(
				`  ${contender.name}: ${sample.ms.toFixed(0)} ms, ${sample.items} items, ${sample.requests} requests${failed}`,
			);
		}
	}
	return contenders.map((contender) => ({
		name: contender.name,
		samples: samples.get(contender.name)!,
	}));
}

/**
 * 1, again with the sandbox on the engine's own thread (as the bench first measured it): nothing
 * overlaps there, so this shows what a page costs in CPU, n8n-core's request path included.
 */
async function sameThreadScenario(): Promise<Contender[]> {
	const sandbox = await startSandbox({ jobDelayMs: 0, requestTimeoutMs: 0, rateLimit: null });
	try {
		const target: Target = { url: sandbox.url, token: sandbox.token };
		const big = sandbox.store.seedContactGroup({ name: 'Bench 100k', contacts: CONTACTS }).uuid;
		log(
			`1b. Get Contacts, Return All, ${CONTACTS} contacts, the sandbox on the engine's own thread, ${SLOW_ROUNDS} rounds`,
		);
		await getContactsNode(target, big);
		return await alternate(SLOW_ROUNDS, [
			{ name: 'raw fetch loop (limit)', run: () => getContactsRaw(target, big) },
			{ name: 'Passona node (default: 6 in flight)', run: () => getContactsNode(target, big) },
			{ name: 'Passona node, Parallel Requests 1', run: () => getContactsNode(target, big, 1) },
		]);
	} finally {
		await sandbox.close();
	}
}

/** 4. Return All over HTTPS with a round trip, against sequential raw clients and HTTP Request. */
async function networkScenario(
	n8n: ReturnType<typeof loadN8nNodes>,
): Promise<BenchResults['network']> {
	const target = await startRemoteSandbox(RTT_MS);
	try {
		const runs: BenchResults['network']['runs'] = [];
		const warm = await target.seed('Bench network warm-up', 2000);
		await getContactsNode(target, warm);
		await getContactsHttps(true)(target, warm);
		await getContactsHttpRequest(n8n, true)(target, warm);
		for (const contacts of NETWORK_CONTACTS) {
			const group = await target.seed(`Bench network ${contacts}`, contacts);
			log(
				`4. Get Contacts, Return All, ${contacts} contacts over HTTPS at ${RTT_MS} ms round trip, ${SLOW_ROUNDS} rounds`,
			);
			const contenders = await alternate(SLOW_ROUNDS, [
				{ name: 'raw keep-alive loop (limit)', run: () => getContactsHttps(true)(target, group) },
				{ name: 'raw new connection per page', run: () => getContactsHttps(false)(target, group) },
				{ name: 'Passona node (default: 6 in flight)', run: () => getContactsNode(target, group) },
				{ name: 'Passona node, Parallel Requests 1', run: () => getContactsNode(target, group, 1) },
				{ name: 'Passona node, Parallel Requests 8', run: () => getContactsNode(target, group, 8) },
				{
					name: 'HTTP Request + Split Out',
					run: () => getContactsHttpRequest(n8n, true)(target, group),
				},
			]);
			runs.push({ contacts, contenders });
		}
		return { rttMs: RTT_MS, runs };
	} finally {
		await target.close();
	}
}

/**
 * 5. 1,000 items of Contact Group Get and of Send Test against the sandbox with a rate limit on
 * (each run starts with a fresh window), then without one against Node's keep-alive fetch with as
 * many requests in flight as the node keeps. One round each: a rate-limited run takes its minimum.
 */
async function paceScenario(): Promise<PaceResults> {
	const target = await startRemoteSandbox();
	try {
		const group = await target.seed('Bench pace', 3);
		const template = await createTemplate(target);
		let round = 0;
		const throttled: Record<string, number[]> = {};
		const admitted: Record<string, number[]> = {};
		/**
		 * Runs `run` with `limit` in force from a fresh window; records the 429s it met and the
		 * requests the limit let through.
		 */
		const under = (name: string, limit: RateLimit | null, run: () => Promise<unknown[]>) => ({
			name,
			run: async () => {
				await control(target, 'PUT', '/rate-limit', {
					requests: limit?.requests ?? null,
					window_seconds: limit?.windowSeconds,
				});
				await control(target, 'DELETE', '/outbox');
				const output = await run();
				const traffic = await control(target, 'GET', '/traffic');
				(throttled[name] ??= []).push(traffic!.data.throttled);
				(admitted[name] ??= []).push(traffic!.data.requests - traffic!.data.throttled);
				return output;
			},
		});
		const numbers = () => testNumbers(PACE_ITEMS, ++round);
		log('   warm-up');
		await getGroupPaced(target, group, 50);
		await sendTestPaced(target, template, testNumbers(50, 0));
		log(
			`5. ${PACE_ITEMS} items against a rate limit of ${PACE_LIMIT.requests} requests per ${PACE_LIMIT.windowSeconds} s`,
		);
		const limited = await alternate(1, [
			under('Passona node, Contact Group Get', PACE_LIMIT, () =>
				getGroupPaced(target, group, PACE_ITEMS),
			),
			under('Passona node, Send Test', PACE_LIMIT, () =>
				sendTestPaced(target, template, numbers()),
			),
		]);
		log(`   and without a rate limit, ${SLOW_ROUNDS} rounds`);
		const inFlight = DEFAULT_PARALLEL_REQUESTS;
		const unlimited = await alternate(SLOW_ROUNDS, [
			under(`raw keep-alive loop, ${inFlight} in flight: Contact Group Get`, null, () =>
				getGroupKeepAlive(target, group, PACE_ITEMS, inFlight),
			),
			under('Passona node, Contact Group Get', null, () =>
				getGroupPaced(target, group, PACE_ITEMS),
			),
			under(`raw keep-alive loop, ${inFlight} in flight: Send Test`, null, () =>
				sendTestKeepAlive(target, template, numbers(), inFlight),
			),
			under('Passona node, Send Test', null, () => sendTestPaced(target, template, numbers())),
		]);
		return {
			items: PACE_ITEMS,
			limit: PACE_LIMIT,
			inFlight,
			limited,
			unlimited,
			throttled,
			admitted,
		};
	} finally {
		await target.close();
	}
}

/** What every scenario measured; main() adds when, where and the verdicts. */
type Measured = Omit<
	BenchResults,
	'date' | 'machine' | 'n8nNodesBase' | 'targets' | 'benchSeconds'
>;

/** Scenarios 1–3 on loopback, then 4 over HTTPS, then 1 again on the engine's own thread. */
async function allScenarios(n8n: ReturnType<typeof loadN8nNodes>): Promise<Measured> {
	const sandbox = await startRemoteSandbox();
	try {
		const target: Target = { url: sandbox.url, token: sandbox.token };
		const big = await sandbox.seed('Bench 100k', CONTACTS);
		const small = await sandbox.seed('Bench 25k', SMALL_CONTACTS);
		const addTarget = await sandbox.seed('Bench add', 0);
		const rows = contactRows(ADD_ROWS);

		log(`Warm-up`);
		await getContactsNode(target, small);
		await getContactsRaw(target, small);
		await getContactsHttpRequest(n8n, true)(target, small);
		await getGroupNode(target, small, 50);
		await getGroupRaw(target, small, 50);

		log(`1. Get Contacts, Return All, ${CONTACTS} contacts, ${ROUNDS} rounds`);
		const returnAll = await alternate(ROUNDS, [
			{ name: 'raw fetch loop (limit)', run: () => getContactsRaw(target, big) },
			{ name: 'Passona node (default: 6 in flight)', run: () => getContactsNode(target, big) },
			{ name: 'Passona node, Parallel Requests 1', run: () => getContactsNode(target, big, 1) },
			{
				name: 'HTTP Request + Split Out',
				run: () => getContactsHttpRequest(n8n, true)(target, big),
			},
			{ name: 'HTTP Request (pages)', run: () => getContactsHttpRequest(n8n, false)(target, big) },
		]);

		log(`   memory: ${SMALL_CONTACTS} against ${CONTACTS} contacts, ${SLOW_ROUNDS} rounds`);
		const memory = await alternate(SLOW_ROUNDS, [
			{ name: `Passona node, ${SMALL_CONTACTS}`, run: () => getContactsNode(target, small) },
			{ name: `Passona node, ${CONTACTS}`, run: () => getContactsNode(target, big) },
			{ name: `raw fetch loop, ${SMALL_CONTACTS}`, run: () => getContactsRaw(target, small) },
			{ name: `raw fetch loop, ${CONTACTS}`, run: () => getContactsRaw(target, big) },
		]);

		log(
			`2. Add ${ADD_ROWS} contacts arriving as ${ADD_ROWS} input items, ${ROUNDS} rounds (one request per item: ${PER_ITEM_ROUNDS})`,
		);
		const add = await alternate(ROUNDS, [
			{
				name: 'raw fetch, requests of 1,000 (limit)',
				run: () => addContactsRaw(target, addTarget, rows),
			},
			{
				name: 'Aggregate → Passona (JSON)',
				run: () => addContactsAggregated(n8n)(target, addTarget, rows),
			},
			{
				name: 'Passona per item (Fields)',
				run: () => addContactsPerItem(target, addTarget, rows),
				rounds: PER_ITEM_ROUNDS,
			},
		]);

		log(`3. Contact Group Get for ${GET_ITEMS} input items, ${SLOW_ROUNDS} rounds`);
		const perItem = await alternate(SLOW_ROUNDS, [
			{ name: 'raw fetch loop (limit)', run: () => getGroupRaw(target, small, GET_ITEMS) },
			{ name: 'Passona node', run: () => getGroupNode(target, small, GET_ITEMS) },
		]);

		const network = await networkScenario(n8n);
		// Last: its sandbox's 100,000 contacts would otherwise be in this thread's heap for the others.
		const sameThread = await sameThreadScenario();
		return {
			rounds: {
				returnAll: ROUNDS,
				memory: SLOW_ROUNDS,
				add: ROUNDS,
				addPerItem: PER_ITEM_ROUNDS,
				perItem: SLOW_ROUNDS,
			},
			sizes: {
				contacts: CONTACTS,
				smallContacts: SMALL_CONTACTS,
				addRows: ADD_ROWS,
				getItems: GET_ITEMS,
			},
			returnAll,
			sameThread,
			memory,
			add,
			perItem,
			network,
		};
	} finally {
		await sandbox.close();
	}
}

async function main(): Promise<void> {
	if (process.argv.includes('--rewrite')) {
		// docs/performance.md's figures and chart again from the last run's bench-results/results.json.
		const saved = JSON.parse(
			readFileSync(join(PROJECT_ROOT, 'bench-results', 'results.json'), 'utf8'),
		) as BenchResults;
		writeResults(saved, true);
		return;
	}
	if (QUEUE_ONLY) {
		await queueScenario(log, true);
		return;
	}
	const child = await trustedBench();
	if (child !== undefined) process.exit(child);
	const started = Date.now();
	const n8n = loadN8nNodes(log);
	const stopCounting = countRequests();
	try {
		const measured: Partial<Measured> = NETWORK_ONLY
			? { network: await networkScenario(n8n) }
			: ONLY === 'pace'
				? { pace: await paceScenario() }
				: { ...(await allScenarios(n8n)), pace: await paceScenario() };
		const results = {
			...measured,
			date: new Date().toISOString(),
			machine: machine(),
			n8nNodesBase: n8n.version,
			targets: [],
			benchSeconds: (Date.now() - started) / 1000,
		} as BenchResults;
		results.targets = judge(results);
		// Only a whole run may replace docs/performance.md's figures (--readme: the flag's old name).
		const docs = process.argv.includes('--docs') || process.argv.includes('--readme');
		writeResults(results, ONLY === undefined && docs);
	} finally {
		stopCounting();
	}
	// Real n8n processes, measured apart: their figures go to bench-results/queue.json.
	if (ONLY === undefined && !SKIPPED.includes('queue')) await queueScenario(log, false);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

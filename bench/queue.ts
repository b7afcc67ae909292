/**
 * 5. Inbound deliveries in n8n's queue mode: the Passona Trigger against n8n's Webhook node (v2,
 * header auth), the same Passona node after each, in real n8n 2.40.7 (main, an `n8n webhook`
 * process, two workers, PostgreSQL and Redis). It runs e2e/queueBench.mjs in a child process,
 * which prints the table and one result line; the results go to bench-results/queue.json.
 *
 * In the full bench only when n8n is already installed by the e2e tests (about 3 GB: a bench never
 * installs it) and with one round, and left out with BENCH_SKIP=queue; BENCH_ONLY=queue runs it
 * alone (two rounds, about 7 minutes), installing n8n when needed. BENCH_QUEUE_ROUNDS,
 * BENCH_QUEUE_DELIVERIES and BENCH_QUEUE_FORGED set its sizes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../harness/engine';

const RESULT = 'QUEUE_BENCH_RESULT ';

export async function queueScenario(
	log: (line: string) => void,
	installIfMissing: boolean,
): Promise<unknown> {
	log(
		`5. Inbound deliveries in n8n's queue mode: Passona Trigger against n8n's Webhook node (v2, header auth)`,
	);
	const started = Date.now();
	let result: unknown;
	const code = await new Promise<number | null>((resolve, reject) => {
		const child = spawn(process.execPath, [join(PROJECT_ROOT, 'e2e', 'queueBench.mjs')], {
			cwd: PROJECT_ROOT,
			// In the full bench: one round unless BENCH_QUEUE_ROUNDS says otherwise (about 4 minutes).
			env: installIfMissing
				? process.env
				: {
						BENCH_QUEUE_ROUNDS: '1',
						...process.env,
						BENCH_QUEUE_IF_INSTALLED: '1',
					},
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let buffer = '';
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			buffer += chunk;
			const lines = buffer.split('\n');
			buffer = lines.pop()!;
			for (const line of lines) {
				if (line.startsWith(RESULT)) result = JSON.parse(line.slice(RESULT.length));
				else log(line);
			}
		});
		child.once('error', reject);
		child.once('exit', resolve);
	});
	if (code !== 0) throw new Error(`the queue-mode delivery scenario failed (exit ${code})`);
	if (result !== undefined) {
		const folder = join(PROJECT_ROOT, 'bench-results');
		mkdirSync(folder, { recursive: true });
		writeFileSync(join(folder, 'queue.json'), JSON.stringify(result, null, 2));
		log(`   took ${Math.round((Date.now() - started) / 1000)} s; wrote bench-results/queue.json`);
	}
	return result;
}

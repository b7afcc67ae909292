// The queue-mode delivery scenario of `npm run bench` (BENCH_ONLY=queue runs it alone), also runnable
// as `node e2e/queueBench.mjs` after a build: see e2e/lib/queueBench.mjs. Prints the table, then one
// line `QUEUE_BENCH_RESULT {json}` for bench/index.ts. BENCH_QUEUE_ROUNDS (2),
// BENCH_QUEUE_DELIVERIES (150) and BENCH_QUEUE_FORGED (75) change the sizes.
import { join } from 'node:path';
import { ensureInstall, installedPaths } from './lib/install.mjs';
import { ROOT } from './lib/paths.mjs';
import { queueDeliveryBench, queueTable } from './lib/queueBench.mjs';
import { timedLog } from './lib/steps.mjs';

const { log } = timedLog();
const number = (name, fallback) => Math.max(1, Number(process.env[name] ?? fallback));

try {
	// BENCH_QUEUE_IF_INSTALLED (the default bench): never installs n8n (about 3 GB) for a bench.
	const paths = process.env.BENCH_QUEUE_IF_INSTALLED
		? await installedPaths()
		: await ensureInstall({ log });
	if (!paths) {
		log(
			'queue-mode deliveries: skipped, n8n is not installed (npm run test:e2e installs it; BENCH_ONLY=queue installs it and runs this scenario alone)',
		);
		process.exit(0);
	}
	const results = await queueDeliveryBench({
		paths,
		log,
		artifacts: join(ROOT, 'artifacts', 'bench', 'queue'),
		rounds: number('BENCH_QUEUE_ROUNDS', 2),
		deliveries: number('BENCH_QUEUE_DELIVERIES', 150),
		forged: number('BENCH_QUEUE_FORGED', 75),
	});
	log(`queue-mode deliveries, n8n ${paths.version}:\n${queueTable(results)}`);
	console.log(`QUEUE_BENCH_RESULT ${JSON.stringify({ n8n: paths.version, ...results })}`);
} catch (error) {
	console.error(`queue bench FAILED: ${error?.stack ?? error}`);
	process.exitCode = 1;
}

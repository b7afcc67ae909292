// n8n in queue mode, as production runs it: PostgreSQL and Redis (e2e/lib/services.mjs), a main
// (startStack's, with the sandbox), one `n8n webhook` process and `n8n worker`s, each process with its
// own user folder and this package installed in it. Main and the webhook process share one webhook
// URL setting (N8N_WEBHOOK_URL: the webhook process's address, where a load balancer would be), and
// main serves no production webhooks. stop() stops everything, also on failure.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS } from './paths.mjs';
import { startPostgres, startRedis } from './services.mjs';
import {
	cleanupList,
	freePorts,
	installPackage,
	startN8nProcess,
	startStack,
	stopN8nProcess,
} from './stack.mjs';

/** Keeps `port` bound until released, so that no other probe of a free port is handed it. */
async function holdPort(port) {
	const server = createServer();
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return () => new Promise((resolve) => (server.listening ? server.close(resolve) : resolve()));
}

async function readyAt(url) {
	try {
		return (await fetch(url)).ok;
	} catch {
		return false;
	}
}

/**
 * Starts the queue-mode stack. `workers`: how many `n8n worker`s; `concurrency`: each worker's.
 * Returns startStack's stack (main, sandbox, cli) plus { pg, redis, webhookOrigin, processes,
 * restart(name, env), stopProcess(name, signal), startProcess(name), stop }.
 */
export async function startQueueStack({
	paths,
	log = console.log,
	artifacts = ARTIFACTS,
	workers = 2,
	concurrency = 5,
	env: envChanges = {},
}) {
	await mkdir(artifacts, { recursive: true });
	const { cleanups, stop } = cleanupList(log);
	try {
		const pg = await startPostgres({ paths, log, artifacts });
		cleanups.push(pg.stop);
		const redis = await startRedis({ log, artifacts });
		cleanups.push(redis.stop);

		const [webhookPort] = await freePorts(1);
		const releaseWebhookPort = await holdPort(webhookPort);
		cleanups.push(releaseWebhookPort);
		const webhookOrigin = `http://127.0.0.1:${webhookPort}`;
		const shared = {
			DB_TYPE: 'postgresdb',
			DB_SQLITE_POOL_SIZE: undefined,
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: pg.database,
			DB_POSTGRESDB_USER: pg.user,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// n8n 2.x: the base URL of production and test webhooks (WEBHOOK_URL is deprecated).
			N8N_WEBHOOK_URL: `${webhookOrigin}/`,
			WEBHOOK_URL: undefined,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			...envChanges,
		};
		const stack = await startStack({
			paths,
			log,
			artifacts,
			env: { ...shared, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
		});
		cleanups.push(stack.stop);

		/** The other processes by name: their args, env, user folder, log and running child. */
		const processes = new Map();
		const define = async (name, args, ports, extraEnv, ready) => {
			const userFolder = await mkdtemp(join(tmpdir(), `passona-n8n-${name}-`));
			cleanups.push(() => rm(userFolder, { recursive: true, force: true }));
			await installPackage(join(userFolder, '.n8n', 'nodes'), log);
			const logStream = createWriteStream(join(artifacts, `n8n-${name}.log`));
			cleanups.push(() => new Promise((resolve) => logStream.end(resolve)));
			const env = {
				...stack.env,
				...shared,
				HOME: userFolder,
				N8N_USER_FOLDER: userFolder,
				N8N_RUNNERS_BROKER_PORT: String(ports.broker),
				...extraEnv,
			};
			for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
			processes.set(name, { name, args, env, userFolder, logStream, ready, child: undefined });
		};
		const startProcess = async (name, envChangesForRun = {}) => {
			const entry = processes.get(name);
			const env = { ...entry.env, ...envChangesForRun };
			for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
			entry.logStream.write(`\n=== n8n ${entry.args.join(' ')} starting ===\n`);
			entry.child = await startN8nProcess({
				paths,
				args: entry.args,
				env,
				cwd: entry.userFolder,
				logStream: entry.logStream,
				logName: join(artifacts, `n8n-${name}.log`),
				ready: () => entry.ready(env),
				// Recorded at once: if another process fails to start, the cleanup stops this one too.
				onSpawn: (child) => (entry.child = child),
			});
			return entry.child;
		};
		const stopProcess = async (name, signal = 'SIGTERM') => {
			await stopN8nProcess(processes.get(name).child, signal);
		};

		const ports = await freePorts(1 + 2 * workers);
		await define(
			'webhook',
			['webhook'],
			{ broker: ports[0] },
			{ N8N_PORT: String(webhookPort) },
			(env) => readyAt(`http://127.0.0.1:${env.N8N_PORT}/healthz/readiness`),
		);
		const workerNames = [];
		for (let i = 1; i <= workers; i++) {
			const name = `worker-${i}`;
			workerNames.push(name);
			await define(
				name,
				['worker', `--concurrency=${concurrency}`],
				{ broker: ports[2 * i - 1] },
				{
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(ports[2 * i]),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				},
				(env) => readyAt(`http://127.0.0.1:${env.QUEUE_HEALTH_CHECK_PORT}/healthz/readiness`),
			);
		}
		// Stopped before main and the databases (cleanups run last first).
		cleanups.push(() => Promise.all([...processes.keys()].map((name) => stopProcess(name))));

		/** Starts main, then the webhook process and the workers side by side. */
		const startAll = async () => {
			await stack.startN8n();
			await releaseWebhookPort();
			await Promise.all([...processes.keys()].map((name) => startProcess(name)));
		};
		const restart = async (name, changes = {}, signal = 'SIGTERM') => {
			await stopProcess(name, signal);
			return await startProcess(name, changes);
		};
		return {
			...stack,
			pg,
			redis,
			webhookOrigin,
			processes,
			workerNames,
			startAll,
			startProcess,
			stopProcess,
			restart,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

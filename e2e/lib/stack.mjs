// The sandbox and a real n8n (Node.js 24, SQLite, a fresh user folder) with this package installed
// as n8n installs community packages. Everything started here is stopped by stop(), also on failure.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ARTIFACTS, ROOT } from './paths.mjs';
import { run } from './install.mjs';

const require = createRequire(import.meta.url);

export async function freePort() {
	const [port] = await freePorts(1);
	return port;
}

/**
 * `count` distinct free ports of 127.0.0.1: every probe socket stays open until all are chosen, so
 * the system cannot hand the same port out twice (n8n's port and its task broker's port collided
 * when each was probed and released on its own).
 */
export async function freePorts(count) {
	const servers = [];
	try {
		for (let i = 0; i < count; i++) {
			const server = createServer();
			servers.push(server);
			await new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(0, '127.0.0.1', resolve);
			});
		}
		return servers.map((server) => server.address().port);
	} finally {
		await Promise.all(
			servers.map(
				(server) =>
					new Promise((resolve) => (server.listening ? server.close(resolve) : resolve())),
			),
		);
	}
}

/** n8n's words when a port it wants is taken by another process between our probe and its start. */
export const PORT_IN_USE = /EADDRINUSE|port .* is already in use/i;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Installs this package the way n8n 2.40's community package installer does: `npm pack` (dist/ must be
 * built), unpack into <userFolder>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional
 * dependencies from its package.json, `npm install` inside it (no scripts, no lock), and record it in
 * nodes/package.json.
 */
export async function installPackage(nodesDir, log) {
	const { name, version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
	const packageDir = join(nodesDir, 'node_modules', name);
	await mkdir(packageDir, { recursive: true });
	const packDir = await mkdtemp(join(tmpdir(), 'passona-pack-'));
	try {
		await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir], {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		const [tarball] = (await readdir(packDir)).filter((file) => file.endsWith('.tgz'));
		if (!tarball) throw new Error('npm pack made no tarball');
		await run('tar', ['-xzf', join(packDir, tarball), '-C', packageDir, '--strip-components=1']);
		const packageJsonPath = join(packageDir, 'package.json');
		// eslint-disable-next-line no-unused-vars
		const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(
			await readFile(packageJsonPath, 'utf8'),
		);
		await writeFile(packageJsonPath, JSON.stringify(packageJson, null, 2));
		await run(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--loglevel=error',
			],
			{ cwd: packageDir },
		);
		await writeFile(
			join(nodesDir, 'package.json'),
			JSON.stringify(
				{ name: 'installed-nodes', private: true, dependencies: { [name]: version } },
				null,
				2,
			),
		);
		log(`e2e: installed ${tarball} into ${packageDir}`);
	} finally {
		await rm(packDir, { recursive: true, force: true });
	}
}

/** Whether n8n's main process at `origin` is ready: migrated and serving its REST API. */
async function mainReady(origin) {
	try {
		const response = await fetch(`${origin}/healthz/readiness`);
		// n8n 1.x is "ready" once its database is migrated, before its REST routes exist.
		return response.ok && (await fetch(`${origin}/rest/settings`)).ok;
	} catch {
		return false; // not listening yet
	}
}

/**
 * Starts one n8n process (`args`: ['start'], ['webhook'], ['worker', …]) in its own process group,
 * its output appended to `logStream`, and waits until `ready()` answers true. Fails when it exits
 * first (`error.portInUse` when a port it wanted was taken) or is not ready within 180 s.
 * Returns the child, with `exitedPromise` resolving to its exit code or signal; `onSpawn` gets it
 * at once, so that a cleanup running while it starts can stop it.
 */
export async function startN8nProcess({
	paths,
	args,
	env,
	cwd,
	logStream,
	logName,
	ready,
	onSpawn = () => {},
}) {
	const child = spawn(paths.node, [paths.n8n, ...args], {
		env,
		cwd,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	onSpawn(child);
	child.stdout.pipe(logStream, { end: false });
	child.stderr.pipe(logStream, { end: false });
	let output = '';
	const keep = (chunk) => (output = `${output}${chunk}`.slice(-20_000));
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	child.exitedPromise = new Promise((resolve) =>
		child.once('exit', (code, signal) => resolve(`${signal ?? code}`)),
	);
	const deadline = Date.now() + 180_000;
	for (;;) {
		const gone = await Promise.race([child.exitedPromise, sleep(500).then(() => undefined)]);
		if (gone !== undefined) {
			const error = new Error(
				`n8n ${args[0]} exited (${gone}) before it was ready; see ${logName}`,
			);
			error.portInUse = PORT_IN_USE.test(output);
			throw error;
		}
		if (await ready()) return child;
		if (Date.now() > deadline) {
			await stopN8nProcess(child, 'SIGKILL');
			throw new Error(`n8n ${args[0]} was not ready within 180 s; see ${logName}`);
		}
	}
}

/**
 * Stops an n8n process started by startN8nProcess and its children: SIGTERM (n8n shuts down
 * cleanly, a main deactivating its triggers) with 30 s to exit, then SIGKILL; or `signal` at once.
 */
export async function stopN8nProcess(child, signal = 'SIGTERM') {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	process.kill(-child.pid, signal);
	const done = await Promise.race([child.exitedPromise, sleep(30_000).then(() => undefined)]);
	if (done === undefined) {
		process.kill(-child.pid, 'SIGKILL');
		await child.exitedPromise;
	}
}

/** What to undo, last first: push onto `cleanups`; stop() runs them all, logging what fails. */
export function cleanupList(log) {
	const cleanups = [];
	const stop = async () => {
		while (cleanups.length) {
			try {
				await cleanups.pop()();
			} catch (error) {
				log(`e2e: cleanup failed: ${error?.message ?? error}`);
			}
		}
	};
	return { cleanups, stop };
}

export async function startStack({
	paths,
	log = console.log,
	artifacts = ARTIFACTS,
	keepUserFolder = false,
	env: envChanges = {},
}) {
	await mkdir(artifacts, { recursive: true });
	const { cleanups, stop } = cleanupList(log);
	try {
		// The sandbox (compiled to build/sandbox by the npm script).
		const { startSandbox } = require(join(ROOT, 'build', 'sandbox', 'index.js'));
		// Rate limit on (docs/sandbox.md): roomy, as the trigger's own requests are not paced by a node run.
		const sandbox = await startSandbox({
			port: 0,
			jobDelayMs: 100,
			rateLimit: { requests: 1000, windowSeconds: 60 },
		});
		cleanups.push(() => sandbox.close());
		const sandboxLog = createWriteStream(join(artifacts, 'sandbox.log'));
		cleanups.push(() => new Promise((resolve) => sandboxLog.end(resolve)));
		// The sandbox's request log (method, path, status of every API call) goes to sandbox.log.
		cleanups.push(async () => {
			const response = await fetch(`${sandbox.origin}/_sandbox/requests`, {
				headers: { Authorization: `Bearer ${sandbox.token}` },
			});
			const answer = await response.json();
			for (const entry of answer.data)
				sandboxLog.write(
					`${entry.status ?? '---'} ${entry.method} ${entry.path}${Object.keys(entry.query).length ? ` ${JSON.stringify(entry.query)}` : ''}\n`,
				);
		});
		log(`e2e: sandbox at ${sandbox.url}`);

		const userFolder = await mkdtemp(join(tmpdir(), 'passona-n8n-'));
		if (!keepUserFolder) cleanups.push(() => rm(userFolder, { recursive: true, force: true }));
		await installPackage(join(userFolder, '.n8n', 'nodes'), log);

		// n8n's port, its task broker's port and the broker port of CLI commands, chosen together.
		const [port, brokerPort, cliBrokerPort] = await freePorts(3);
		const origin = `http://127.0.0.1:${port}`;
		const env = {
			PATH: `${join(paths.nodeDir, 'bin')}:${process.env.PATH}`,
			HOME: userFolder,
			TZ: 'UTC',
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${origin}/`,
			N8N_EDITOR_BASE_URL: `${origin}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			// n8n 2.x always starts its task runner broker; each n8n process gets its own free port.
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_ENCRYPTION_KEY: 'passona-e2e-encryption-key',
			DB_TYPE: 'sqlite',
			DB_SQLITE_POOL_SIZE: '2',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			NODE_ENV: 'production',
		};
		// The caller's changes (queue mode: PostgreSQL, Redis, the webhook URL); undefined removes.
		for (const [name, value] of Object.entries(envChanges)) {
			if (value === undefined) delete env[name];
			else env[name] = value;
		}
		const n8nLog = createWriteStream(join(artifacts, 'n8n.log'));
		cleanups.push(() => new Promise((resolve) => n8nLog.end(resolve)));

		/** Runs an n8n CLI command (same user folder and database), output kept in cli.log. */
		const cli = async (args, { capture = false } = {}) => {
			const cliLog = createWriteStream(join(artifacts, 'cli.log'), { flags: 'a' });
			cliLog.write(`\n$ n8n ${args.join(' ')}\n`);
			try {
				return await new Promise((resolve, reject) => {
					const child = spawn(paths.node, [paths.n8n, ...args], {
						env: { ...env, N8N_RUNNERS_BROKER_PORT: String(cliBrokerPort) },
						cwd: userFolder,
						stdio: ['ignore', 'pipe', 'pipe'],
					});
					let stdout = '';
					child.stdout.on('data', (chunk) => {
						stdout += chunk;
						cliLog.write(chunk);
					});
					child.stderr.on('data', (chunk) => cliLog.write(chunk));
					child.once('error', reject);
					child.once('exit', (code) =>
						code === 0
							? resolve(capture ? stdout : undefined)
							: reject(
									new Error(
										`n8n ${args.join(' ')} exited ${code} (see cli.log)\n${stdout.slice(-2000)}`,
									),
								),
					);
				});
			} finally {
				await new Promise((resolve) => cliLog.end(resolve));
			}
		};

		let n8n;
		const startOnce = async () => {
			n8n = await startN8nProcess({
				paths,
				args: ['start'],
				env,
				cwd: userFolder,
				logStream: n8nLog,
				logName: join(artifacts, 'n8n.log'),
				ready: () => mainReady(origin),
				onSpawn: (child) => (n8n = child),
			});
		};
		/** Starts n8n; if another process took a port between the probe and n8n's start, tries fresh ports. */
		const startN8n = async () => {
			for (let attempt = 1; ; attempt++) {
				try {
					return await startOnce();
				} catch (error) {
					if (!error.portInUse || attempt === 3) throw error;
					const [newBrokerPort] = await freePorts(1);
					log(
						`e2e: a port n8n wanted was taken (attempt ${attempt}); retrying with broker port ${newBrokerPort}`,
					);
					env.N8N_RUNNERS_BROKER_PORT = String(newBrokerPort);
				}
			}
		};
		/** Stops main: SIGTERM (a clean shutdown) by default, or `signal` (SIGKILL: a crash). */
		const stopN8n = (signal) => stopN8nProcess(n8n, signal);
		cleanups.push(stopN8n);

		return { sandbox, sandboxLog, userFolder, origin, port, env, cli, startN8n, stopN8n, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

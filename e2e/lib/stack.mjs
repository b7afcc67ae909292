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

export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Installs this package the way n8n 2.40's community package installer does: `npm pack` (dist/ must be
 * built), unpack into <userFolder>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional
 * dependencies from its package.json, `npm install` inside it (no scripts, no lock), and record it in
 * nodes/package.json.
 */
async function installPackage(nodesDir, log) {
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
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--loglevel=error'],
			{ cwd: packageDir },
		);
		await writeFile(
			join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [name]: version } }, null, 2),
		);
		log(`e2e: installed ${tarball} into ${packageDir}`);
	} finally {
		await rm(packDir, { recursive: true, force: true });
	}
}

export async function startStack({ paths, log = console.log, artifacts = ARTIFACTS, keepUserFolder = false }) {
	await mkdir(artifacts, { recursive: true });
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
	try {
		// The sandbox (compiled to build/sandbox by the npm script).
		const { startSandbox } = require(join(ROOT, 'build', 'sandbox', 'index.js'));
		const sandbox = await startSandbox({ port: 0, jobDelayMs: 100 });
		cleanups.push(() => sandbox.close());
		const sandboxLog = createWriteStream(join(artifacts, 'sandbox.log'));
		cleanups.push(() => new Promise((resolve) => sandboxLog.end(resolve)));
		// The sandbox's request log (method, path, status of every API call) goes to sandbox.log.
		cleanups.push(async () => {
			const response = await fetch(`${sandbox.origin}/_sandbox/requests`, { headers: { Authorization: `Bearer ${sandbox.token}` } });
			const answer = await response.json();
			for (const entry of answer.data) sandboxLog.write(`${entry.status ?? '---'} ${entry.method} ${entry.path}${Object.keys(entry.query).length ? ` ${JSON.stringify(entry.query)}` : ''}\n`);
		});
		log(`e2e: sandbox at ${sandbox.url}`);

		const userFolder = await mkdtemp(join(tmpdir(), 'passona-n8n-'));
		if (!keepUserFolder) cleanups.push(() => rm(userFolder, { recursive: true, force: true }));
		await installPackage(join(userFolder, '.n8n', 'nodes'), log);

		const port = await freePort();
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
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
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
		const n8nLog = createWriteStream(join(artifacts, 'n8n.log'));
		cleanups.push(() => new Promise((resolve) => n8nLog.end(resolve)));

		/** Runs an n8n CLI command (same user folder and database), output kept in cli.log. */
		const cli = async (args, { capture = false } = {}) => {
			const cliLog = createWriteStream(join(artifacts, 'cli.log'), { flags: 'a' });
			cliLog.write(`\n$ n8n ${args.join(' ')}\n`);
			const brokerPort = await freePort();
			try {
				return await new Promise((resolve, reject) => {
					const child = spawn(paths.node, [paths.n8n, ...args], { env: { ...env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) }, cwd: userFolder, stdio: ['ignore', 'pipe', 'pipe'] });
					let stdout = '';
					child.stdout.on('data', (chunk) => {
						stdout += chunk;
						cliLog.write(chunk);
					});
					child.stderr.on('data', (chunk) => cliLog.write(chunk));
					child.once('error', reject);
					child.once('exit', (code) =>
						code === 0 ? resolve(capture ? stdout : undefined) : reject(new Error(`n8n ${args.join(' ')} exited ${code} (see cli.log)\n${stdout.slice(-2000)}`)),
					);
				});
			} finally {
				await new Promise((resolve) => cliLog.end(resolve));
			}
		};

		let n8n;
		const startN8n = async () => {
			n8n = spawn(paths.node, [paths.n8n, 'start'], { env, cwd: userFolder, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
			n8n.stdout.pipe(n8nLog, { end: false });
			n8n.stderr.pipe(n8nLog, { end: false });
			const exited = new Promise((resolve) => n8n.once('exit', (code, signal) => resolve(`${signal ?? code}`)));
			n8n.exitedPromise = exited;
			const deadline = Date.now() + 180_000;
			for (;;) {
				const gone = await Promise.race([exited, sleep(500).then(() => undefined)]);
				if (gone !== undefined) throw new Error(`n8n exited (${gone}) before it was ready; see ${join(artifacts, 'n8n.log')}`);
				try {
					const response = await fetch(`${origin}/healthz/readiness`);
					// n8n 1.x is "ready" once its database is migrated, before its REST routes exist.
					if (response.ok && (await fetch(`${origin}/rest/settings`)).ok) break;
				} catch {
					// not listening yet
				}
				if (Date.now() > deadline) throw new Error(`n8n was not ready within 180 s; see ${join(artifacts, 'n8n.log')}`);
			}
		};
		const stopN8n = async () => {
			if (!n8n || n8n.exitCode !== null || n8n.signalCode !== null) return;
			// n8n deactivates its triggers on SIGTERM; give it time, then make sure.
			process.kill(-n8n.pid, 'SIGTERM');
			const done = await Promise.race([n8n.exitedPromise, sleep(30_000).then(() => undefined)]);
			if (done === undefined) process.kill(-n8n.pid, 'SIGKILL');
		};
		cleanups.push(stopN8n);

		return { sandbox, sandboxLog, userFolder, origin, port, env, cli, startN8n, stopN8n, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}


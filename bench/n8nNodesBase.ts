/**
 * n8n's own nodes for the comparison (HTTP Request, Split Out, Aggregate), from n8n-nodes-base.
 * Taken from an n8n install at e2e/.n8n-install if there is one; otherwise installed on demand
 * into bench/.install (git-ignored) from bench/package.json and its lock, and reused after that.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join, sep } from 'node:path';
import type { INodeType } from 'n8n-workflow';
import { PROJECT_ROOT } from '../harness/engine';

const BENCH_DIR = join(PROJECT_ROOT, 'bench');
const INSTALL_DIR = join(BENCH_DIR, '.install');
const E2E_MODULES = join(PROJECT_ROOT, 'e2e', '.n8n-install', 'node_modules');

const LOCK = join(BENCH_DIR, 'package-lock.json');
/** Written after a successful install: the lock it installed. */
const MARKER = join(INSTALL_DIR, 'installed-lock.json');

function installedLockMatches(): boolean {
	return (
		existsSync(join(INSTALL_DIR, 'node_modules', 'n8n-nodes-base', 'package.json')) &&
		existsSync(MARKER) &&
		readFileSync(MARKER, 'utf8') === readFileSync(LOCK, 'utf8')
	);
}

/** The node_modules folder holding n8n-nodes-base, installing it first when needed. */
function nodeModules(log: (line: string) => void): string {
	if (existsSync(join(E2E_MODULES, 'n8n-nodes-base', 'package.json'))) return E2E_MODULES;
	if (!installedLockMatches()) {
		log(
			'Installing n8n-nodes-base (pinned in bench/package.json) into bench/.install (once; a few minutes)...',
		);
		mkdirSync(INSTALL_DIR, { recursive: true });
		copyFileSync(join(BENCH_DIR, 'package.json'), join(INSTALL_DIR, 'package.json'));
		copyFileSync(LOCK, join(INSTALL_DIR, 'package-lock.json'));
		writeFileSync(
			join(INSTALL_DIR, '.npmrc'),
			'ignore-scripts=true\nfund=false\naudit=false\nupdate-notifier=false\n',
		);
		execFileSync('npm', ['ci', '--no-progress', '--loglevel=error'], {
			cwd: INSTALL_DIR,
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		copyFileSync(LOCK, MARKER);
	}
	return join(INSTALL_DIR, 'node_modules');
}

/**
 * n8n-nodes-base pins the same n8n-workflow as this package; its copy is swapped for the project's
 * so that both contenders run on one engine (one NodeOperationError class, one expression runtime).
 */
function shareEngine(modules: string): void {
	const shared = new Set(['n8n-workflow', 'n8n-core']);
	const moduleWithResolve = Module as unknown as {
		_resolveFilename: (
			request: string,
			parent: { filename?: string } | undefined,
			...rest: unknown[]
		) => string;
	};
	const original = moduleWithResolve._resolveFilename;
	const projectRequire = Module.createRequire(join(PROJECT_ROOT, 'package.json'));
	moduleWithResolve._resolveFilename = function (request, parent, ...rest) {
		const name = request.startsWith('@')
			? request.split('/').slice(0, 2).join('/')
			: request.split('/')[0];
		if (shared.has(name) && parent?.filename?.startsWith(modules + sep))
			return projectRequire.resolve(request);
		return original.call(this, request, parent, ...rest);
	};
}

export interface N8nNodes {
	version: string;
	source: string;
	httpRequest: INodeType;
	splitOut: INodeType;
	aggregate: INodeType;
}

export function loadN8nNodes(log: (line: string) => void): N8nNodes {
	const modules = nodeModules(log);
	shareEngine(modules);
	const base = join(modules, 'n8n-nodes-base');
	const load = <T>(path: string, name: string) =>
		new (require(join(base, 'dist', 'nodes', path)) as Record<string, new () => T>)[name]();
	return {
		version: (JSON.parse(readFileSync(join(base, 'package.json'), 'utf8')) as { version: string })
			.version,
		source: modules,
		httpRequest: load<INodeType>('HttpRequest/HttpRequest.node.js', 'HttpRequest'),
		splitOut: load<INodeType>('Transform/SplitOut/SplitOut.node.js', 'SplitOut'),
		aggregate: load<INodeType>('Transform/Aggregate/Aggregate.node.js', 'Aggregate'),
	};
}

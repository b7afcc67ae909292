#!/usr/bin/env node
// What n8n does on verification: pack the package as npm would publish it, unpack the tarball,
// and run n8n's community package scanner over that folder. Exits non-zero on any violation.
// Run after `npm run build` (the tarball holds dist/ only), or with --clean: dist/ is removed first and
// npm pack runs with lifecycle scripts on, as `npm publish` does (package.json's publishConfig), so
// prepack must build dist/ itself; every file of package.json's n8n section must be in the tarball.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(import.meta.dirname, '..');
const clean = process.argv.includes('--clean');
const work = mkdtempSync(join(tmpdir(), 'passona-scan-'));
try {
	if (clean) rmSync(join(root, 'dist'), { recursive: true, force: true });
	execFileSync('npm', ['pack', `--ignore-scripts=${!clean}`, '--pack-destination', work], {
		cwd: root,
		// prepack's build output goes to stderr here, so that stdout is npm's alone.
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, npm_config_ignore_scripts: String(!clean) },
	});
	const [filename] = readdirSync(work).filter((file) => file.endsWith('.tgz'));
	execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
	const files = execFileSync('tar', ['-tzf', join(work, filename)], { encoding: 'utf8' })
		.split('\n')
		.filter(Boolean)
		.map((file) => file.replace(/^package\//, ''));
	const packageDir = join(work, 'package');
	const { n8n } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	const missing = [...n8n.credentials, ...n8n.nodes].filter((file) => !files.includes(file));
	const result = await analyzePackage(packageDir);
	console.log(
		`scan-package: ${filename}${clean ? ' (dist/ removed first, built by prepack)' : ''}, ${files.length} files`,
	);
	for (const file of files) console.log(`  ${file}`);
	if (missing.length) {
		console.error(`scan-package: FAILED: the tarball lacks ${missing.join(', ')}`);
		process.exitCode = 1;
	} else if (!result.passed) {
		console.error(`scan-package: FAILED: ${result.message}\n${result.details ?? ''}`);
		process.exitCode = 1;
	} else {
		console.log('scan-package: passed n8n community package scan');
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}

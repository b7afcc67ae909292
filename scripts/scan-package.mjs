#!/usr/bin/env node
// What n8n does on verification: pack the package as npm would publish it, unpack the tarball,
// and run n8n's community package scanner over that folder. Exits non-zero on any violation.
// Run after `npm run build` (the tarball holds dist/ only).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'passona-scan-'));
try {
	const [{ filename, files }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	);
	execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
	const packageDir = join(work, 'package');
	const result = await analyzePackage(packageDir);
	console.log(`scan-package: ${filename}, ${files.length} files`);
	for (const file of files) console.log(`  ${file.path}`);
	if (!result.passed) {
		console.error(`scan-package: FAILED: ${result.message}\n${result.details ?? ''}`);
		process.exitCode = 1;
	} else {
		console.log('scan-package: passed n8n community package scan');
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}

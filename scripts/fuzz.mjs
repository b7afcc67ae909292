// `npm run test:fuzz`: the property tests with a fresh random seed and more runs than `npm test`.
// The seed is printed first; a failure is replayed with PASSONA_PROPERTY_SEED=<seed> (CONTRIBUTING.md, Property tests and seeds).
// Usage: npm run test:fuzz [-- --seed N] [-- --runs N]
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : undefined;
};
const seed = option('seed') ?? String(randomInt(-(2 ** 31), 2 ** 31));
const runs = option('runs') ?? '600';
console.log(`test:fuzz: fast-check seed ${seed}, ${runs} runs per property`);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(
	process.execPath,
	[
		join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
		// Every test file that draws from the shared seed, wherever it lives.
		'--findRelatedTests',
		'test/properties/config.ts',
	],
	{
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, PASSONA_PROPERTY_SEED: seed, PASSONA_PROPERTY_RUNS: runs },
	},
);
if (result.status !== 0) {
	console.log(
		`\ntest:fuzz failed with seed ${seed}. Replay: PASSONA_PROPERTY_SEED=${seed} PASSONA_PROPERTY_RUNS=${runs} npx jest --findRelatedTests test/properties/config.ts`,
	);
	console.log(
		'Then add the counterexample fast-check printed as a fixed test (CONTRIBUTING.md, Property tests and seeds: "A seed the fuzzer finds").',
	);
}
process.exit(result.status ?? 1);

/**
 * One fast-check configuration for every property test. `npm test` runs them with a fixed seed, so
 * CI is deterministic; `npm run test:fuzz` (scripts/fuzz.mjs) sets PASSONA_PROPERTY_SEED to a fresh
 * random seed and PASSONA_PROPERTY_RUNS higher. The seed is printed either way: a failure is
 * replayed with `PASSONA_PROPERTY_SEED=<seed> npx jest --findRelatedTests test/properties/config.ts`
 * (every test file drawing from it; fast-check also prints the
 * `path` of the counterexample; PASSONA_PROPERTY_PATH=<path> replays that case alone).
 */
import fc from 'fast-check';

/** The seed of `npm test`. Change it only on purpose: a new seed draws different cases. */
export const FIXED_SEED = 20261123;

/** The seed a PASSONA_PROPERTY_SEED value asks for (undefined: unset). */
export function propertySeed(value: string | undefined): number {
	if (value === undefined || value.trim() === '') return FIXED_SEED;
	if (value.trim() === 'random') return (Math.random() * 2 ** 32) | 0;
	const seed = Number(value);
	if (!Number.isSafeInteger(seed))
		throw new Error(`PASSONA_PROPERTY_SEED must be a whole number or "random", got "${value}"`);
	return seed;
}

export const PROPERTY_SEED = propertySeed(process.env.PASSONA_PROPERTY_SEED);
export const PROPERTY_RUNS = Number(process.env.PASSONA_PROPERTY_RUNS ?? 60);
/** Runs of the generated-input properties of the REST and sending resources: two thirds of PROPERTY_RUNS. */
export const TWO_THIRDS_RUNS = Math.ceil((PROPERTY_RUNS * 2) / 3);
const path = process.env.PASSONA_PROPERTY_PATH?.trim() || undefined;

fc.configureGlobal({ seed: PROPERTY_SEED, ...(path ? { path, endOnFailure: true } : {}) });
console.info(
	`fast-check seed ${PROPERTY_SEED}${PROPERTY_SEED === FIXED_SEED ? ' (fixed)' : ''}, ${PROPERTY_RUNS} runs per property${path ? `, replaying path ${path}` : ''}: replay with PASSONA_PROPERTY_SEED=${PROPERTY_SEED}`,
);

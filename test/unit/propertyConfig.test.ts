/** npm test's property tests are deterministic: one fixed, printed seed unless a run asks for another. */
import fc from 'fast-check';
import { FIXED_SEED, propertySeed } from '../properties/config';
import '../properties/generators';

describe('property test seed', () => {
	test('the generators bring the shared seed into fast-check (fixed unless PASSONA_PROPERTY_SEED is set)', () => {
		const expected = process.env.PASSONA_PROPERTY_SEED
			? propertySeed(process.env.PASSONA_PROPERTY_SEED)
			: FIXED_SEED;
		expect(fc.readConfigureGlobal().seed).toBe(expected);
	});

	test('PASSONA_PROPERTY_SEED: unset or empty is the fixed seed, a number replays, "random" draws one', () => {
		expect(propertySeed(undefined)).toBe(FIXED_SEED);
		expect(propertySeed(' ')).toBe(FIXED_SEED);
		expect(propertySeed('-676697386')).toBe(-676697386);
		expect(Number.isInteger(propertySeed('random'))).toBe(true);
		expect(() => propertySeed('abc')).toThrow(
			'PASSONA_PROPERTY_SEED must be a whole number or "random"',
		);
	});

	test('the same seed draws the same cases', () => {
		const draw = (seed: number) => fc.sample(fc.integer(), { seed, numRuns: 5 });
		expect(draw(FIXED_SEED)).toEqual(draw(FIXED_SEED));
	});
});

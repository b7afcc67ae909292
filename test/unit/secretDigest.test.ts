/** The trigger keeps only digests of its secrets: what a supplied secret is compared with. */
import { createHash } from 'node:crypto';
import { secretDigest, secretMatches } from '../../nodes/PassonaTrigger/delivery';

const SECRET = '0123456789abcdef'.repeat(4);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('secretMatches against stored digests', () => {
	test('the digest is SHA-256 in hex', () => {
		expect(secretDigest(SECRET)).toBe(sha256(SECRET));
		expect(secretDigest(SECRET)).toMatch(/^[0-9a-f]{64}$/);
	});

	test('the secret whose digest is stored matches, among others', () => {
		expect(secretMatches(SECRET, [secretDigest(SECRET)])).toBe(true);
		expect(secretMatches(SECRET, [sha256('other'), secretDigest(SECRET)])).toBe(true);
	});

	test.each([
		['another secret', 'f'.repeat(64), [secretDigest(SECRET)]],
		['the digest itself', secretDigest(SECRET), [secretDigest(SECRET)]],
		['a secret compared with itself rather than its digest', SECRET, [SECRET]],
		['an empty header', '', [secretDigest('')]],
		['no header', undefined, [secretDigest(SECRET)]],
		['no stored digest', SECRET, []],
		['a stored digest cut short', SECRET, [secretDigest(SECRET).slice(0, 62)]],
		['a stored digest that is not hex', SECRET, ['z'.repeat(64)]],
	])('%s does not match', (_case, supplied, digests) => {
		expect(secretMatches(supplied, digests as string[])).toBe(false);
	});
});

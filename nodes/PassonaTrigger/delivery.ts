/**
 * Deliveries from Passona: who may start the workflow, and what the item looks like. Pure.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { VERIFICATION_HEADER } from '../../core/constants';
import { isPlainObject } from '../../core/input';

/** The SHA-256 digest of a secret, in hex: what n8n keeps of a registration's secret. */
export function secretDigest(secret: string): string {
	return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Whether the digest of `supplied` is exactly one of `digests` (hex SHA-256, see
 * `secretDigest`). Comparing fixed-length digests keeps it constant-time whatever the lengths;
 * every digest is compared, so timing does not tell which one matched.
 */
export function secretMatches(supplied: unknown, digests: string[]): boolean {
	if (typeof supplied !== 'string' || supplied === '') return false;
	const given = Buffer.from(secretDigest(supplied), 'hex');
	let matched = false;
	for (const digest of digests) {
		const stored = Buffer.from(typeof digest === 'string' ? digest : '', 'hex');
		if (stored.length === given.length && timingSafeEqual(given, stored)) matched = true;
	}
	return matched;
}

type Headers = Record<string, unknown>;

/** Request headers without the secret (names compared case-insensitively). */
export function withoutSecret(headers: Headers): Headers {
	return Object.fromEntries(
		Object.entries(headers).filter(
			([name]) => name.toLowerCase() !== VERIFICATION_HEADER.toLowerCase(),
		),
	);
}

/**
 * The item for one delivery: Passona's body whole (its shape is undocumented), plus when it
 * arrived and, if asked for, the request's headers and query.
 */
export function deliveryItem(
	body: unknown,
	receivedAt: Date,
	extras: { headers?: Headers; query?: Record<string, unknown> } = {},
): Record<string, unknown> {
	const fields = isPlainObject(body) ? body : body === undefined || body === '' ? {} : { body };
	return {
		...fields,
		receivedAt: receivedAt.toISOString(),
		...(extras.headers ? { headers: withoutSecret(extras.headers) } : {}),
		...(extras.query ? { query: extras.query } : {}),
	};
}

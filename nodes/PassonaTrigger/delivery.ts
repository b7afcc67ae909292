/**
 * Deliveries from Passona: who may start the workflow, and what the item looks like. Pure.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The header that carries this registration's secret on every call Passona makes. */
export const VERIFICATION_HEADER = 'X-Passona-N8n-Secret';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether `supplied` is exactly one of `secrets`. Digests make the comparison constant-time
 * whatever the lengths; every secret is compared, so timing does not tell which one matched.
 */
export function secretMatches(supplied: unknown, secrets: string[]): boolean {
	if (typeof supplied !== 'string' || supplied === '') return false;
	const given = digest(supplied);
	let matched = false;
	for (const secret of secrets) {
		if (secret !== '' && timingSafeEqual(given, digest(secret))) matched = true;
	}
	return matched;
}

type Headers = Record<string, unknown>;

/** Request headers without the secret (names compared case-insensitively). */
export function withoutSecret(headers: Headers): Headers {
	return Object.fromEntries(
		Object.entries(headers).filter(([name]) => name.toLowerCase() !== VERIFICATION_HEADER.toLowerCase()),
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
	const fields =
		body !== null && typeof body === 'object' && !Array.isArray(body)
			? (body as Record<string, unknown>)
			: body === undefined || body === ''
				? {}
				: { body };
	return {
		...fields,
		receivedAt: receivedAt.toISOString(),
		...(extras.headers ? { headers: withoutSecret(extras.headers) } : {}),
		...(extras.query ? { query: extras.query } : {}),
	};
}

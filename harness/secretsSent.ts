/**
 * The trigger's secrets as Passona received them (the node keeps only digests), recorded by the
 * PassonaMock. Apart from it, so that the demo's harness (built without nock) can read them too.
 */
/** The header of the trigger's Passona webhook that carries its secret on each delivery. */
export const SECRET_HEADER = 'X-Passona-N8n-Secret';
const secretsSent = new Map<string, string>();

/**
 * The secret the trigger last gave Passona for webhook URL `url` (the header of a POST /webhooks
 * answered 2xx): n8n keeps only its digest, so tests learn it as Passona does.
 */
export function secretSentFor(url: string): string | undefined {
	return secretsSent.get(url);
}

export function recordSecretSent(
	method: string,
	path: string,
	status: number,
	body: unknown,
): void {
	if (method !== 'POST' || path !== '/webhooks' || status >= 300) return;
	const { url, headers } = (body ?? {}) as { url?: unknown; headers?: Record<string, unknown> };
	const secret = Object.entries(headers ?? {}).find(
		([name]) => name.toLowerCase() === SECRET_HEADER.toLowerCase(),
	)?.[1];
	if (typeof url === 'string' && typeof secret === 'string') secretsSent.set(url, secret);
}

/** The API token every test's credential carries; it must never show anywhere. */
export const TOKEN = 'test-token-9f8e7d6c5b4a39281706f5e4d3c2b1a0';

const guarded = new Set<string>([TOKEN]);

/** Adds a secret seen in a test (a trigger registration's, a sandbox token) to those checked in logs. */
export function guardSecret(secret: string): void {
	if (secret.length >= 16) guarded.add(secret);
}

/** The API token and every secret registered with `guardSecret` in this test file. */
export function guardedSecrets(): string[] {
	return [...guarded];
}

/** Collects every string an execution exposes (items, errors with message/description/cause). */
export function exposedText(value: unknown): string {
	const seen = new Set<unknown>();
	const parts: string[] = [];
	const visit = (current: unknown, depth: number) => {
		if (depth > 12 || current === null || current === undefined) return;
		if (typeof current === 'string') {
			parts.push(current);
			return;
		}
		if (typeof current !== 'object' || seen.has(current)) return;
		seen.add(current);
		if (current instanceof Error) {
			parts.push(current.message, current.stack ?? '');
			for (const key of ['description', 'cause', 'context', 'messages', 'errorResponse']) {
				visit((current as unknown as Record<string, unknown>)[key], depth + 1);
			}
			parts.push(JSON.stringify(current));
		}
		for (const entry of Object.values(current)) visit(entry, depth + 1);
	};
	visit(value, 0);
	return parts.join('\n');
}

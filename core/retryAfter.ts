/** Passona's Retry-After header (after a 429), read as milliseconds. Pure. */

/** Seconds ("7", "1.5") or an HTTP date; undefined when absent or unreadable. */
export function readRetryAfter(header: unknown, nowMs = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	const text =
		typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

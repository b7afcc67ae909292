// The API's traffic: a per-token rate limit as Laravel's `throttle` middleware applies one (Passona
// is a Laravel application; its own number is not published), a latency, and counters.

export interface RateLimit {
	/** Requests allowed per window and token. */
	requests: number;
	windowSeconds: number;
}

/** Laravel's default for API routes: 60 requests a minute per user. */
export const LARAVEL_RATE_LIMIT: RateLimit = { requests: 60, windowSeconds: 60 };

export interface Throttled {
	allowed: boolean;
	headers: Record<string, string>;
}

interface Window {
	/** When the window ends, in whole seconds (Laravel's timer key). */
	endsAt: number;
	hits: number;
}

/**
 * A window of whole seconds opens at a token's first request; past `requests` in it, 429 `Too Many
 * Attempts.` with `Retry-After` (whole seconds until the window ends) and `X-RateLimit-Reset`; every
 * counted answer carries `X-RateLimit-Limit` and `X-RateLimit-Remaining`. A refused request does
 * not count. Windows run on real time (Date.now), not on the sandbox's campaign clock.
 */
export class Traffic {
	private windows = new Map<string, Window>();
	/** How long every API request takes before it is answered (a network's and a server's time). */
	latencyMs = 0;
	/** API requests seen, and 429s answered, since the counters were last reset. */
	requests = 0;
	throttled = 0;
	/** API requests being handled now, and at most at once since the counters were last reset. */
	inFlight = 0;
	peakInFlight = 0;

	constructor(
		public limit: RateLimit | null,
		private readonly now: () => number = () => Date.now(),
	) {}

	/** A new limit (null: none); every window starts afresh. */
	configure(limit: RateLimit | null): void {
		this.limit = limit;
		this.reset();
	}

	/** Every window starts afresh and the counters restart (the limit and latency stay). */
	reset(): void {
		this.windows.clear();
		this.resetCounters();
	}

	resetCounters(): void {
		this.requests = 0;
		this.throttled = 0;
		this.peakInFlight = this.inFlight;
	}

	/** Counts one request of `key` (the token): allowed, or refused with Laravel's headers. */
	take(key: string): Throttled {
		this.requests++;
		const limit = this.limit;
		if (!limit) return { allowed: true, headers: {} };
		const nowSeconds = Math.floor(this.now() / 1000);
		let window = this.windows.get(key);
		if (!window || nowSeconds >= window.endsAt) {
			window = { endsAt: nowSeconds + limit.windowSeconds, hits: 0 };
			this.windows.set(key, window);
		}
		const headers: Record<string, string> = { 'X-RateLimit-Limit': String(limit.requests) };
		if (window.hits >= limit.requests) {
			this.throttled++;
			const retryAfter = window.endsAt - nowSeconds;
			headers['Retry-After'] = String(retryAfter);
			headers['X-RateLimit-Reset'] = String(window.endsAt);
			headers['X-RateLimit-Remaining'] = '0';
			return { allowed: false, headers };
		}
		window.hits++;
		headers['X-RateLimit-Remaining'] = String(limit.requests - window.hits);
		return { allowed: true, headers };
	}

	/** Marks an API request as being handled until `done` is called. */
	started(): () => void {
		this.inFlight++;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
		let finished = false;
		return () => {
			if (finished) return;
			finished = true;
			this.inFlight--;
		};
	}
}

/** `60/60` (requests per window seconds) or `off`, as the CLI and the control endpoint take it. */
export function parseRateLimit(text: string): RateLimit | null {
	if (text.trim().toLowerCase() === 'off') return null;
	const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
	const requests = match ? Number(match[1]) : NaN;
	const windowSeconds = match ? Number(match[2]) : NaN;
	if (!(requests >= 1 && windowSeconds >= 1))
		throw new Error(`A rate limit is "requests/seconds" (e.g. 60/60) or "off", got "${text}"`);
	return { requests, windowSeconds };
}

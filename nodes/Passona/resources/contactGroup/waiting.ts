/**
 * Waiting for Passona to finish a contact job: the loop alone, with the group request, the sleep
 * and the clock passed in, so that it is tested without any HTTP or real time.
 */

export type GroupJson = Record<string, unknown>;

/** One look at the group: the group itself, or Passona's 429 (with Retry-After, if it sent one). */
export type GroupLook = { group: GroupJson } | { tooManyRequests: true; retryAfterMs?: number };

export interface WaitOptions {
	look: () => Promise<GroupLook>;
	sleep: (ms: number) => Promise<void>;
	now: () => number;
	timeLimitMs: number;
}

/** First look after 1 s, then 1.5 times longer each time, at most 5 s apart. */
export const FIRST_INTERVAL_MS = 1000;
export const MAX_INTERVAL_MS = 5000;
const GROWTH = 1.5;
/** A 429 without Retry-After waits twice as long as before, up to this. */
const MAX_SLOW_DOWN_MS = 60_000;

/** The settled group, or (time limit reached) how long was waited and the last group seen. */
export type WaitResult =
	| { settled: true; group: GroupJson }
	| { settled: false; waitedMs: number; lastGroup: GroupJson | undefined };

export const isModifying = (group: GroupJson) => group.status === 'Modifying';

/**
 * Looks at the group until its status is no longer Modifying and answers it, or stops when the
 * time limit runs out first. Always looks at least once: the answer to the change itself is not
 * trusted to be final. Errors of a look (404, 500) end the wait as they are.
 */
export async function waitUntilSettled({
	look,
	sleep,
	now,
	timeLimitMs,
}: WaitOptions): Promise<WaitResult> {
	const start = now();
	let interval = FIRST_INTERVAL_MS;
	let lastGroup: GroupJson | undefined;
	for (;;) {
		const remaining = start + timeLimitMs - now();
		if (remaining <= 0) return { settled: false, waitedMs: now() - start, lastGroup };
		await sleep(Math.min(interval, remaining));
		const answer = await look();
		if ('group' in answer) {
			if (!isModifying(answer.group)) return { settled: true, group: answer.group };
			lastGroup = answer.group;
			interval = Math.min(interval * GROWTH, MAX_INTERVAL_MS);
		} else {
			interval = Math.max(answer.retryAfterMs ?? 0, Math.min(interval * 2, MAX_SLOW_DOWN_MS));
		}
	}
}

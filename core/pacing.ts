/**
 * A node run's requests to Passona, paced: at most a few in flight at once whatever the number of
 * items (n8n starts every item's request at the same moment), and a 429 waited out as Passona
 * asks (Retry-After), holding back the run's other requests for as long, then the one request
 * sent again; never failed for a 429 that such a wait would clear, within the bounds below.
 * Free of n8n, so the scheduling is tested without HTTP; the callers bring the requests.
 */
import { sleep } from 'n8n-workflow';
import { MAX_RATE_LIMIT_WAIT_MS } from './constants';
import { DEFAULT_PARALLEL_REQUESTS } from './listing';

/** Requests in flight per run by default: as many as a listing's Parallel Requests. */
export const DEFAULT_REQUESTS_IN_FLIGHT = DEFAULT_PARALLEL_REQUESTS;
export const MAX_REQUESTS_IN_FLIGHT = 20;
/** One request is sent again after at most this many 429s, each asking to wait at most MAX_RATE_LIMIT_WAIT_MS. */
export const MAX_RATE_LIMIT_WAITS = 10;

export interface GateClock {
	now: () => number;
	/** A timer: n8n's `sleep` in the node, fake time in tests. */
	sleep: (ms: number) => Promise<void>;
}

/** Why a request was not sent again after a 429, and what the gate had done for it. */
export interface RateLimitGiveUp {
	/** The last 429: what the request resolved with or threw. */
	cause: unknown;
	waits: number;
	waitedMs: number;
	/** The wait Passona asked for last, when it was over MAX_RATE_LIMIT_WAIT_MS. */
	askedMs?: number;
}

/**
 * Which item a request is for, and how it stands to the item's own request (`send`'s options).
 * `holds`: the item's own request, holding its slot while its answer's steps run. `within`: a
 * request made by those steps (the outputs' reads, Wait for Passona's looks): while the item
 * holds a slot it rides on that slot instead of waiting for one, since with every slot held by
 * items waiting on such a request none would come free.
 */
export interface GateItem {
	holds?: number;
	within?: number;
}

export class RequestGate {
	private inFlight = 0;
	/** Items whose own request holds a slot now, with how many such requests. */
	private readonly holding = new Map<number, number>();
	private pausedUntil = 0;
	private readonly waiting: Array<() => void> = [];
	private timer: Promise<void> | undefined;

	constructor(
		readonly limit: number,
		private readonly clock: GateClock,
	) {}

	/**
	 * Sends one request through the gate. `rateLimited` says, for what `send` resolved with or threw,
	 * how long Passona asked to wait when it was a 429 (undefined otherwise); then every request of
	 * the run holds back that long and this one is sent again, ahead of those not yet sent. After
	 * MAX_RATE_LIMIT_WAITS waits, or when asked to wait longer than MAX_RATE_LIMIT_WAIT_MS, the
	 * last 429 goes to `gaveUp`, whose answer (or error) is the request's.
	 */
	async send<T>(
		send: () => Promise<T>,
		rateLimited: (outcome: { value?: T; error?: unknown }) => number | undefined,
		gaveUp: (giveUp: RateLimitGiveUp) => T,
		item: GateItem = {},
	): Promise<T> {
		let waits = 0;
		let waitedMs = 0;
		const nested = item.within !== undefined && (this.holding.get(item.within) ?? 0) > 0;
		for (let again = false; ; again = true) {
			if (nested) await this.pauseOver();
			else await this.acquire(again);
			this.count(item.holds, 1);
			let outcome: { value?: T; error?: unknown };
			try {
				outcome = { value: await send() };
			} catch (error) {
				outcome = { error };
			} finally {
				this.count(item.holds, -1);
				if (!nested) this.release();
			}
			const wait = rateLimited(outcome);
			if (wait === undefined) {
				if ('error' in outcome) throw outcome.error;
				return outcome.value as T;
			}
			const cause = 'error' in outcome ? outcome.error : outcome.value;
			if (wait > MAX_RATE_LIMIT_WAIT_MS) return gaveUp({ cause, waits, waitedMs, askedMs: wait });
			if (waits >= MAX_RATE_LIMIT_WAITS) return gaveUp({ cause, waits, waitedMs });
			waits += 1;
			waitedMs += wait;
			this.pause(wait);
		}
	}

	/** Holds every request not yet sent until `ms` from now (the longest asked for wins). */
	private pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
	}

	private async acquire(retry: boolean): Promise<void> {
		for (;;) {
			if (this.clock.now() < this.pausedUntil) {
				await this.pauseOver();
				continue;
			}
			if (this.inFlight < this.limit) {
				this.inFlight += 1;
				return;
			}
			// A request sent again after a 429 goes before those that have not been sent yet.
			await new Promise<void>((resolve) =>
				retry ? this.waiting.unshift(resolve) : this.waiting.push(resolve),
			);
		}
	}

	private count(item: number | undefined, change: 1 | -1): void {
		if (item === undefined) return;
		const count = (this.holding.get(item) ?? 0) + change;
		if (count > 0) this.holding.set(item, count);
		else this.holding.delete(item);
	}

	/** One timer for the whole run however many requests wait on the pause. */
	private async pauseOver(): Promise<void> {
		if (this.clock.now() >= this.pausedUntil) return;
		this.timer ??= (async () => {
			while (this.clock.now() < this.pausedUntil) {
				await this.clock.sleep(this.pausedUntil - this.clock.now());
			}
			this.timer = undefined;
		})();
		await this.timer;
	}

	private release(): void {
		this.inFlight -= 1;
		this.waiting.shift()?.();
	}
}

/** The node setting (Settings → Request Options) that caps a run's requests in flight. */
const REQUESTS_IN_FLIGHT_PARAMETER = 'requestOptions.requestsInFlight';
/** A listing's own Options → Parallel Requests (pages at once). */
const PARALLEL_REQUESTS_PARAMETER = 'options.parallelRequests';

/** What a run's gate is found by: n8n's execute data, one object for all the items of one node run. */
interface RunContext {
	getExecuteData(): object;
	getItemIndex(): number;
	getNodeParameter(name: string, fallback?: unknown): unknown;
}

/** An item's context within a node run (IExecuteSingleFunctions), not a trigger's or a picker's. */
const inRun = (context: object): context is RunContext =>
	'getExecuteData' in context && 'getItemIndex' in context && 'getNodeParameter' in context;

const gates = new WeakMap<object, RequestGate>();

/**
 * The gate of the node run `context` belongs to (created by its first request), or undefined
 * outside a node run (triggers, pickers), whose requests go out as they come.
 */
export function runGate(context: object): RequestGate | undefined {
	if (!inRun(context)) return undefined;
	const run = context.getExecuteData();
	let gate = gates.get(run);
	if (!gate) {
		gate = new RequestGate(requestsInFlight(context), {
			now: () => Date.now(),
			sleep: async (ms) => await sleep(ms),
		});
		gates.set(run, gate);
	}
	return gate;
}

/**
 * The setting's value (the panel allows 1 to MAX_REQUESTS_IN_FLIGHT and no expression), or a
 * listing's Parallel Requests when that is higher: a user who asks for 8 pages at once gets 8.
 */
function requestsInFlight(context: RunContext): number {
	const whole = (value: unknown) => {
		const number = Number(value);
		return Number.isInteger(number) && number >= 1 ? number : undefined;
	};
	const setting = whole(context.getNodeParameter(REQUESTS_IN_FLIGHT_PARAMETER, null));
	const pages = whole(context.getNodeParameter(PARALLEL_REQUESTS_PARAMETER, null));
	const wanted = Math.max(setting ?? DEFAULT_REQUESTS_IN_FLIGHT, pages ?? 0);
	return Math.min(wanted, MAX_REQUESTS_IN_FLIGHT);
}

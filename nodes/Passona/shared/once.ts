/**
 * Operations that are not safe to repeat (a create makes a second record, a send texts everyone
 * again, a delete answers 404 the second time) are done once per item and execution. n8n's Retry
 * On Fail runs the node again with all its items, and a retry of a failed execution (Executions
 * list) runs it again from the execution's stored data: both meet this item's record, kept in the
 * execution's node context (n8n stores it with the execution and a retry starts from it), and put
 * out what the first time put out instead of sending again. An error of such a run says which
 * items were already done, with their uuids.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { SENDING_OPERATIONS } from '../../../core/constants';

/** POSTs that only read (the unique contacts of groups, a campaign's audience) or replace (a contact's groups): safe to repeat. */
const POSTS_SAFE_TO_REPEAT = [
	'contactGroup.getUniqueContacts',
	'campaign.getAudience',
	'contact.syncGroups',
];

/** Whether sending `method` again for `operation` (`resource.operation`) could do it twice. */
export function notSafeToRepeat(method: string | undefined, operation: string): boolean {
	const verb = (method ?? 'GET').toUpperCase();
	return verb === 'DELETE' || (verb === 'POST' && !POSTS_SAFE_TO_REPEAT.includes(operation));
}

/** What a send whose answer was lost keeps, to find later what it made. */
export interface UnsureRecord {
	/** When it was sent (ms). */
	at: number;
	/** The body sent. */
	body: IDataObject;
	/** Why its outcome is unknown, in words (e.g. "HTTP 503"). */
	reason: string;
}

type ItemRecord =
	| { done: Array<Pick<INodeExecutionData, 'json' | 'pairedItem'>> }
	| { unsure: UnsureRecord };

/** One node run's record: by input item. */
interface RunRecord {
	operation: string;
	items: Record<string, ItemRecord>;
}

/**
 * An item's step for an operation that may lose an answer after Passona acted (the sending ones):
 * sends, or with `earlier.unsure` (a previous try lost its answer) finds what that send made,
 * never sending blindly. `earlier.claimed` holds the uuids the run's other items already own.
 */
export type OnceStep = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	earlier?: { unsure?: UnsureRecord; claimed: () => Set<string> },
) => Promise<INodeExecutionData[]>;

/** The errors a OnceStep threw when Passona may have acted and what it made was not found. */
const unsureErrors = new WeakMap<Error, UnsureRecord>();

/** `shown`, to throw from a OnceStep: the item is left unsure, and a later try looks, never sends. */
export function answerLost(shown: NodeApiError, unsure: UnsureRecord): NodeApiError {
	unsureErrors.set(shown, unsure);
	return shown;
}

/**
 * Whether Passona may have acted on a request that failed with `error`: anything but a refusal
 * (an answer of 300 to 499: Laravel checks, throttles and validates before acting) or a connection
 * that never opened. A 5xx, a timeout, a reset and an answer that could not be read all may have.
 */
export function answerMayBeLost(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = Number(error.httpCode);
	if (Number.isInteger(status) && status >= 300 && status < 500) return false;
	const code = networkCode(error);
	return code === undefined || !NEVER_CONNECTED.some((pattern) => pattern.test(code));
}

/** Codes of a request that never reached a server: nothing was sent. */
const NEVER_CONNECTED = [
	/^ECONNREFUSED$/,
	/^ENOTFOUND$/,
	/^EAI_AGAIN$/,
	/^EHOSTUNREACH$/,
	/^ENETUNREACH$/,
	/CERT|^ERR_TLS|^DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY/,
];

function networkCode(error: NodeApiError): string | undefined {
	const cause = error.cause as { code?: unknown } | undefined;
	const code = cause?.code ?? (error as { code?: unknown }).code;
	return typeof code === 'string' ? code : undefined;
}

// In memory, per node run (n8n's execute data): each item's record key and settling, and the errors to annotate.
interface RunState {
	items: Map<number, ItemKey | null>;
	errors: Set<Error>;
	/** Items whose send is still under way, from this try or an earlier one (Retry On Fail). */
	attempts: Map<number, Promise<unknown>>;
	/** Sends of the run still waiting for their answer (a lookup waits for them, to see their uuids). */
	sends: Set<Promise<unknown>>;
	/** Lookups of the run under way (a send waits for them: what it makes is not theirs to find). */
	lookups: Set<Promise<unknown>>;
	/** The uuids the run's sends put out. */
	claims: Set<string>;
	/** Where the records are when the execution has no node context (none seen in n8n 2.40). */
	fallback: Record<string, RunRecord>;
}

interface ItemKey {
	run: string;
	operation: string;
	item: string;
	sending: boolean;
}

const runs = new WeakMap<object, RunState>();

function runState(context: IExecuteSingleFunctions): RunState {
	const key = context.getExecuteData();
	let state = runs.get(key);
	if (!state) {
		state = {
			items: new Map(),
			errors: new Set(),
			attempts: new Map(),
			sends: new Set(),
			lookups: new Set(),
			claims: new Set(),
			fallback: {},
		};
		runs.set(key, state);
	}
	return state;
}

const CONTEXT_KEY = 'passonaOnce';

/** The run's records, in the execution's node context (stored with it, and where a retry starts). */
function records(context: IExecuteSingleFunctions, state: RunState): Record<string, RunRecord> {
	try {
		const node = context.getContext('node');
		node[CONTEXT_KEY] ??= {};
		return node[CONTEXT_KEY] as Record<string, RunRecord>;
	} catch {
		return state.fallback;
	}
}

function runRecord(context: IExecuteSingleFunctions, state: RunState, key: ItemKey): RunRecord {
	const all = records(context, state);
	if (all[key.run]?.operation !== key.operation)
		all[key.run] = { operation: key.operation, items: {} };
	return all[key.run];
}

/** This item's key when its operation is not safe to repeat; null when it is. */
function itemKey(
	context: IExecuteSingleFunctions,
	state: RunState,
	method: string | undefined,
): ItemKey | null {
	const index = context.getItemIndex();
	const known = state.items.get(index);
	if (known !== undefined) return known;
	const operation = `${String(context.getNodeParameter('resource', ''))}.${String(context.getNodeParameter('operation', ''))}`;
	const key = notSafeToRepeat(method, operation)
		? {
				// The node's run in this execution: n8n runs it again under the same index on a retry.
				run: String(context.getWorkflowDataProxy(index).$runIndex ?? 0),
				operation,
				item: String(index),
				sending: SENDING_OPERATIONS.includes(operation),
			}
		: null;
	state.items.set(index, key);
	return key;
}

/**
 * Runs one item of an operation through its record: an item already done puts out what it put
 * out; an item under way from an earlier try is waited for first; otherwise `step` runs (with
 * what an earlier try left unsure) and its outcome is recorded. Operations safe to repeat just run.
 */
export async function onceForItem(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	step: OnceStep,
): Promise<INodeExecutionData[]> {
	const state = runState(context);
	const key = itemKey(context, state, requestData.options.method);
	if (!key) return await step.call(context, requestData, { claimed: () => new Set() });
	const index = context.getItemIndex();
	const earlier = state.attempts.get(index);
	if (earlier) await earlier.catch(() => undefined);
	const record = runRecord(context, state, key);
	const found = record.items[key.item];
	if (found && 'done' in found) return found.done.map((item) => ({ ...item }));
	const attempt = (async () => {
		try {
			const output = await step.call(context, requestData, {
				unsure: found && 'unsure' in found ? found.unsure : undefined,
				claimed: () => claimedUuids(state, record),
			});
			record.items[key.item] = {
				done: output.map(({ json, pairedItem }) => (pairedItem ? { json, pairedItem } : { json })),
			};
			return output;
		} catch (error) {
			const unsure = unsureErrors.get(error as Error);
			if (unsure) record.items[key.item] = { unsure };
			throw noted(context, state, record, key, error as Error);
		}
	})();
	state.attempts.set(index, attempt);
	try {
		return await attempt;
	} finally {
		if (state.attempts.get(index) === attempt) state.attempts.delete(index);
	}
}

/** Awaits `work` while its settling is in `under` (for others to wait on); `then` runs on its value first. */
async function tracked<T>(
	under: Set<Promise<unknown>>,
	work: Promise<T>,
	then: (value: T) => void = () => undefined,
): Promise<T> {
	const settled = work.then(then, () => undefined);
	under.add(settled);
	try {
		return await work;
	} finally {
		under.delete(settled);
	}
}

/**
 * Sends through `send` as one of the run's sends: not while a lookup of the run is under way, and
 * the uuids it puts out are the run's from the moment it answers.
 */
export async function asRunSend(
	context: IExecuteSingleFunctions,
	send: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const { sends, lookups, claims } = runState(context);
	while (lookups.size > 0) await Promise.all([...lookups]);
	return await tracked(sends, send(), (output) => {
		for (const { json } of output) if (typeof json.uuid === 'string') claims.add(json.uuid);
	});
}

/**
 * Runs `look` (a lookup of what an item whose answer was lost made) once every send of the run has
 * answered, and holds the run's next sends until it is done: nothing another item makes meanwhile
 * can be taken for this item's.
 */
export async function lookingAlone<T>(
	context: IExecuteSingleFunctions,
	look: () => Promise<T>,
): Promise<T> {
	const { sends, lookups } = runState(context);
	const looking = (async () => {
		while (sends.size > 0) await Promise.all([...sends]);
		return await look();
	})();
	return await tracked(lookups, looking);
}

/** Takes `uuid` for an item (a lookup's find): no other item of the run can take it after. */
export function claim(context: IExecuteSingleFunctions, uuid: string): void {
	runState(context).claims.add(uuid);
}

/** The uuids the run's items already put out (a lookup does not take them for another item's). */
function claimedUuids(state: RunState, record: RunRecord): Set<string> {
	const uuids = new Set(state.claims);
	for (const entry of Object.values(record.items)) {
		if (!('done' in entry)) continue;
		for (const { json } of entry.done) if (typeof json.uuid === 'string') uuids.add(json.uuid);
	}
	return uuids;
}

/**
 * For a step of an item whose operation is not safe to repeat, run before its request (the
 * operation's checks and lookups): skipped once the item is done; a failure is noted like the
 * request's own.
 */
export async function beforeSending<T>(
	context: IExecuteSingleFunctions,
	method: string | undefined,
	skip: T,
	step: () => Promise<T>,
): Promise<T> {
	const state = runState(context);
	const key = itemKey(context, state, method);
	if (!key) return await step();
	const record = runRecord(context, state, key);
	const found = record.items[key.item];
	if (found && 'done' in found) return skip;
	try {
		return await step();
	} catch (error) {
		throw noted(context, state, record, key, error as Error);
	}
}

/** At most this many items are named in a note; the rest are counted. */
const NOTE_ITEMS = 50;

/**
 * `error` with its description followed by what the run had done when it is read (n8n reads it
 * once the whole run has settled): the items already done, with their uuids, and those left unsure.
 * With On Error → Continue the run goes on and puts those items out: nothing is added.
 */
function noted(
	context: IExecuteSingleFunctions,
	state: RunState,
	record: RunRecord,
	key: ItemKey,
	error: Error,
): Error {
	if (context.continueOnFail() || state.errors.has(error)) return error;
	state.errors.add(error);
	const own = error as Error & { description?: string | null };
	let base = own.description ?? '';
	Object.defineProperty(own, 'description', {
		configurable: true,
		enumerable: true,
		get: () => [base, runNote(record, key)].filter(Boolean).join('\n\n'),
		set: (value: string | null) => {
			base = value ?? '';
		},
	});
	return error;
}

/** What the run's record says, in words, leaving out the item the error is about. */
export function runNote(
	record: { items: Record<string, ItemRecord> },
	key: { item: string; sending: boolean },
): string {
	const done: string[] = [];
	const unsure: string[] = [];
	const entries = Object.entries(record.items)
		.filter(([item]) => item !== key.item)
		.sort(([a], [b]) => Number(a) - Number(b));
	for (const [item, entry] of entries) {
		if ('done' in entry) {
			const uuid = entry.done.find(({ json }) => typeof json.uuid === 'string')?.json.uuid;
			done.push(uuid ? `item ${item} → ${String(uuid)}` : `item ${item}`);
		} else unsure.push(`item ${item}`);
	}
	const list = (names: string[]) =>
		names.length > NOTE_ITEMS
			? `${names.slice(0, NOTE_ITEMS).join(', ')} and ${names.length - NOTE_ITEMS} more`
			: names.join(', ');
	const did = key.sending ? 'sent' : 'done';
	const parts: string[] = [];
	if (done.length > 0)
		parts.push(
			`Already ${did} in this run: ${list(done)}. This node does not ${key.sending ? 'send them again' : 'repeat them'} in this execution.`,
		);
	if (unsure.length > 0)
		parts.push(
			`Passona may have ${key.sending ? 'sent' : 'done'} ${list(unsure)} (its answer was lost and nothing it made was found): not ${did} again by this node.`,
		);
	return parts.join(' ');
}

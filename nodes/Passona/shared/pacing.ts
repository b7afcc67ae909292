/**
 * Every request the Passona node makes in a run goes through the run's gate (core/pacing.ts): a
 * few in flight at once across all items, a 429 waited out. Declarative routing gives no hook
 * around a request but an operation's pagination step, so every operation gets one (the Resource
 * field's routing gives it to those without their own) and the steps operations have are wrapped;
 * their steps run before the request (checks, lookups) are wrapped too, so that an item already
 * done is not checked or looked up again (shared/once.ts).
 */
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
	PreSendAction,
} from 'n8n-workflow';
import { runGate } from '../../../core/pacing';
import { rateLimitNote } from '../../../core/errors';
import { rateLimitWait, withNote } from '../../../core/transport';
import { beforeSending, onceForItem, type OnceStep } from './once';

type PaginationStep = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** `context` whose makeRoutingRequest goes through the run's gate, a 429 waited out and sent again. */
function throughGate(context: IExecutePaginationFunctions): IExecutePaginationFunctions {
	const gate = runGate(context);
	if (!gate) return context;
	const makeRoutingRequest = async (requestData: DeclarativeRestApiSettings.ResultOptions) =>
		await gate.send(
			async () => await context.makeRoutingRequest(requestData),
			({ error }) => rateLimitWait(error),
			({ cause, waits, waitedMs, askedMs }) => {
				const failed = withNote(context.getNode(), cause, rateLimitNote(waits, waitedMs, askedMs));
				// Waited out already: a listing does not wait again.
				failed.context.waitedOut = true;
				throw failed;
			},
			{ holds: context.getItemIndex() },
		);
	return Object.create(context, { makeRoutingRequest: { value: makeRoutingRequest } });
}

/** The request as routing would send it, as a step. */
const plainRequest: OnceStep = async function request(requestData) {
	return await this.makeRoutingRequest(requestData);
};

/** The steps made here: the fields' walk leaves them as they are. */
const pacedSteps = new WeakSet<object>();

/** An operation's pagination step (or the plain request), paced and done once per item when it must be. */
function pacedStep(step: PaginationStep | OnceStep = plainRequest): PaginationStep {
	if (pacedSteps.has(step)) return step as PaginationStep;
	const paced = async function (this: IExecutePaginationFunctions, requestData) {
		return await onceForItem(throughGate(this), requestData, step as OnceStep);
	} as PaginationStep;
	pacedSteps.add(paced);
	// Named after the step it paces, for whoever reads the descriptions (their snapshot does).
	return Object.defineProperty(paced, 'name', { value: `paced ${step.name}` });
}

/** The Resource field's routing: every operation's request paced (an operation's own step replaces it). */
export const PACED_REQUESTS: INodePropertyRouting = {
	send: { paginate: true },
	operations: { pagination: pacedStep() },
};

/** A step run before the request, skipped once the item is done (shared/once.ts). */
function beforeRequest(step: PreSendAction): PreSendAction {
	const guarded: PreSendAction = async function (this: IExecuteSingleFunctions, requestOptions) {
		return await beforeSending(
			this,
			requestOptions.method,
			requestOptions,
			async () => await step.call(this, requestOptions),
		);
	};
	return Object.defineProperty(guarded, 'name', { value: step.name });
}

function pacedRouting(routing: INodePropertyRouting): INodePropertyRouting {
	const paced: INodePropertyRouting = { ...routing };
	if (routing.send?.preSend)
		paced.send = { ...routing.send, preSend: routing.send.preSend.map(beforeRequest) };
	const pagination = routing.operations?.pagination;
	if (typeof pagination === 'function')
		paced.operations = { ...routing.operations, pagination: pacedStep(pagination) };
	return paced;
}

type Described = {
	routing?: INodePropertyRouting;
	options?: readonly unknown[];
	values?: readonly unknown[];
};

function pacedEntry<T>(entry: T): T {
	if (entry === null || typeof entry !== 'object') return entry;
	const described = entry as Described;
	if (!described.routing && !Array.isArray(described.options) && !Array.isArray(described.values))
		return entry;
	const copy: Described = { ...described };
	if (described.routing) copy.routing = pacedRouting(described.routing);
	if (Array.isArray(described.options)) copy.options = described.options.map(pacedEntry);
	if (Array.isArray(described.values)) copy.values = described.values.map(pacedEntry);
	return copy as T;
}

/** The node's fields with every routing step paced (copies: fields shared between operations stay as they are). */
export function pacedProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.map(pacedEntry);
}

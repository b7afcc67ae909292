/**
 * "Wait for Passona to Finish" on Add Contacts, Remove Contacts, Create With Contacts and Flush:
 * the option's fields, and the routing step that looks at the group until Passona has applied
 * the change (the loop itself is in waiting.ts).
 */
import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { InputError, parseBoolean, parseUuid } from '../../../../core/input';
import { readRetryAfter } from '../../../../core/retryAfter';
import { type Show, withAfterPagination, withPostReceive } from '../../shared/descriptions';
import { checkInput, unexpectedAnswer } from '../../shared/routing';
import { passonaApiRequest, rateLimitWait } from '../../../../core/transport';
import { type GroupJson, type GroupLook, waitUntilSettled } from './waiting';

export const MAX_TIME_LIMIT_SECONDS = 3600;

export function waitFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Passona to Finish',
			name: 'waitForPassona',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until Passona has applied the change (the group is no longer Modifying) and output the group with its final number of contacts',
			displayOptions: { show },
			routing: { send: { preSend: [checkWaitFields] } },
		},
		{
			displayName: 'Time Limit (Seconds)',
			name: 'waitTimeLimit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIME_LIMIT_SECONDS },
			default: 120,
			description:
				'How long to wait at most; the group is checked every few seconds, less often if Passona asks to slow down',
			displayOptions: { show: { ...show, waitForPassona: [true] } },
		},
	];
}

/** One GET of the group; a 429 is an answer here (it slows the waiting down), not an error. */
async function lookAtGroup(context: IExecuteSingleFunctions, uuid: string): Promise<GroupLook> {
	const answer = await passonaApiRequest
		.call(context, 'GET', `/contact-groups/${encodeURIComponent(uuid)}`, {
			subject: 'contact group',
			uuid,
			operation: 'get',
		})
		.then(
			(body) => ({ body: body as { data?: unknown } | null }),
			(error: NodeApiError | NodeOperationError) => ({ error }),
		);
	if ('error' in answer) {
		if (rateLimitWait(answer.error) === undefined) throw answer.error;
		const retryAfter = (answer.error as NodeApiError).context.retryAfter;
		return { tooManyRequests: true, retryAfterMs: readRetryAfter(retryAfter, Date.now()) };
	}
	const body = answer.body;
	const data = body?.data;
	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		throw unexpectedAnswer(context, 'The contact group came back without "data"');
	}
	return { group: data as GroupJson };
}

function timeLimitSeconds(context: IExecuteSingleFunctions): number {
	return checkInput(context, 'Time Limit (Seconds)', () => {
		const value = Number(context.getNodeParameter('waitTimeLimit', 120));
		if (!Number.isFinite(value) || value < 1 || value > MAX_TIME_LIMIT_SECONDS) {
			throw new InputError(
				`must be a number of seconds from 1 to ${MAX_TIME_LIMIT_SECONDS}, got ${String(value)}`,
			);
		}
		return value;
	});
}

function waitAsked(context: IExecuteSingleFunctions): boolean {
	return checkInput(context, 'Wait for Passona to Finish', () =>
		parseBoolean(context.getNodeParameter('waitForPassona', false)),
	);
}

/** The option's fields are checked before the change is sent, not after. */
async function checkWaitFields(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	if (waitAsked(this)) timeLimitSeconds(this);
	return requestOptions;
}

/** With the option on, replaces Passona's first answer (status Modifying) by the settled group. */
export async function waitIfAsked(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!waitAsked(this)) return items;
	const limit = timeLimitSeconds(this);
	const uuid = checkInput(this, 'Contact Group', () => parseUuid(items[0]?.json?.uuid));
	const result = await waitUntilSettled({
		look: async () => await lookAtGroup(this, uuid),
		sleep: async (ms) => await sleep(ms),
		now: () => Date.now(),
		timeLimitMs: limit * 1000,
	});
	if (result.settled) return [{ ...items[0], json: result.group as INodeExecutionData['json'] }];
	const seen = result.lastGroup?.number_of_contacts;
	const count = typeof seen === 'number' ? `, ${seen} contacts so far` : '';
	throw new NodeOperationError(
		this.getNode(),
		`Passona is still applying the change to contact group ${uuid}`,
		{
			description: `Passona accepted the change; it was still being applied (status Modifying${count}) when the ${limit}-second Time Limit ran out. This is not a failure: Passona goes on in the background. Raise the Time Limit, or check the group later with Contact Group → Get.`,
			itemIndex: this.getItemIndex(),
		},
	);
}

/** The operation's routing with the wait added after its last request (after every chunk, for chunked lists). */
export function withWaiting(routing: INodePropertyRouting): INodePropertyRouting {
	if (typeof routing.operations?.pagination === 'function') {
		return withAfterPagination(routing, async function (items) {
			return await waitIfAsked.call(this, items);
		});
	}
	return withPostReceive(routing, waitIfAsked);
}

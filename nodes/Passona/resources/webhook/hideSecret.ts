import type {
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodePropertyRouting,
	PostReceiveAction,
} from 'n8n-workflow';
import { HIDDEN, VERIFICATION_HEADER } from '../../../../core/constants';
import { isPlainObject as isObject } from '../../../../core/input';
import { dataRouting, pagedRouting, withPostReceive } from '../../shared/descriptions';

type Json = Record<string, unknown>;

/** A webhook (or a page of them, as Get Many's paging sees it) with the trigger's secret hidden. */
function hideIn(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(hideIn);
	if (!isObject(value)) return value;
	const copy: Json = { ...value };
	if (isObject(copy.headers)) {
		copy.headers = Object.fromEntries(
			Object.entries(copy.headers).map(([name, text]) => [
				name,
				name.toLowerCase() === VERIFICATION_HEADER.toLowerCase() ? HIDDEN : text,
			]),
		);
	}
	if ('data' in copy) copy.data = hideIn(copy.data);
	return copy;
}

/**
 * Hides the value of the trigger's secret header in every Webhook output, so that it never
 * lands in stored executions. A custom step: routing's own actions cannot rewrite a header
 * value whatever its case.
 */
export const hideTriggerSecret: PostReceiveAction = async function (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
) {
	return items.map((item) => ({ ...item, json: hideIn(item.json) as INodeExecutionData['json'] }));
};

/** `dataRouting` whose output hides the trigger's secret. */
export const webhookDataRouting = (
	method: IHttpRequestMethods & ('GET' | 'POST' | 'PUT'),
	url: string,
): INodePropertyRouting => withPostReceive(dataRouting(method, url), hideTriggerSecret);

/** `pagedRouting` whose pages have the trigger's secret hidden before they are read. */
export const webhookPagedRouting = (url: string): INodePropertyRouting =>
	withPostReceive(pagedRouting(url), hideTriggerSecret);

/**
 * One fault among three items: each item names its own record by `$json.id`, Passona answers the
 * second item's request with the fault and the others with success, and the node runs with
 * Continue On Fail. Shared by the fault suites of every resource.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock, type RecordedRequest } from './passonaMock';
import { exposedText } from '../../harness/secrets';

/** The records the three items name, in order; the second is the one that faults. */
export const IDS = [
	'11111111-1111-4111-8111-111111111111',
	'22222222-2222-4222-8222-222222222222',
	'33333333-3333-4333-8333-333333333333',
];

export interface ItemFault {
	method: string;
	/** The path of the request for the record `id`. */
	path: (id: string) => string;
	status: number;
	body: unknown;
	headers?: Record<string, string>;
	/** Passona's answer to the other items (DELETE answers 204, the rest 200). */
	success: (id: string) => unknown;
}

/**
 * Runs `parameters` over one item per ID with the second item's answer faulted, and checks what
 * holds for every fault: the workflow goes on, exactly one request per item (no retry: nock would
 * refuse a second one), one error item whose JSON is its message, two good items, and the token
 * nowhere in the run. Returns the error item and the requests, for the fault's own words.
 */
export async function faultSecondItem(
	parameters: INodeParameters,
	fault: ItemFault,
): Promise<{ failed: INodeExecutionData; requests: RecordedRequest[] }> {
	const passona = new PassonaMock();
	// Answers to one path are taken in order (Send Test posts every item to one path).
	for (const [index, id] of IDS.entries()) {
		if (index === 1)
			passona.reply(fault.method, fault.path(id), fault.status, fault.body, fault.headers);
		else
			passona.reply(
				fault.method,
				fault.path(id),
				fault.method === 'DELETE' ? 204 : 200,
				fault.success(id),
			);
	}
	const { items, error, run } = await runPassona({
		parameters,
		items: IDS.map((id) => ({ id })),
		onError: 'continueRegularOutput',
	});
	expect(error).toBeUndefined();
	expect(passona.requests).toHaveLength(3);
	const failed = items.filter((entry) => entry.error);
	expect(failed).toHaveLength(1);
	expect(failed[0].json).toEqual({ error: failed[0].error!.message });
	expect(items.filter((entry) => !entry.error)).toHaveLength(2);
	expect(exposedText(run)).not.toContain(TOKEN);
	return { failed: failed[0], requests: passona.requests };
}

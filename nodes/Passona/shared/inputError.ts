import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * Bad input found before anything is sent, shown by n8n as an input error (as a NodeOperationError
 * is shown), never as "From Passona — Error code: none". Ready to throw.
 *
 * Why not a plain NodeOperationError: n8n's declarative routing (RoutingNode in n8n-core) runs
 * preSend hooks inside its request promise and re-wraps every rejection that is not a NodeApiError
 * into `new NodeApiError(node, error, { httpCode: 'none' })`, which the editor lists under
 * "From Passona" with "Error code: none", as if Passona had answered. A NodeApiError passes through
 * unchanged, so this is a NodeApiError carrying exactly what n8n shows for an operation error: the
 * name NodeOperationError, no HTTP code, no raw messages.
 */
export function inputError(
	node: INode,
	message: string,
	{ description, itemIndex }: { description?: string; itemIndex?: number },
): NodeApiError {
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description,
		itemIndex,
	});
	error.name = 'NodeOperationError';
	error.httpCode = null;
	error.messages = [];
	if (description === undefined) error.description = undefined;
	return error;
}

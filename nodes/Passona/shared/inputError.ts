import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * Bad input found before anything is sent, shown by n8n as an input error (as a NodeOperationError
 * is shown), never as "From Passona — Error code: none".
 *
 * Why this is not a plain NodeOperationError: n8n's declarative routing (RoutingNode in n8n-core)
 * runs preSend hooks inside its request promise and re-wraps every rejection that is not a
 * NodeApiError into `new NodeApiError(node, error, { httpCode: 'none' })`, which the editor lists
 * under "From Passona" with "Error code: none", as if Passona had answered. A NodeApiError passes
 * through unchanged, so this one is a NodeApiError carrying exactly what n8n shows for an operation
 * error: the name NodeOperationError, no HTTP code, no raw messages.
 */
export class PassonaInputError extends NodeApiError {
	constructor(node: INode, message: string, { description, itemIndex }: { description?: string; itemIndex?: number }) {
		super(node, { message } as JsonObject, { message, description, itemIndex });
		this.name = 'NodeOperationError';
		this.httpCode = null;
		this.messages = [];
		if (description === undefined) this.description = undefined;
	}
}

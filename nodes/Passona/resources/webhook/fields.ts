/** Webhook fields shared by Create and Update. */
import type { INodeProperties } from 'n8n-workflow';
import { nameProperty } from '../../shared/descriptions';
import { bodyHeaders, bodyUrl } from '../../shared/routing';

export const webhookName = nameProperty(
	'A name to recognise the webhook by in Passona',
	'e.g. CRM sync',
);

export const webhookUrl: INodeProperties = {
	displayName: 'URL',
	name: 'url',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/passona-hook',
	description: 'The address Passona calls when a keyword that uses this webhook matches',
	routing: { send: { type: 'body', property: 'url', preSend: [bodyUrl('url', 'URL')] } },
};

/** Rows of header name/value pairs; `parameter` is where the rows live (for the preSend). */
export function webhookHeaders(parameter: string): INodeProperties {
	return {
		displayName: 'Headers',
		name: 'headers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Header',
		default: {},
		description: 'Headers Passona sends with every call, for example a secret your endpoint checks',
		hint: "At most 20 headers, with names unique whatever their case. A Passona Trigger's secret header shows as [hidden] in this node's output.",
		options: [
			{
				displayName: 'Header',
				name: 'header',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. X-Secret',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						typeOptions: { password: true },
						default: '',
					},
				],
			},
		],
		routing: { send: { preSend: [bodyHeaders(parameter)] } },
	};
}

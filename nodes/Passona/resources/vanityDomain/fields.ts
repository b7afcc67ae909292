/** The one field of a vanity domain, shared by Create and Update. */
import type { INodeProperties } from 'n8n-workflow';
import { describeValue, InputError, parseHttpUrl } from '../../../../core/input';
import { checkBody } from '../../shared/routing';

/** A domain as Passona stores it: scheme and host only, e.g. https://vani.io (no path). */
export function parseDomainUrl(value: unknown): string {
	const text = parseHttpUrl(value);
	const url = new URL(text);
	if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') {
		throw new InputError(
			`must be a domain alone, with no path: ${describeValue(value)}`,
			'Use an address such as https://vani.io.',
		);
	}
	return `${url.protocol}//${url.host}`;
}

export const domainField: INodeProperties = {
	displayName: 'Domain',
	name: 'domain',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. https://vani.io',
	description:
		"The short domain for tracked links, with https://; point it at Passona's name servers (Digitonic moderates new domains)",
	routing: {
		send: {
			type: 'body',
			property: 'domain',
			preSend: [checkBody('domain', 'Domain', parseDomainUrl)],
		},
	},
};

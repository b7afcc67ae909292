import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { PASSONA_API_URL } from '../core/constants';
import { describePassonaError } from '../core/errors';
import {
	BASE_URL_EXPRESSION,
	JSON_HEADERS,
	NO_REDIRECTS,
	REDIRECT_STATUSES,
	redirectMessage,
} from '../core/transport';

/** The node's own words for a wrong token, as one line for n8n's credential test. */
const wrongToken = describePassonaError(401, undefined, { subject: 'API token' });

export class PassonaApi implements ICredentialType {
	name = 'passonaApi';

	displayName = 'Passona API';

	icon: Icon = {
		light: 'file:../icons/passona.svg',
		dark: 'file:../icons/passona.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-passona#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The token created in the Passona dashboard under API settings',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: PASSONA_API_URL,
			placeholder: `e.g. ${PASSONA_API_URL}`,
			description:
				'Change only if Passona gave you another address, such as a staging host. Trailing slashes are ignored.',
		},
		{
			displayName: 'Default Country Code',
			name: 'defaultCountryCode',
			type: 'string',
			default: '44',
			placeholder: 'e.g. 44',
			description:
				'Numbers written the national way, with a leading 0, get this country code instead of the 0: 07700 900123 is sent as 447700900123 (44 is the United Kingdom). With 44, a 10-digit number starting with 7 (a UK mobile whose 0 a spreadsheet dropped) is read as UK too; with any other code it is refused. Leave empty to accept international numbers only.',
		},
	];

	// A function rather than a generic `={{ }}` header: n8n runs this on every request, and
	// evaluating an expression there cost 0.3-0.4 ms per request (see docs/performance.md).
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			Authorization: `Bearer ${String(credentials.apiToken).trim()}`,
		},
	});

	// GET /balance is read-only and needs nothing but a valid token. Redirects are not followed
	// (the token would go with them); n8n's credential tester words a 3xx by these rules.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/balance',
			headers: JSON_HEADERS,
			...NO_REDIRECTS,
		},
		// n8n's credential test would say only "Unauthorized" (or follow a redirect): these give the
		// node's plain words.
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: `${wrongToken.message}. ${wrongToken.description}` },
			},
			...REDIRECT_STATUSES.map((value) => ({
				type: 'responseCode' as const,
				properties: { value, message: redirectMessage(undefined) },
			})),
		],
	};
}

import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import {
	BASE_URL_EXPRESSION,
	NO_REDIRECTS,
	REDIRECT_STATUSES,
	redirectMessage,
} from '../nodes/Passona/shared/transport';

export class PassonaApi implements ICredentialType {
	name = 'passonaApi';

	displayName = 'Passona API';

	icon: Icon = {
		light: 'file:../nodes/Passona/passona.svg',
		dark: 'file:../nodes/Passona/passona.dark.svg',
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
			default: 'https://passona.co.uk/api/2.0',
			description:
				'Change only for a Passona staging host or a local sandbox. Trailing slashes are ignored.',
		},
	];

	// A function rather than a generic `={{ }}` header: n8n runs this on every request, and
	// evaluating an expression there cost 0.3-0.4 ms per request (see README, Performance).
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiToken).trim()}` },
	});

	// GET /balance is read-only and needs nothing but a valid token. Redirects are not followed
	// (the token would go with them); n8n's credential tester words a 3xx by these rules.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/balance',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			...NO_REDIRECTS,
		},
		rules: REDIRECT_STATUSES.map((value) => ({
			type: 'responseCode' as const,
			properties: { value, message: redirectMessage(undefined) },
		})),
	};
}

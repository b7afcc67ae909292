/** The Passona API credential: bearer token on every request, and its test request. */
import type { ICredentialTestRequest } from 'n8n-workflow';
import { loadPackage, runCredentialTest, TOKEN } from '../../harness/engine';
import { PassonaMock, sentHeaders } from '../support/passonaMock';
import { exposedText } from '../../harness/secrets';

describe('Passona API credential', () => {
	test('the test asks GET /balance with the bearer token, tolerating spaces and trailing slashes', async () => {
		const passona = new PassonaMock('https://staging.passona.test/api/2.0').reply(
			'GET',
			'/balance',
			200,
			{
				data: { balance: 1000 },
			},
		);
		const result = await runCredentialTest({
			apiToken: ` ${TOKEN} `,
			baseUrl: ' https://staging.passona.test/api/2.0// ',
		});
		expect(result.error).toBeUndefined();
		expect(passona.requests).toEqual([
			{ method: 'GET', path: '/balance', query: {}, headers: sentHeaders(TOKEN), body: undefined },
		]);
	});

	test("a wrong token fails the test with Passona's 401, in the node's plain words, and without the token", async () => {
		const { types } = await loadPackage();
		const credential = types.credentials.find((type) => type.name === 'passonaApi')!;
		// n8n's httpRequestWithAuthentication retries a 401 once after re-authenticating.
		const passona = new PassonaMock()
			.reply('GET', '/balance', 401, { message: 'Unauthenticated.' })
			.reply('GET', '/balance', 401, { message: 'Unauthenticated.' });
		const result = await runCredentialTest({
			apiToken: 'wrong-token-123',
			baseUrl: 'https://passona.test/api/2.0',
		});
		expect(result.error).toBeDefined();
		expect(passona.requests).toHaveLength(2);
		const status = (result.error as { httpCode?: string }).httpCode;
		expect(status).toBe('401');
		expect(result.error?.description).toContain('Unauthenticated.');
		expect(exposedText(result.run)).not.toContain('wrong-token-123');
		// What n8n's credential tester shows for that status: the rule's words, not "Unauthorized".
		expect(n8nVerdict(credential.test?.rules, Number(status))).toBe(
			'Passona did not accept the API token. Check the Passona API credential: the API Token may be mistyped or revoked, or meant for another Passona host (Base URL).',
		);
	});
});

/** What n8n 2.40.7's CredentialsTester does with a failed test request (services/credentials-tester.service.js). */
function n8nVerdict(rules: ICredentialTestRequest['rules'], status: number): string {
	for (const rule of rules ?? []) {
		if (rule.type === 'responseCode' && rule.properties.value === status)
			return rule.properties.message;
	}
	return 'Unauthorized';
}

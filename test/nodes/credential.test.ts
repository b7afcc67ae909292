/** The Passona API credential: bearer token on every request, and its test request. */
import { runCredentialTest, TOKEN } from '../harness/engine';
import { PassonaMock, sentHeaders } from '../harness/passonaMock';
import { exposedText } from '../harness/secrets';

describe('Passona API credential', () => {
	test('the test asks GET /balance with the bearer token, tolerating spaces and trailing slashes', async () => {
		const passona = new PassonaMock('https://staging.passona.test/api/2.0').reply('GET', '/balance', 200, {
			data: { balance: 1000 },
		});
		const result = await runCredentialTest({ apiToken: ` ${TOKEN} `, baseUrl: ' https://staging.passona.test/api/2.0// ' });
		expect(result.error).toBeUndefined();
		expect(passona.requests).toEqual([
			{ method: 'GET', path: '/balance', query: {}, headers: sentHeaders(TOKEN), body: undefined },
		]);
	});

	test("a wrong token fails the test with Passona's 401 and without the token", async () => {
		// n8n's httpRequestWithAuthentication retries a 401 once after re-authenticating.
		const passona = new PassonaMock()
			.reply('GET', '/balance', 401, { message: 'Unauthenticated.' })
			.reply('GET', '/balance', 401, { message: 'Unauthenticated.' });
		const result = await runCredentialTest({ apiToken: 'wrong-token-123', baseUrl: 'https://passona.test/api/2.0' });
		expect(result.error).toBeDefined();
		expect(passona.requests).toHaveLength(2);
		expect((result.error as { httpCode?: string }).httpCode).toBe('401');
		expect(result.error?.description).toContain('Unauthenticated.');
		expect(exposedText(result.run)).not.toContain('wrong-token-123');
	});
});

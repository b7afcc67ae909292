/**
 * A Passona error that echoes the request's Authorization header (or the token itself) is masked
 * before n8n keeps or shows it: the token is in no error, no stored run data and no log line
 * (test/setup/logs.ts checks every line this file logs). Passona's other words stay.
 */
import { inspect } from 'node:util';
import { runPassona, TOKEN } from '../../harness/engine';
import { byId } from '../../harness/locators';
import { exposedText } from '../../harness/secrets';
import { activate, triggerSetup } from '../../harness/trigger';
import { group, GROUP_UUID, KEYWORD_UUID, webhookList } from '../fixtures/passona';
import { campaignCreate } from '../fixtures/sending';
import { fakeTime } from '../support/fakeTime';
import { PassonaMock } from '../support/passonaMock';

/** What a careless server sends back: the header in its words, its errors and a dump of headers. */
const echoing = {
	message: `Invalid header Authorization: Bearer ${TOKEN}`,
	errors: { token: [`The token ${TOKEN} has expired.`] },
	request: { headers: { authorization: `Bearer ${TOKEN}`, 'x-token': TOKEN } },
};
const groupPath = `/contact-groups/${GROUP_UUID}`;

/** Everything of a run n8n stores or shows: JSON as stored, the error's fields, its inspected form. */
function expectNoToken(...shown: unknown[]) {
	for (const value of shown) {
		expect(exposedText(value)).not.toContain(TOKEN);
		expect(JSON.stringify(value) ?? '').not.toContain(TOKEN);
		// n8n keeps the raw axios error of a network failure as `cause`; Passona's answers have none.
		expect(inspect(value, { depth: 12 })).not.toContain(TOKEN);
	}
}

test.each([400, 422, 500])(
	'a %i echoing the token: masked in the error, the run data and the error item',
	async (status) => {
		new PassonaMock().reply('GET', groupPath, status, echoing);
		const stopped = await runPassona({
			parameters: { resource: 'contactGroup', operation: 'get', contactGroup: byId(GROUP_UUID) },
		});
		expect(stopped.error).toBeDefined();
		expectNoToken(stopped.run, stopped.error);
		// Passona's words are kept, the credential is not.
		expect(stopped.error!.description).toContain('The token [hidden] has expired.');
		expect(exposedText(stopped.error)).toContain('Invalid header Authorization: Bearer [hidden]');

		new PassonaMock().reply('GET', groupPath, status, echoing);
		const continued = await runPassona({
			parameters: { resource: 'contactGroup', operation: 'get', contactGroup: byId(GROUP_UUID) },
			onError: 'continueRegularOutput',
		});
		expect(continued.items).toHaveLength(1);
		expectNoToken(continued.run, continued.items);
	},
);

test("the node's own requests: the default_optouts lookup of Campaign Create", async () => {
	new PassonaMock().reply('GET', '/contact-groups', 422, echoing);
	const { error, run } = await runPassona({ parameters: campaignCreate });
	expect(error?.message).toBe('Passona rejected the values sent');
	expectNoToken(run, error);
});

test("the node's own requests: a look of Wait for Passona", async () => {
	new PassonaMock()
		.reply('PUT', `${groupPath}/add-contacts`, 200, { data: group({ status: 'Ready' }) })
		.reply('GET', groupPath, 500, echoing);
	const clock = fakeTime();
	const { error, run } = await runPassona({
		parameters: {
			resource: 'contactGroup',
			operation: 'addContacts',
			contactGroup: byId(GROUP_UUID),
			contactSource: 'fields',
			phoneNumber: '447700900123',
			waitForPassona: true,
			waitTimeLimit: 1,
		},
	}).finally(() => clock.restore());
	expect(error?.message).toBe('Passona had a problem on its side (HTTP 500)');
	expectNoToken(run, error);
});

test('the Passona Trigger: an activation refused with the token echoed', async () => {
	new PassonaMock()
		.reply('GET', '/webhooks', 200, webhookList())
		.reply('POST', '/webhooks', 422, echoing);
	const failure = activate(await triggerSetup({ keywords: [KEYWORD_UUID] }));
	await expect(failure).rejects.toThrow('Passona rejected the values sent');
	expectNoToken(await failure.catch((error: unknown) => error));
});

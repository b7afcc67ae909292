/** Passona's error answers, through the engine: plain words, per-item Continue On Fail, no token. */
import { runPassona, TOKEN } from '../../harness/engine';
import { PassonaMock } from '../support/passonaMock';
import { exposedText } from '../../harness/secrets';
import { group, GROUP_UUID, KEYWORD_UUID } from '../fixtures/passona';
import { byId } from '../../harness/locators';

const groupPath = `/contact-groups/${GROUP_UUID}`;
const getGroup = { resource: 'contactGroup', operation: 'get', contactGroup: byId(GROUP_UUID) };

async function failing(
	status: number,
	body: unknown,
	parameters = getGroup,
	path = groupPath,
	method = 'GET',
	headers?: Record<string, string>,
) {
	new PassonaMock().reply(method, path, status, body, headers);
	const result = await runPassona({ parameters });
	expect(result.items).toEqual([]);
	expect(result.error).toBeDefined();
	expect(exposedText(result.run)).not.toContain(TOKEN);
	return result.error!;
}

describe("Passona's errors in plain words", () => {
	test('401 points at the credential', async () => {
		const error = await failing(401, { message: 'Unauthenticated.' });
		expect(error.message).toBe('Passona did not accept the API token');
		expect(error.description).toContain('Check the Passona API credential');
		expect(error.description).toContain('Passona said: Unauthenticated.');
	});

	test('404 names the missing contact group', async () => {
		const error = await failing(404, { message: 'No query results for model [ContactGroup].' });
		expect(error.message).toBe(`Passona has no contact group ${GROUP_UUID}`);
		expect(error.description).toContain('Check the Contact Group field');
	});

	test('404 names the missing keyword', async () => {
		const error = await failing(
			404,
			{ message: 'Not found' },
			{ resource: 'keyword', operation: 'get', keyword: byId(KEYWORD_UUID) } as never,
			`/keywords/${KEYWORD_UUID}`,
		);
		expect(error.message).toBe(`Passona has no keyword ${KEYWORD_UUID}`);
	});

	test('422 lists every validation message', async () => {
		const error = await failing(
			422,
			{
				message: 'The name field is required. (and 1 more error)',
				errors: {
					name: ['The name field is required.'],
					deletable: ['The deletable field must be true or false.'],
				},
			},
			{ resource: 'contactGroup', operation: 'create', name: 'x', deletable: true } as never,
			'/contact-groups',
			'POST',
		);
		expect(error.message).toBe('Passona rejected the values sent');
		expect(error.description).toBe(
			'Fix these and run again:\n• The name field is required.\n• The deletable field must be true or false.',
		);
	});

	test('a 429 Passona asks to wait out longer than the node waits passes on Retry-After', async () => {
		const error = await failing(
			429,
			{ message: 'Too Many Attempts.' },
			getGroup,
			groupPath,
			'GET',
			{
				'Content-Type': 'application/json',
				'Retry-After': '3600',
			},
		);
		expect(error.message).toBe('Passona is receiving too many requests');
		expect(error.description).toContain('Passona asks to wait 3600 seconds');
		expect(error.description).toContain(
			'Passona asked to wait 3600 s, longer than this node waits for one request (5 minutes).',
		);
	});

	test.each([500, 503])(
		'%i with an HTML page says Passona failed and the request may be retried',
		async (status) => {
			const error = await failing(
				status,
				'<html><body>Bad Gateway</body></html>',
				getGroup,
				groupPath,
				'GET',
				{
					'Content-Type': 'text/html',
				},
			);
			expect(error.message).toBe(`Passona had a problem on its side (HTTP ${status})`);
			expect(error.description).toContain('may be retried');
		},
	);

	test('a 200 without "data" is an error, not an empty item', async () => {
		const error = await failing(200, '');
		expect(error.message).toBe('Passona sent an answer this node does not understand');
	});

	test("a network failure stops the item with n8n's message and without the token", async () => {
		new PassonaMock().networkError('GET', groupPath);
		const result = await runPassona({ parameters: getGroup });
		expect(result.error?.message).toMatch(/connection|socket|reset/i);
		expect(exposedText(result.run)).not.toContain(TOKEN);
		expect(exposedText(result.error)).not.toContain(TOKEN);
	});
});

describe('Continue On Fail', () => {
	test('the failing item becomes an error item and the others still run', async () => {
		const other = '16f7a9aa-f4e0-11e9-9aed-0242ac120006';
		const passona = new PassonaMock()
			.reply('GET', groupPath, 423, { message: 'Locked' })
			.reply('GET', `/contact-groups/${other}`, 200, { data: group({ uuid: other }) });
		const { items, error, run } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'get',
				contactGroup: byId('={{ $json.id }}'),
			},
			items: [{ id: GROUP_UUID }, { id: other }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(passona.requests).toHaveLength(2);
		expect(items).toHaveLength(2);
		const locked = 'The contact group is locked because a campaign using it is sending right now';
		expect(items[0].json).toEqual({ error: locked });
		expect(items[0].error?.message).toBe(locked);
		expect(items[1].json.uuid).toBe(other);
		expect(exposedText(run)).not.toContain(TOKEN);
	});
});

/** Passona Trigger: registering and removing its webhook, and verifying deliveries. */
import { createHash } from 'node:crypto';
import type { INodeType } from 'n8n-workflow';
import { loadPackage, TOKEN } from '../../harness/engine';
import { PassonaMock, sentHeaders } from '../support/passonaMock';
import { secretSentFor } from '../../harness/secretsSent';
import { exposedText } from '../../harness/secrets';
import {
	activate,
	brief,
	checkExists,
	deactivate,
	deliver,
	PRODUCTION_URL,
	registrationsOf,
	SECRET_HEADER,
	TEST_URL,
	triggerSetup,
	type TriggerSetup,
	WEBHOOK_ID,
} from '../../harness/trigger';
import {
	keyword,
	KEYWORD_UUID,
	OUR_WEBHOOK_UUID as OURS,
	passonaWebhook,
	WEBHOOK_UUID as OTHER_WEBHOOK,
	webhookList,
} from '../fixtures/passona';

const KEYWORD_B = '5c1d2e3f-aaaa-4bbb-8ccc-000000000002';
const OLD = '7a7a7a7a-1111-4222-8333-000000000000';
const NAME = 'n8n: Inbound replies (workflow test, node "Passona Trigger")';

function ourWebhook(url = PRODUCTION_URL, secret = 'x', uuid = OURS) {
	return { data: passonaWebhook({ uuid, name: NAME, url, secret }) };
}

/** The secret each activation gave Passona (POST /webhooks): n8n itself keeps only its digest. */
const secretsSent = new WeakMap<TriggerSetup, string>();
const secretOf = (setup: TriggerSetup) => secretsSent.get(setup)!;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The keyword as read back after attaching: ours is there. */
const attachedKeyword = (uuid: string, webhooks = [OURS]) => ({
	data: keyword({ uuid, webhooks_uuid: webhooks, call_webhook: true }),
});

async function activated(keywords: string[], attachedBefore: Record<string, string[]> = {}) {
	const setup = await triggerSetup({ keywords });
	const passona = new PassonaMock()
		.reply('GET', '/webhooks', 200, webhookList())
		.reply('POST', '/webhooks', 201, ourWebhook());
	for (const uuid of keywords) {
		passona
			.reply('GET', `/keywords/${uuid}`, 200, {
				data: keyword({
					uuid,
					webhooks_uuid: attachedBefore[uuid] ?? [],
					call_webhook: (attachedBefore[uuid] ?? []).length > 0,
				}),
			})
			.reply('PUT', `/keywords/${uuid}`, 200, { data: keyword({ uuid }) })
			.reply(
				'GET',
				`/keywords/${uuid}`,
				200,
				attachedKeyword(uuid, [...(attachedBefore[uuid] ?? []), OURS]),
			);
	}
	await activate(setup);
	secretsSent.set(setup, secretSentFor(PRODUCTION_URL)!);
	return { setup, passona };
}

describe('activation', () => {
	test("creates a named webhook with a fresh secret and attaches it, keeping the keyword's other webhook", async () => {
		const { setup, passona } = await activated([KEYWORD_UUID], { [KEYWORD_UUID]: [OTHER_WEBHOOK] });
		const secret = secretOf(setup);
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(
			passona.requests.every(
				(request) => request.headers.authorization === sentHeaders(TOKEN).authorization,
			),
		).toBe(true);
		expect(brief(passona)).toEqual([
			{ method: 'GET', path: '/webhooks', body: undefined },
			{
				method: 'POST',
				path: '/webhooks',
				body: { name: NAME, url: PRODUCTION_URL, headers: { [SECRET_HEADER]: secret } },
			},
			{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
			{
				method: 'PUT',
				path: `/keywords/${KEYWORD_UUID}`,
				body: { call_webhook: true, webhooks_uuid: [OTHER_WEBHOOK, OURS] },
			},
			{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
		]);
	});

	test('attaches to every chosen keyword, and each activation gets its own secret', async () => {
		const first = await activated([KEYWORD_UUID, KEYWORD_B]);
		expect(brief(first.passona).map(({ method, path }) => `${method} ${path}`)).toEqual([
			'GET /webhooks',
			'POST /webhooks',
			`GET /keywords/${KEYWORD_UUID}`,
			`PUT /keywords/${KEYWORD_UUID}`,
			`GET /keywords/${KEYWORD_UUID}`,
			`GET /keywords/${KEYWORD_B}`,
			`PUT /keywords/${KEYWORD_B}`,
			`GET /keywords/${KEYWORD_B}`,
		]);
		const second = await activated([KEYWORD_UUID]);
		expect(secretOf(second.setup)).not.toBe(secretOf(first.setup));
	});

	test('a failure on the second keyword detaches the first, deletes the webhook and says so', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID, KEYWORD_B] });
		const passona = new PassonaMock()
			.reply('GET', '/webhooks', 200, webhookList())
			.reply('POST', '/webhooks', 201, ourWebhook())
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [OTHER_WEBHOOK], call_webhook: false }),
			})
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, { data: keyword() })
			.reply(
				'GET',
				`/keywords/${KEYWORD_UUID}`,
				200,
				attachedKeyword(KEYWORD_UUID, [OTHER_WEBHOOK, OURS]),
			)
			.reply('GET', `/keywords/${KEYWORD_B}`, 404, {
				message: 'No query results for model [Keyword].',
			})
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [OTHER_WEBHOOK, OURS], call_webhook: true }),
			})
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, { data: keyword() })
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [OTHER_WEBHOOK], call_webhook: false }),
			})
			.reply('DELETE', `/webhooks/${OURS}`, 204);
		const failure = activate(setup);
		await expect(failure).rejects.toThrow(`Passona has no keyword ${KEYWORD_B}`);
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining(
				'Activation was undone: nothing was left behind in Passona.',
			),
		});
		expect(brief(passona).slice(6)).toEqual([
			{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
			{
				method: 'PUT',
				path: `/keywords/${KEYWORD_UUID}`,
				body: { call_webhook: false, webhooks_uuid: [OTHER_WEBHOOK] },
			},
			{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
			{ method: 'DELETE', path: `/webhooks/${OURS}`, body: undefined },
		]);
		expect(registrationsOf(setup)).toEqual({});
	});

	test('a failure to create the webhook leaves nothing to undo', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		const passona = new PassonaMock()
			.reply('GET', '/webhooks', 200, webhookList())
			.reply('POST', '/webhooks', 422, {
				message: 'x',
				errors: { url: ['The url must be a valid URL.'] },
			});
		await expect(activate(setup)).rejects.toThrow('Passona rejected the values sent');
		expect(passona.requests).toHaveLength(2);
		expect(registrationsOf(setup)).toEqual({});
	});

	test('no keyword chosen is refused before any request', async () => {
		const setup = await triggerSetup({ keywords: [] });
		const passona = new PassonaMock();
		await expect(activate(setup)).rejects.toThrow('"Keywords" is empty: choose at least one');
		expect(passona.requests).toEqual([]);
	});

	test('the test URL gets its own registration beside the production one', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		const passona = new PassonaMock()
			.reply('GET', '/webhooks', 200, webhookList(ourWebhook().data))
			.reply('POST', '/webhooks', 201, ourWebhook(TEST_URL, 'y', OLD))
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, { data: keyword({ webhooks_uuid: [OURS] }) })
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, { data: keyword() })
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, attachedKeyword(KEYWORD_UUID, [OURS, OLD]));
		await activate(setup, true);
		// The production webhook in the list calls another URL: it is not taken for one left behind.
		expect(passona.requests[1].body).toMatchObject({ url: TEST_URL });
		expect(passona.requests[3].body).toEqual({ call_webhook: true, webhooks_uuid: [OURS, OLD] });
		expect(Object.keys(registrationsOf(setup)).sort()).toEqual([PRODUCTION_URL, TEST_URL].sort());
		// Each records its kind: a delivery is let in by the registrations of its kind of URL.
		expect(registrationsOf(setup)[TEST_URL]).toMatchObject({ webhookId: OLD, isTest: true });
		expect(registrationsOf(setup)[PRODUCTION_URL]).toMatchObject({
			webhookId: OURS,
			isTest: false,
		});
	});
});

describe('checkExists', () => {
	test('true when the webhook still exists with this URL and secret and every keyword has it', async () => {
		const { setup } = await activated([KEYWORD_UUID, KEYWORD_B]);
		const passona = new PassonaMock()
			.reply('GET', `/webhooks/${OURS}`, 200, ourWebhook(PRODUCTION_URL, secretOf(setup)))
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [OURS], call_webhook: true }),
			})
			.reply('GET', `/keywords/${KEYWORD_B}`, 200, {
				data: keyword({
					uuid: KEYWORD_B,
					webhooks_uuid: [OTHER_WEBHOOK, OURS],
					call_webhook: true,
				}),
			});
		expect(await checkExists(setup)).toBe(true);
		expect(passona.requests.every((request) => request.method === 'GET')).toBe(true);
	});

	test('false without a registration, without asking Passona', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		expect(await checkExists(setup)).toBe(false);
	});

	test.each([
		['the webhook was deleted', 404, { message: 'Not found' }, undefined],
		['the webhook points elsewhere', 200, ourWebhook('https://elsewhere.test/hook'), undefined],
		[
			'the webhook lost its secret',
			200,
			{ data: { ...ourWebhook().data, headers: {} } },
			undefined,
		],
		[
			'a keyword no longer has it',
			200,
			null,
			{ webhooks_uuid: [OTHER_WEBHOOK], call_webhook: true },
		],
		[
			'a keyword had call_webhook switched off',
			200,
			null,
			{ webhooks_uuid: [OURS], call_webhook: false },
		],
	])('false when %s', async (_case, status, webhookBody, keywordState) => {
		const { setup } = await activated([KEYWORD_UUID]);
		const passona = new PassonaMock().reply(
			'GET',
			`/webhooks/${OURS}`,
			status,
			webhookBody ?? ourWebhook(PRODUCTION_URL, secretOf(setup)),
		);
		if (keywordState)
			passona.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, { data: keyword(keywordState) });
		expect(await checkExists(setup)).toBe(false);
	});

	test('false when the chosen keywords changed; re-activation then replaces the old registration', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		setup.node.parameters.keywords = [KEYWORD_B];
		const passona = new PassonaMock()
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [OURS], call_webhook: true }),
			})
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, { data: keyword() })
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [], call_webhook: false }),
			})
			.reply('DELETE', `/webhooks/${OURS}`, 204)
			.reply('GET', '/webhooks', 200, webhookList())
			.reply('POST', '/webhooks', 201, ourWebhook(PRODUCTION_URL, 'z', OLD))
			.reply('GET', `/keywords/${KEYWORD_B}`, 200, {
				data: keyword({ uuid: KEYWORD_B, webhooks_uuid: [], call_webhook: false }),
			})
			.reply('PUT', `/keywords/${KEYWORD_B}`, 200, { data: keyword() })
			.reply('GET', `/keywords/${KEYWORD_B}`, 200, attachedKeyword(KEYWORD_B, [OLD]));
		await activate(setup);
		expect(brief(passona).map(({ method, path }) => `${method} ${path}`)).toEqual([
			`GET /keywords/${KEYWORD_UUID}`,
			`PUT /keywords/${KEYWORD_UUID}`,
			`GET /keywords/${KEYWORD_UUID}`,
			`DELETE /webhooks/${OURS}`,
			'GET /webhooks',
			'POST /webhooks',
			`GET /keywords/${KEYWORD_B}`,
			`PUT /keywords/${KEYWORD_B}`,
			`GET /keywords/${KEYWORD_B}`,
		]);
		expect(registrationsOf(setup)[PRODUCTION_URL].webhookId).toBe(OLD);
	});
});

describe('deactivation', () => {
	test('detaches from each keyword, restoring call_webhook, and deletes the webhook', async () => {
		const { setup } = await activated([KEYWORD_UUID, KEYWORD_B], {
			[KEYWORD_UUID]: [OTHER_WEBHOOK],
		});
		const passona = new PassonaMock()
			.reply('GET', `/keywords/${KEYWORD_B}`, 200, {
				data: keyword({ uuid: KEYWORD_B, webhooks_uuid: [OURS], call_webhook: true }),
			})
			.reply('PUT', `/keywords/${KEYWORD_B}`, 200, { data: keyword() })
			.reply('GET', `/keywords/${KEYWORD_B}`, 200, {
				data: keyword({ uuid: KEYWORD_B, webhooks_uuid: [], call_webhook: false }),
			})
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [OTHER_WEBHOOK, OURS], call_webhook: true }),
			})
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, { data: keyword() })
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [OTHER_WEBHOOK], call_webhook: true }),
			})
			.reply('DELETE', `/webhooks/${OURS}`, 204);
		await deactivate(setup);
		expect(brief(passona)).toEqual([
			{ method: 'GET', path: `/keywords/${KEYWORD_B}`, body: undefined },
			{
				method: 'PUT',
				path: `/keywords/${KEYWORD_B}`,
				body: { call_webhook: false, webhooks_uuid: [] },
			},
			{ method: 'GET', path: `/keywords/${KEYWORD_B}`, body: undefined },
			{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
			{
				method: 'PUT',
				path: `/keywords/${KEYWORD_UUID}`,
				body: { call_webhook: true, webhooks_uuid: [OTHER_WEBHOOK] },
			},
			{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
			{ method: 'DELETE', path: `/webhooks/${OURS}`, body: undefined },
		]);
		expect(registrationsOf(setup)).toEqual({});
	});

	test('a keyword or webhook deleted by hand (404) is already gone, not an error', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		new PassonaMock()
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 404, { message: 'Not found' })
			.reply('DELETE', `/webhooks/${OURS}`, 404, { message: 'Not found' });
		await deactivate(setup);
		expect(registrationsOf(setup)).toEqual({});
	});

	test('a keyword that no longer lists the webhook is left alone', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		const passona = new PassonaMock()
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [OTHER_WEBHOOK] }),
			})
			.reply('DELETE', `/webhooks/${OURS}`, 204);
		await deactivate(setup);
		expect(passona.requests.map((request) => request.method)).toEqual(['GET', 'DELETE']);
	});

	test('a webhook deleted in Passona (which took it off the keyword): call_webhook goes off when no webhook remains', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		const passona = new PassonaMock()
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [], call_webhook: true }),
			})
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, { data: keyword() })
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [], call_webhook: false }),
			})
			.reply('DELETE', `/webhooks/${OURS}`, 404, { message: 'Not found' });
		await deactivate(setup);
		expect(brief(passona)).toEqual([
			{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
			{
				method: 'PUT',
				path: `/keywords/${KEYWORD_UUID}`,
				body: { call_webhook: false, webhooks_uuid: [] },
			},
			{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
			{ method: 'DELETE', path: `/webhooks/${OURS}`, body: undefined },
		]);
		expect(registrationsOf(setup)).toEqual({});
	});

	test('a Passona failure while deactivating is reported, and the registration kept for another try', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		new PassonaMock().reply('GET', `/keywords/${KEYWORD_UUID}`, 503, 'Service Unavailable', {
			'Content-Type': 'text/plain',
		});
		const failure = deactivate(setup);
		await expect(failure).rejects.toThrow('Passona had a problem on its side (HTTP 503)');
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining(
				`The trigger's webhook ${OURS} could not be removed from Passona now. It stays recorded in this workflow: the next activation or deactivation removes it. If you delete the workflow before then, delete that webhook in Passona`,
			),
		});
		expect(registrationsOf(setup)[PRODUCTION_URL]).toBeDefined();
	});
});

describe("n8n's webhook address changed (WEBHOOK_URL)", () => {
	const NEW_BASE = 'https://n8n.example.com/webhook';
	const NEW_URL = `${NEW_BASE}/${WEBHOOK_ID}/webhook`;
	/** Passona's answers while our webhook is taken off the keyword and deleted. */
	const removal = (passona: PassonaMock) =>
		passona
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, attachedKeyword(KEYWORD_UUID))
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, { data: keyword() })
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [], call_webhook: false }),
			})
			.reply('DELETE', `/webhooks/${OURS}`, 204);
	const removed = [
		{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
		{
			method: 'PUT',
			path: `/keywords/${KEYWORD_UUID}`,
			body: { call_webhook: false, webhooks_uuid: [] },
		},
		{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
		{ method: 'DELETE', path: `/webhooks/${OURS}`, body: undefined },
	];

	test.each([
		['recorded as now', false],
		['saved before its kind and n8n instance were recorded', true],
	])(
		'the next activation removes the webhook registered under the earlier address (%s), then registers the new one',
		async (_case, legacy) => {
			const { setup } = await activated([KEYWORD_UUID]);
			const oldSecret = secretOf(setup);
			if (legacy) {
				delete (registrationsOf(setup)[PRODUCTION_URL] as { isTest?: boolean }).isTest;
				delete (registrationsOf(setup)[PRODUCTION_URL] as { instanceId?: string }).instanceId;
			}
			setup.additionalData.webhookBaseUrl = NEW_BASE;
			const passona = removal(new PassonaMock())
				.reply('GET', '/webhooks', 200, webhookList(ourWebhook().data))
				.reply('POST', '/webhooks', 201, ourWebhook(NEW_URL, 'n', OLD))
				.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
					data: keyword({ webhooks_uuid: [], call_webhook: false }),
				})
				.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, { data: keyword() })
				.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, attachedKeyword(KEYWORD_UUID, [OLD]));
			await activate(setup);
			expect(brief(passona).slice(0, 6)).toEqual([
				...removed,
				{ method: 'GET', path: '/webhooks', body: undefined },
				{
					method: 'POST',
					path: '/webhooks',
					body: { name: NAME, url: NEW_URL, headers: { [SECRET_HEADER]: expect.any(String) } },
				},
			]);
			expect(Object.keys(registrationsOf(setup))).toEqual([NEW_URL]);
			// The earlier registration's secret opens nothing any more.
			expect(
				(await deliver(setup, { headers: { [SECRET_HEADER]: oldSecret }, body: {} })).answered
					?.status,
			).toBe(401);
		},
	);

	test('n8n checking the active workflow at the new address finds it not registered, without asking Passona', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		setup.additionalData.webhookBaseUrl = NEW_BASE;
		expect(await checkExists(setup)).toBe(false);
	});

	test('deactivation at the new address removes the webhook of the earlier one', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		setup.additionalData.webhookBaseUrl = NEW_BASE;
		const passona = removal(new PassonaMock());
		await deactivate(setup);
		expect(brief(passona)).toEqual(removed);
		expect(registrationsOf(setup)).toEqual({});
	});

	test("the test URL's registration and one recorded by another n8n are left alone", async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		const others = {
			[TEST_URL]: { ...registrationsOf(setup)[PRODUCTION_URL], webhookId: OLD, isTest: true },
			[`https://copy.example.com/webhook/${WEBHOOK_ID}/webhook`]: {
				...registrationsOf(setup)[PRODUCTION_URL],
				webhookId: OTHER_WEBHOOK,
				instanceId: 'f'.repeat(64),
			},
		};
		Object.assign(registrationsOf(setup), others);
		setup.additionalData.webhookBaseUrl = NEW_BASE;
		const passona = removal(new PassonaMock());
		await deactivate(setup);
		expect(brief(passona)).toEqual(removed);
		expect(registrationsOf(setup)).toEqual(others);
	});

	test('a Passona failure removing the earlier webhook stops the activation, says where Passona still sends, and keeps it recorded', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		setup.additionalData.webhookBaseUrl = NEW_BASE;
		const passona = new PassonaMock().reply('GET', `/keywords/${KEYWORD_UUID}`, 503, {
			message: 'Service Unavailable',
		});
		const failure = activate(setup);
		await expect(failure).rejects.toThrow('Passona had a problem on its side (HTTP 503)');
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining(
				`Passona still sends inbound messages to ${PRODUCTION_URL}, where this trigger was registered before n8n's webhook address changed. The trigger's webhook ${OURS} could not be removed from Passona now.`,
			),
		});
		expect(passona.requests).toHaveLength(1);
		expect(Object.keys(registrationsOf(setup))).toEqual([PRODUCTION_URL]);
	});
});

describe('deliveries', () => {
	const inbound = {
		event: 'keyword.matched',
		from: '447700900123',
		message: 'JOIN please',
		keyword: { keyword: 'JOIN' },
	};

	test("the right secret starts one run with Passona's body whole and receivedAt", async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		const { response, answered, run } = await deliver(setup, {
			headers: { [SECRET_HEADER]: secretOf(setup) },
			body: inbound,
		});
		expect(answered).toBeUndefined();
		expect(response.workflowData).toHaveLength(1);
		expect(response.workflowData![0]).toHaveLength(1);
		const item = run!.items[0].json;
		expect(item).toEqual({ ...inbound, receivedAt: expect.any(String) });
		expect(new Date(item.receivedAt as string).toISOString()).toBe(item.receivedAt);
		expect(run!.error).toBeUndefined();
		expect(exposedText(run!.run)).not.toContain(secretOf(setup));
	});

	test.each([
		['no secret header', {}],
		['a wrong secret', { [SECRET_HEADER]: 'f'.repeat(64) }],
		['the secret in different case', 'upper'],
		['the secret with a character more', 'longer'],
	])('%s is answered 401 and starts nothing', async (_case, headers) => {
		const { setup } = await activated([KEYWORD_UUID]);
		const secret = secretOf(setup);
		const sent =
			headers === 'upper'
				? { [SECRET_HEADER]: secret.toUpperCase() }
				: headers === 'longer'
					? { [SECRET_HEADER]: `${secret}0` }
					: headers;
		const result = await deliver(setup, { headers: sent as Record<string, string>, body: inbound });
		expect(result.answered).toEqual({ status: 401, body: { message: 'Unauthorized' } });
		expect(result.response).toEqual({ noWebhookResponse: true });
		expect(result.run).toBeUndefined();
	});

	test('the secret of a removed registration no longer opens the door', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		const old = secretOf(setup);
		new PassonaMock()
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 404)
			.reply('DELETE', `/webhooks/${OURS}`, 204);
		await deactivate(setup);
		expect(
			(await deliver(setup, { headers: { [SECRET_HEADER]: old }, body: inbound })).answered?.status,
		).toBe(401);
	});

	test('n8n keeps only the digest of the secret: the static data (copied into stored executions) never holds the secret, which still opens the door', async () => {
		const { setup, passona } = await activated([KEYWORD_UUID]);
		const secret = (passona.requests[1].body as { headers: Record<string, string> }).headers[
			SECRET_HEADER
		];
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		const stored = JSON.stringify(setup.workflow.getStaticData('node', setup.node));
		expect(stored).not.toContain(secret);
		expect(registrationsOf(setup)[PRODUCTION_URL]).toEqual({
			webhookId: OURS,
			secretDigest: sha256(secret),
			isTest: false,
			instanceId: expect.stringMatching(/^[0-9a-f]{64}$/),
			keywords: [{ uuid: KEYWORD_UUID, callWebhookBefore: false, webhooksBefore: [] }],
		});
		expect(
			(await deliver(setup, { headers: { [SECRET_HEADER]: secret }, body: inbound })).run?.items,
		).toHaveLength(1);
		expect(
			(await deliver(setup, { headers: { [SECRET_HEADER]: sha256(secret) }, body: inbound }))
				.answered?.status,
		).toBe(401);
	});

	/** A trigger whose static data holds a registration as 0.1.0 saved it: the secret itself. */
	async function withLegacyRegistration(secret: string) {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		const legacy = {
			webhookId: OURS,
			secret,
			keywords: [{ uuid: KEYWORD_UUID, callWebhookBefore: false }],
		};
		Object.assign(setup.workflow.getStaticData('node', setup.node), {
			registrations: { [PRODUCTION_URL]: legacy },
		});
		return { setup, secret, legacy };
	}

	test('a registration saved with the secret itself (0.1.0) still verifies, and only its digest is kept from then on', async () => {
		const { setup, secret, legacy } = await withLegacyRegistration('a1'.repeat(32));
		new PassonaMock()
			.reply('GET', `/webhooks/${OURS}`, 200, ourWebhook(PRODUCTION_URL, secret))
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, {
				data: keyword({ webhooks_uuid: [OURS], call_webhook: true }),
			});
		expect(await checkExists(setup)).toBe(true);
		expect(JSON.stringify(setup.workflow.getStaticData('node', setup.node))).not.toContain(secret);
		expect(registrationsOf(setup)[PRODUCTION_URL]).toEqual({
			webhookId: OURS,
			secretDigest: sha256(secret),
			keywords: legacy.keywords,
		});
		expect(
			(await deliver(setup, { headers: { [SECRET_HEADER]: secret }, body: inbound })).run?.items,
		).toHaveLength(1);
		expect(
			(await deliver(setup, { headers: { [SECRET_HEADER]: 'f'.repeat(64) }, body: inbound }))
				.answered?.status,
		).toBe(401);
	});

	test('a legacy registration read first by a delivery lets its secret in, and the delivery writes nothing', async () => {
		const { setup, secret, legacy } = await withLegacyRegistration('b2'.repeat(32));
		const staticData = setup.workflow.staticData as { __dataChanged?: boolean };
		staticData.__dataChanged = false;
		expect(
			(await deliver(setup, { headers: { [SECRET_HEADER]: secret }, body: inbound })).run?.items,
		).toHaveLength(1);
		// n8n's next check of the active workflow (checkExists, above) replaces the secret by its digest.
		expect(registrationsOf(setup)[PRODUCTION_URL]).toEqual(legacy);
		expect(staticData.__dataChanged).toBe(false);
	});

	test('a delivery before the registration is saved answers 401 and writes no static data', async () => {
		// n8n saves a delivery's static data when it changed: a delivery arriving during activation
		// would otherwise save it back without the registration the activation saves meanwhile.
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		const staticData = setup.workflow.staticData as { __dataChanged?: boolean };
		staticData.__dataChanged = false;
		expect(
			(await deliver(setup, { headers: { [SECRET_HEADER]: 'c3'.repeat(32) }, body: inbound }))
				.answered?.status,
		).toBe(401);
		expect(staticData.__dataChanged).toBe(false);
		expect(setup.workflow.getStaticData('node', setup.node)).toEqual({});
	});

	test('new triggers are made at version 1.1, which takes deliveries exactly as 1 does', async () => {
		// n8n 2.40's webhook handling evaluates `$parameter["options"]["binaryData"]` in its
		// expression isolate on every call to a webhook node at typeVersion 1, forged calls included.
		const { description } = (await loadPackage()).nodeTypes.passonaTrigger.type as INodeType;
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
		const items = [];
		for (const version of [1, 1.1]) {
			const { setup } = await activated([KEYWORD_UUID]);
			setup.node.typeVersion = version;
			setup.workflow.getNode(setup.node.name)!.typeVersion = version;
			const secret = secretOf(setup);
			const { run } = await deliver(setup, { headers: { [SECRET_HEADER]: secret }, body: inbound });
			const { receivedAt, ...item } = run!.items[0].json;
			expect(receivedAt).toEqual(expect.any(String));
			items.push(item);
			const forged = await deliver(setup, { headers: { [SECRET_HEADER]: 'guess' }, body: inbound });
			expect(forged.answered?.status).toBe(401);
		}
		expect(items).toEqual([inbound, inbound]);
	});

	test('a form-encoded body (parsed by n8n) comes through as fields', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		const { run } = await deliver(setup, {
			headers: {
				[SECRET_HEADER]: secretOf(setup),
				'content-type': 'application/x-www-form-urlencoded',
			},
			body: { from: '447700900123', text: 'JOIN' },
		});
		expect(run!.items[0].json).toEqual({
			from: '447700900123',
			text: 'JOIN',
			receivedAt: expect.any(String),
		});
	});

	test('with the options, headers (without the secret) and query are added', async () => {
		const { setup } = await activated([KEYWORD_UUID]);
		setup.node.parameters.options = { includeHeaders: true, includeQuery: true };
		const { run } = await deliver(setup, {
			headers: { [SECRET_HEADER]: secretOf(setup), 'User-Agent': 'Passona' },
			body: inbound,
			query: { source: 'passona' },
		});
		expect(run!.items[0].json).toEqual({
			...inbound,
			receivedAt: expect.any(String),
			headers: { 'content-type': 'application/json', 'user-agent': 'Passona' },
			query: { source: 'passona' },
		});
		expect(exposedText(run!.run)).not.toContain(secretOf(setup));
	});
});

/**
 * The trigger among other triggers and failures (issue 11 §2-§4): a registration's secret opens
 * only its own URL, two triggers on one keyword do not silence each other (also when activated
 * at the same moment, over HTTP against the sandbox), and webhooks left behind for this node's
 * URL are removed before registering again.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOKEN } from '../../harness/engine';
import { PassonaMock } from '../support/passonaMock';
import { secretSentFor } from '../../harness/secretsSent';
import {
	activate,
	brief,
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
import { secondTrigger, startTriggerWorld, type TriggerWorld } from '../support/triggerWorld';
import {
	keyword,
	KEYWORD_UUID,
	OUR_WEBHOOK_UUID as OURS,
	passonaWebhook,
	WEBHOOK_UUID as SOMEONE_ELSES,
	webhookList,
} from '../fixtures/passona';

const OTHER_TRIGGER = '7a7a7a7a-1111-4222-8333-777777777777';
const STALE_1 = '7a7a7a7a-1111-4222-8333-000000000001';
const STALE_2 = '7a7a7a7a-1111-4222-8333-000000000002';

/**
 * A proxy in front of the sandbox that orders the requests on one keyword as two activations at
 * the same moment can: both reads answered before either write goes through, and any later read
 * only after both writes. Without a read-back, the second write then drops the first webhook.
 */
async function readBeforeWriteProxy(target: string, keywordPath: string) {
	const order: string[] = [];
	let readsAnswered = 0;
	let writesDone = 0;
	let waiting: Array<() => void> = [];
	let closing = false;
	const until = async (ready: () => boolean) => {
		while (!ready() && !closing) await new Promise<void>((resolve) => waiting.push(resolve));
	};
	const wakeAll = () => {
		const wake = waiting;
		waiting = [];
		wake.forEach((resolve) => resolve());
	};
	const forward = async (method: string, url: string, authorization: string, body?: Buffer) => {
		const path = url.replace(/^\/api\/2\.0/, '');
		const onKeyword = path.split('?')[0] === keywordPath;
		if (onKeyword && method === 'PUT') await until(() => readsAnswered >= 2);
		if (onKeyword && method === 'GET' && order.filter((seen) => seen === 'GET').length >= 2)
			await until(() => writesDone >= 2);
		if (onKeyword) order.push(method);
		const answer = await fetch(`${target}${path}`, {
			method,
			headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
			body,
		});
		const text = await answer.text();
		if (onKeyword && method === 'GET') readsAnswered++;
		if (onKeyword && method === 'PUT') writesDone++;
		wakeAll();
		return { status: answer.status, text };
	};
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
			void forward(req.method ?? 'GET', req.url ?? '/', req.headers.authorization ?? '', body).then(
				({ status, text }) =>
					res
						.writeHead(status, { 'Content-Type': 'application/json' })
						.end(status === 204 ? undefined : text),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/2.0`,
		order,
		// A request still held (when a test failed half-way) is let go, so nothing is left open.
		close: async () => {
			closing = true;
			wakeAll();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

const webhook = (uuid: string, url: string) =>
	passonaWebhook({ uuid, name: 'n8n: x', url, secret: 's' });
const keywordWith = (webhooks: string[], callWebhook = webhooks.length > 0) => ({
	data: keyword({ webhooks_uuid: webhooks, call_webhook: callWebhook }),
});

/** Activation on one keyword that had `before` attached; Passona answers with `uuid` for the webhook. */
async function activateOn(
	setup: TriggerSetup,
	before: string[],
	{ isTest = false, uuid = OURS, callWebhook = before.length > 0 } = {},
) {
	const url = isTest ? TEST_URL : PRODUCTION_URL;
	const passona = new PassonaMock()
		.reply('GET', '/webhooks', 200, webhookList())
		.reply('POST', '/webhooks', 201, { data: webhook(uuid, url) })
		.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith(before, callWebhook))
		.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([...before, uuid]))
		.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([...before, uuid]));
	await activate(setup, isTest);
	return passona;
}

describe('a registration secret opens only its own URL', () => {
	test.each([
		['this n8n', false],
		['older n8n (2.0.3, 1.123.81), whose webhook context has no getWebhookResourceUrl', true],
	])(
		'test and production registrations on %s: each secret starts a run on its own URL and gets 401 on the other',
		async (_n8n, withoutResourceUrl) => {
			const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
			await activateOn(setup, []);
			await activateOn(setup, [OURS], { isTest: true, uuid: STALE_1 });
			expect(Object.keys(registrationsOf(setup)).sort()).toEqual([PRODUCTION_URL, TEST_URL].sort());
			// As Passona received them: n8n keeps only their digests.
			const production = secretSentFor(PRODUCTION_URL)!;
			const test = secretSentFor(TEST_URL)!;
			const on = (secret: string, isTest: boolean) =>
				deliver(setup, {
					headers: { [SECRET_HEADER]: secret },
					body: { message: 'JOIN' },
					isTest,
					withoutResourceUrl,
				});
			const refused = { status: 401, body: { message: 'Unauthorized' } };
			expect((await on(test, false)).answered).toEqual(refused);
			expect((await on(production, true)).answered).toEqual(refused);
			expect((await on(production, false)).run?.items).toHaveLength(1);
			expect((await on(test, true)).run?.items).toHaveLength(1);
		},
	);
});

describe('a delivery to an `n8n webhook` process whose webhook URL setting differs from main’s', () => {
	/** The same workflow in a process that computes its webhook URLs on another host. */
	const elsewhere = (setup: TriggerSetup): TriggerSetup => ({
		...setup,
		additionalData: {
			...setup.additionalData,
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		},
	});
	const on = (setup: TriggerSetup, secret: string, isTest: boolean, withoutResourceUrl = false) =>
		deliver(elsewhere(setup), {
			headers: { [SECRET_HEADER]: secret },
			body: { message: 'JOIN' },
			isTest,
			withoutResourceUrl,
		});

	test.each([
		['n8n 2.40', false],
		['older n8n (no getWebhookResourceUrl)', true],
	])(
		'%s: each secret still starts a run on its own kind of URL and gets 401 on the other',
		async (_n8n, withoutResourceUrl) => {
			const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
			await activateOn(setup, []);
			await activateOn(setup, [OURS], { isTest: true, uuid: STALE_1 });
			const production = secretSentFor(PRODUCTION_URL)!;
			const test = secretSentFor(TEST_URL)!;
			expect((await on(setup, production, false, withoutResourceUrl)).run?.items).toHaveLength(1);
			expect((await on(setup, test, true, withoutResourceUrl)).run?.items).toHaveLength(1);
			expect((await on(setup, test, false, withoutResourceUrl)).answered?.status).toBe(401);
			expect((await on(setup, production, true, withoutResourceUrl)).answered?.status).toBe(401);
			const forged = await on(setup, 'f'.repeat(64), false, withoutResourceUrl);
			expect(forged.answered?.status).toBe(401);
			expect(forged.run).toBeUndefined();
		},
	);

	test('registrations saved before their kind was recorded are told apart by their URL’s path', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		await activateOn(setup, []);
		await activateOn(setup, [OURS], { isTest: true, uuid: STALE_1 });
		for (const registration of Object.values(registrationsOf(setup)))
			delete (registration as { isTest?: boolean }).isTest;
		const production = secretSentFor(PRODUCTION_URL)!;
		const test = secretSentFor(TEST_URL)!;
		expect((await on(setup, production, false)).run?.items).toHaveLength(1);
		expect((await on(setup, test, true)).run?.items).toHaveLength(1);
		expect((await on(setup, test, false)).answered?.status).toBe(401);
		expect((await on(setup, production, true)).answered?.status).toBe(401);
		expect((await on(setup, test, false, true)).answered?.status).toBe(401);
		expect((await on(setup, production, true, true)).answered?.status).toBe(401);
	});
});

/** Deactivation when the keyword lists `present`; returns what was written to the keyword. */
async function deactivateFrom(setup: TriggerSetup, present: string[]) {
	const rest = present.filter((id) => id !== OURS);
	const passona = new PassonaMock()
		.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith(present))
		.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, keywordWith(rest))
		.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith(rest))
		.reply('DELETE', `/webhooks/${OURS}`, 204);
	await deactivate(setup);
	return passona.requests[1].body;
}

describe('two triggers on one keyword', () => {
	test('deactivating ours keeps call_webhook on while a webhook added after ours remains', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		await activateOn(setup, []);
		expect(await deactivateFrom(setup, [OURS, OTHER_TRIGGER])).toEqual({
			call_webhook: true,
			webhooks_uuid: [OTHER_TRIGGER],
		});
	});

	test('call_webhook goes back off when only webhooks attached before ours remain and it was off then', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		const activation = await activateOn(setup, [SOMEONE_ELSES], { callWebhook: false });
		expect(activation.requests[3].body).toEqual({
			call_webhook: true,
			webhooks_uuid: [SOMEONE_ELSES, OURS],
		});
		expect(await deactivateFrom(setup, [SOMEONE_ELSES, OURS])).toEqual({
			call_webhook: false,
			webhooks_uuid: [SOMEONE_ELSES],
		});
	});

	test('a concurrent write that replaced the list is detected by reading back, and ours is written again', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		const passona = new PassonaMock()
			.reply('GET', '/webhooks', 200, webhookList())
			.reply('POST', '/webhooks', 201, { data: webhook(OURS, PRODUCTION_URL) })
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([]))
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OURS]))
			// Another trigger wrote its own list, read before ours was there.
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OTHER_TRIGGER]))
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OTHER_TRIGGER, OURS]))
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OTHER_TRIGGER, OURS]));
		await activate(setup);
		expect(brief(passona).slice(2)).toEqual([
			{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
			{
				method: 'PUT',
				path: `/keywords/${KEYWORD_UUID}`,
				body: { call_webhook: true, webhooks_uuid: [OURS] },
			},
			{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
			{
				method: 'PUT',
				path: `/keywords/${KEYWORD_UUID}`,
				body: { call_webhook: true, webhooks_uuid: [OTHER_TRIGGER, OURS] },
			},
			{ method: 'GET', path: `/keywords/${KEYWORD_UUID}`, body: undefined },
		]);
	});

	test('a concurrent deactivation that wrote ours back is detected by reading back, and ours is taken off again', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		await activateOn(setup, []);
		const passona = new PassonaMock()
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OURS, OTHER_TRIGGER]))
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OTHER_TRIGGER]))
			// The other trigger left at the same moment, writing back its list read before ours left.
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OURS]))
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([]))
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([]))
			.reply('DELETE', `/webhooks/${OURS}`, 204);
		await deactivate(setup);
		expect(
			passona.requests.filter((request) => request.method === 'PUT').map((request) => request.body),
		).toEqual([
			{ call_webhook: true, webhooks_uuid: [OTHER_TRIGGER] },
			{ call_webhook: false, webhooks_uuid: [] },
		]);
		expect(registrationsOf(setup)).toEqual({});
	});

	test('taking ours off is bounded too: after 5 attempts deactivation fails with words and keeps the registration', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		await activateOn(setup, []);
		const passona = new PassonaMock();
		for (let attempt = 0; attempt < 5; attempt++) {
			passona
				.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OURS]))
				.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([]));
		}
		passona.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OURS]));
		const failure = deactivate(setup);
		await expect(failure).rejects.toThrow(
			`Passona keyword ${KEYWORD_UUID} kept this trigger's webhook`,
		);
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining('the next activation or deactivation removes it'),
		});
		expect(registrationsOf(setup)[PRODUCTION_URL].webhookId).toBe(OURS);
	});

	test('the re-writing is bounded: after 5 attempts activation fails with words and undoes itself', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		const passona = new PassonaMock()
			.reply('GET', '/webhooks', 200, webhookList())
			.reply('POST', '/webhooks', 201, { data: webhook(OURS, PRODUCTION_URL) })
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([]));
		for (let attempt = 0; attempt < 5; attempt++) {
			passona
				.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OURS]))
				.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OTHER_TRIGGER]));
		}
		// The undo: ours is not on the keyword, so only the webhook is deleted.
		passona
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([OTHER_TRIGGER]))
			.reply('DELETE', `/webhooks/${OURS}`, 204);
		const failure = activate(setup);
		await expect(failure).rejects.toThrow(
			`Passona keyword ${KEYWORD_UUID} kept losing this trigger's webhook`,
		);
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining(
				'Activation was undone: nothing was left behind in Passona.',
			),
		});
		expect(passona.requests.filter((request) => request.method === 'PUT')).toHaveLength(5);
		expect(registrationsOf(setup)).toEqual({});
	});
});

describe('nothing orphaned', () => {
	test("webhooks left behind for this node's URL are deleted before registering, and taken off the keyword", async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		const passona = new PassonaMock()
			.reply(
				'GET',
				'/webhooks',
				200,
				webhookList(
					webhook(STALE_1, PRODUCTION_URL),
					webhook(SOMEONE_ELSES, 'https://example.com/hook'),
					webhook(OTHER_TRIGGER, TEST_URL),
					webhook(STALE_2, PRODUCTION_URL),
				),
			)
			.reply('DELETE', `/webhooks/${STALE_1}`, 204)
			.reply('DELETE', `/webhooks/${STALE_2}`, 404, { message: 'Not found' })
			.reply('POST', '/webhooks', 201, { data: webhook(OURS, PRODUCTION_URL) })
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([SOMEONE_ELSES, STALE_1]))
			.reply('PUT', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([SOMEONE_ELSES, OURS]))
			.reply('GET', `/keywords/${KEYWORD_UUID}`, 200, keywordWith([SOMEONE_ELSES, OURS]));
		await activate(setup);
		const shown = (body: unknown) => {
			const { webhooks_uuid, url } = (body ?? {}) as { webhooks_uuid?: string[]; url?: string };
			return body ? ` ${JSON.stringify(webhooks_uuid ?? url)}` : '';
		};
		expect(
			brief(passona).map(({ method, path, body }) => `${method} ${path}${shown(body)}`),
		).toEqual([
			'GET /webhooks',
			`DELETE /webhooks/${STALE_1}`,
			`DELETE /webhooks/${STALE_2}`,
			`POST /webhooks "${PRODUCTION_URL}"`,
			`GET /keywords/${KEYWORD_UUID}`,
			`PUT /keywords/${KEYWORD_UUID} ${JSON.stringify([SOMEONE_ELSES, OURS])}`,
			`GET /keywords/${KEYWORD_UUID}`,
		]);
		expect(passona.requests[0].query).toEqual({ page: '1', per_page: '1000' });
	});

	test('an answer to the create that names no webhook ID stops the activation before any keyword is touched', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] });
		const { uuid: _uuid, ...withoutId } = webhook(OURS, PRODUCTION_URL) as { uuid: string };
		const passona = new PassonaMock()
			.reply('GET', '/webhooks', 200, webhookList())
			.reply('POST', '/webhooks', 201, { data: withoutId });
		const failure = activate(setup);
		await expect(failure).rejects.toThrow("Passona's answer named no ID for the new webhook");
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining('activation first removes webhooks left behind'),
		});
		expect(brief(passona).map(({ method, path }) => `${method} ${path}`)).toEqual([
			'GET /webhooks',
			'POST /webhooks',
		]);
		expect(registrationsOf(setup)).toEqual({});
	});
});

describe('against the sandbox, over HTTP', () => {
	let world: TriggerWorld;
	beforeAll(async () => {
		world = await startTriggerWorld(['JOIN']);
	});
	afterAll(async () => {
		await world.close();
	});

	const keywordState = async (uuid: string) => {
		const { call_webhook, webhooks_uuid } = (await world.call('GET', `/keywords/${uuid}`)).body
			.data as {
			call_webhook: boolean;
			webhooks_uuid: string[];
		};
		return { call_webhook, webhooks: [...webhooks_uuid].sort() };
	};
	const webhookCount = async () =>
		((await world.call('GET', '/webhooks?per_page=1000')).body.data as unknown[]).length;

	test('two activations at the same moment on one keyword both stay attached; each leaving keeps the other on', async () => {
		const [uuid] = world.setup.node.parameters.keywords as string[];
		// Both read the keyword before either writes it: the interleaving that lost an attach.
		const proxy = await readBeforeWriteProxy(world.sandbox.url, `/keywords/${uuid}`);
		try {
			const first = await triggerSetup(
				{ keywords: [uuid] },
				{ apiToken: TOKEN, baseUrl: proxy.url },
			);
			first.additionalData.webhookBaseUrl = world.server.webhookBaseUrl;
			const second = await secondTrigger(world, [uuid], { apiToken: TOKEN, baseUrl: proxy.url });
			await Promise.all([activate(first), activate(second)]);
			const ours = Object.values(registrationsOf(first))[0].webhookId;
			const theirs = Object.values(registrationsOf(second))[0].webhookId;
			expect(proxy.order.slice(0, 4)).toEqual(['GET', 'GET', 'PUT', 'PUT']);
			expect(await keywordState(uuid)).toEqual({
				call_webhook: true,
				webhooks: [ours, theirs].sort(),
			});
			expect(await webhookCount()).toBe(2);

			await deactivate(first);
			expect(await keywordState(uuid)).toEqual({ call_webhook: true, webhooks: [theirs] });
			await deactivate(second);
			expect(await keywordState(uuid)).toEqual({ call_webhook: false, webhooks: [] });
			expect(await webhookCount()).toBe(0);
		} finally {
			await proxy.close();
		}
	});

	test('a webhook whose create answer was lost is found and deleted by the next activation', async () => {
		const [uuid] = world.setup.node.parameters.keywords as string[];
		// What a create whose answer never arrived leaves: a webhook for this node's URL, on no keyword.
		const url = `${world.server.webhookBaseUrl}/${WEBHOOK_ID}/webhook`;
		const lost = (
			await world.call('POST', '/webhooks', {
				name: 'n8n: lost',
				url,
				headers: { [SECRET_HEADER]: 'x' },
			})
		).body.data.uuid as string;
		await activate(world.setup);
		const ours = Object.values(registrationsOf(world.setup))[0].webhookId;
		expect(ours).not.toBe(lost);
		expect(Object.keys(registrationsOf(world.setup))).toEqual([url]);
		const webhooks = (await world.call('GET', '/webhooks?per_page=1000')).body.data as Array<{
			uuid: string;
			url: string;
		}>;
		expect(webhooks.map((entry) => entry.uuid)).toEqual([ours]);
		expect(await keywordState(uuid)).toEqual({ call_webhook: true, webhooks: [ours] });
		await deactivate(world.setup);
		expect(await webhookCount()).toBe(0);
	});
});

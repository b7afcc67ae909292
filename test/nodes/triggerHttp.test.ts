/**
 * The Passona Trigger under pressure, over real HTTP against the sandbox: every signed delivery
 * starts exactly one run, forged ones start none, and activation/deactivation (also when a step
 * fails) leaves Passona as it found it. The 1,000-delivery run is `npm run test:pressure`.
 */
import {
	activate,
	deactivate,
	guardTriggerSecrets,
	registrationsOf,
	SECRET_HEADER,
	WEBHOOK_ID,
} from '../../harness/trigger';
import {
	inboundBursts,
	secondTrigger,
	startTriggerWorld,
	type TriggerWorld,
} from '../support/triggerWorld';
import { MAX_BODY_BYTES } from '../../harness/webhookServer';
import { exposedText, guardedSecrets } from '../../harness/secrets';

let world: TriggerWorld;
const tally = { deliveries: 0, executions: 0, forged: 0, letIn: 0, cycles: 0, faults: 0 };

beforeAll(async () => {
	world = await startTriggerWorld(['JOIN', 'STOP']);
});
afterAll(async () => {
	await world.close();
	console.info(
		`trigger over HTTP: ${tally.deliveries} signed deliveries, ${tally.executions} runs (lost ${tally.deliveries - tally.executions}), ${tally.forged} forged, ${tally.letIn} let in, ${tally.cycles} activate/deactivate cycles, ${tally.faults} activation faults`,
	);
});

const ours = (webhook: { name: string }) => webhook.name.startsWith('n8n: ');
async function passonaState() {
	const keywords = (await world.call('GET', '/keywords?per_page=1000')).body.data as Array<{
		uuid: string;
		keyword: string;
		call_webhook: boolean;
		webhooks_uuid: string[];
	}>;
	const webhooks = (await world.call('GET', '/webhooks?per_page=1000')).body.data as Array<{
		uuid: string;
		name: string;
	}>;
	return {
		keywords: keywords.map(({ uuid, keyword, call_webhook, webhooks_uuid }) => ({
			uuid,
			keyword,
			call_webhook,
			webhooks_uuid,
		})),
		webhooks: webhooks.map(({ uuid, name }) => ({ uuid, name })),
	};
}

const post = async (
	headers: Record<string, string>,
	body: string | Buffer,
	path = `/${WEBHOOK_ID}/webhook`,
) =>
	await fetch(`${world.server.webhookBaseUrl}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body,
	});

describe('deliveries', () => {
	beforeAll(async () => {
		await activate(world.setup);
	});
	afterAll(async () => {
		await deactivate(world.setup);
	});

	test('200 signed deliveries in bursts of 50: each starts exactly one run, none lost, none twice', async () => {
		const before = world.server.executions.length;
		const answers = await inboundBursts(world, 'JOIN', 200, 50);
		const runs = world.server.executions.slice(before);
		tally.deliveries += 200;
		tally.executions += runs.length;
		expect(answers.every((answer) => answer.body.data.deliveries[0]?.status === 200)).toBe(true);
		const messages = runs.map((run) => run.items[0].json.message as string).sort();
		expect(messages).toEqual(Array.from({ length: 200 }, (_, n) => `JOIN ${n}`).sort());
		const shown = exposedText(runs.map((run) => run.items));
		for (const secret of guardedSecrets()) expect(shown).not.toContain(secret);
	});

	test('forged deliveries are answered 401 (or 413) and start nothing', async () => {
		const [secret] = guardTriggerSecrets(world.setup);
		const other = await secondTrigger(
			world,
			(world.setup.node.parameters.keywords as string[]).slice(1),
		);
		await activate(other);
		try {
			await forgedAreRefused(secret, other);
		} finally {
			await deactivate(other);
		}
	});

	async function forgedAreRefused(
		secret: string,
		other: Awaited<ReturnType<typeof secondTrigger>>,
	) {
		const [otherSecret] = guardTriggerSecrets(other);
		const body = JSON.stringify({ from: '447700900123', message: 'JOIN forged' });
		const large = (bytes: number) =>
			JSON.stringify({ message: 'JOIN large', pad: 'a'.repeat(bytes) });
		const before = world.server.executions.length;
		const forged: Array<[string, Record<string, string>, string | Buffer, number]> = [
			['no header', {}, body, 401],
			['an empty secret', { [SECRET_HEADER]: '' }, body, 401],
			['a wrong secret', { [SECRET_HEADER]: 'f'.repeat(64) }, body, 401],
			["another registration's secret", { [SECRET_HEADER]: otherSecret }, body, 401],
			['the secret in upper case', { [SECRET_HEADER]: secret.toUpperCase() }, body, 401],
			[
				'the secret with a space inside',
				{ [SECRET_HEADER]: `${secret.slice(0, 10)} ${secret.slice(10)}` },
				body,
				401,
			],
			['the secret twice', { [SECRET_HEADER]: `${secret}, ${secret}` }, body, 401],
			['the secret cut short', { [SECRET_HEADER]: secret.slice(0, 63) }, body, 401],
			['the secret under another header', { 'X-Passona-Secret': secret }, body, 401],
			['a very large body without the secret', {}, large(MAX_BODY_BYTES - 1024), 401],
			[
				'a body above the size limit, even with the secret',
				{ [SECRET_HEADER]: secret },
				large(MAX_BODY_BYTES + 1),
				413,
			],
		];
		for (const [name, headers, payload, status] of forged) {
			const response = await post(headers, payload);
			tally.forged++;
			expect({ name, status: response.status }).toEqual({ name, status });
		}
		await world.server.settled();
		tally.letIn += world.server.executions.length - before;
		expect(world.server.executions.length).toBe(before);
	}

	test('whitespace around the secret: stripped by the HTTP parser (RFC 9110 optional whitespace), so it is the same value and is let in', async () => {
		// Node's HTTP parser, like every HTTP server, drops leading and trailing spaces and tabs of a
		// header value: " <secret> " is the same field value as "<secret>". Accepted: no character of
		// the secret itself may differ (see the upper-case, inner-space and cut-short cases above).
		const [secret] = guardTriggerSecrets(world.setup);
		const before = world.server.executions.length;
		const response = await post(
			{ [SECRET_HEADER]: ` \t${secret} ` },
			JSON.stringify({ message: 'JOIN padded' }),
		);
		await world.server.settled();
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ message: 'Workflow was started' });
		expect(world.server.executions.length).toBe(before + 1);
	});

	test('a form-encoded delivery is parsed as n8n parses it', async () => {
		const [secret] = guardTriggerSecrets(world.setup);
		const before = world.server.executions.length;
		await post(
			{ [SECRET_HEADER]: secret, 'Content-Type': 'application/x-www-form-urlencoded' },
			'from=447700900123&message=JOIN+form',
		);
		await world.server.settled();
		expect(world.server.executions.slice(before).map((run) => run.items[0].json.message)).toEqual([
			'JOIN form',
		]);
	});
});

describe('activation and deactivation against the sandbox', () => {
	const OTHER_HOOK = { name: 'Someone else', url: 'https://example.com/theirs' };

	async function keywordsWithHistory() {
		const state = await passonaState();
		const [join, stop] = state.keywords;
		const theirs = (await world.call('POST', '/webhooks', OTHER_HOOK)).body.data.uuid;
		await world.call('PUT', `/keywords/${join.uuid}`, {
			call_webhook: true,
			webhooks_uuid: [theirs],
		});
		await world.call('PUT', `/keywords/${stop.uuid}`, { call_webhook: false, webhooks_uuid: [] });
		return await passonaState();
	}

	test('20 activations and deactivations in a row leave no webhook of ours and the keywords as they were', async () => {
		const before = await keywordsWithHistory();
		for (let cycle = 0; cycle < 20; cycle++) {
			await activate(world.setup);
			const during = await passonaState();
			expect(during.webhooks.filter(ours)).toHaveLength(1);
			expect(
				during.keywords.every(
					(keyword) =>
						keyword.call_webhook &&
						keyword.webhooks_uuid.includes(during.webhooks.find(ours)!.uuid),
				),
			).toBe(true);
			await deactivate(world.setup);
			tally.cycles++;
		}
		expect(await passonaState()).toEqual(before);
	});

	const steps: Array<[string, (keywords: string[]) => object]> = [
		['creating the webhook', () => ({ method: 'POST', path: '^/webhooks$' })],
		['reading the first keyword', ([first]) => ({ method: 'GET', path: `^/keywords/${first}$` })],
		[
			'attaching to the first keyword',
			([first]) => ({ method: 'PUT', path: `^/keywords/${first}$` }),
		],
		[
			'reading the second keyword',
			([, second]) => ({ method: 'GET', path: `^/keywords/${second}$` }),
		],
		[
			'attaching to the second keyword',
			([, second]) => ({ method: 'PUT', path: `^/keywords/${second}$` }),
		],
	];
	const kinds: Array<[string, object]> = [
		['HTTP 503', { status: 503 }],
		[
			'HTTP 422',
			{
				status: 422,
				body: {
					message: 'Invalid.',
					errors: { webhooks_uuid: ['The selected webhooks uuid is invalid.'] },
				},
			},
		],
		['a connection reset', { mode: 'reset' }],
	];

	test.each(
		steps.flatMap(([step, fault]) => kinds.map(([kind, how]) => [step, kind, fault, how] as const)),
	)('a failure while %s (%s) leaves nothing behind', async (_step, _kind, fault, how) => {
		const before = await keywordsWithHistory();
		const keywords = before.keywords.map((keyword) => keyword.uuid);
		await world.call('POST', '/_sandbox/faults', { ...fault(keywords), times: 1, ...how });
		tally.faults++;
		await expect(activate(world.setup)).rejects.toThrow();
		expect(await passonaState()).toEqual(before);
		expect(registrationsOf(world.setup) ?? {}).toEqual({});
		expect((await world.call('GET', '/_sandbox/faults')).body.data).toEqual([]);
		// The next activation works and is undone cleanly.
		await activate(world.setup);
		await deactivate(world.setup);
		expect(await passonaState()).toEqual(before);
	});

	afterEach(async () => {
		// Each test adds "Someone else": remove it so the next starts from the same state.
		const state = await passonaState();
		for (const keyword of state.keywords)
			await world.call('PUT', `/keywords/${keyword.uuid}`, {
				call_webhook: false,
				webhooks_uuid: [],
			});
		for (const webhook of state.webhooks) await world.call('DELETE', `/webhooks/${webhook.uuid}`);
	});
});

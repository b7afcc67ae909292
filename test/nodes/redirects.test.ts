/**
 * A Base URL that answers with a redirect to another origin must not get the API token sent
 * there: every path that carries the token (an operation, a picker, the credential test, the
 * trigger's activation, the look at a group while waiting for Passona) stops at the 3xx with
 * words naming where Passona tried to send it.
 * Two real HTTP servers on 127.0.0.1: the Base URL and the other origin.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import {
	loadOptionsContext,
	passonaType,
	runPassona,
	testCredential,
	TOKEN,
	type PassonaCredentials,
} from '../../harness/engine';
import {
	activate,
	checkExists,
	deactivate,
	PRODUCTION_URL,
	triggerSetup,
} from '../../harness/trigger';
import { GROUP_UUID, group, KEYWORD_UUID, WEBHOOK_UUID } from '../fixtures/passona';
import { fakeTime } from '../support/fakeTime';

interface Recorded {
	method?: string;
	url?: string;
	headers: IncomingHttpHeaders;
}

interface Origin {
	server: Server;
	origin: string;
	requests: Recorded[];
}

async function listen(
	handle: (req: Recorded, res: import('node:http').ServerResponse) => void,
): Promise<Origin> {
	const requests: Recorded[] = [];
	const server = createServer((req, res) => {
		const recorded = { method: req.method, url: req.url, headers: req.headers };
		requests.push(recorded);
		req.resume();
		req.on('end', () => handle(recorded, res));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const close = async ({ server }: Origin) =>
	await new Promise<void>((resolve) => server.close(() => resolve()));

let other: Origin;
let base: Origin;
let status = 302;
/** What the Base URL answers itself (200, this body) instead of redirecting; undefined: it redirects. */
let answeredAtBase: (request: Recorded) => unknown = () => undefined;

beforeAll(async () => {
	// The other origin answers anything with something Passona-shaped, as a hostile host would.
	other = await listen((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(
			JSON.stringify({
				data: { ...group({ uuid: GROUP_UUID, name: 'Not Passona' }), balance: 1 },
				links: { next: null },
				meta: { current_page: 1, last_page: 1, per_page: 100, total: 1 },
			}),
		);
	});
	base = await listen((req, res) => {
		const body = answeredAtBase(req);
		if (body !== undefined) {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(body));
			return;
		}
		res.writeHead(status, { Location: `${other.origin}${req.url ?? '/'}` });
		res.end();
	});
});

afterAll(async () => {
	await close(base);
	await close(other);
});

beforeEach(() => {
	other.requests.length = 0;
	base.requests.length = 0;
	answeredAtBase = () => undefined;
});

const credentials = (): PassonaCredentials => ({
	apiToken: TOKEN,
	baseUrl: `${base.origin}/api/2.0`,
});

/** The token reached the Base URL, and nothing at all reached the other origin. */
function expectNoTokenElsewhere() {
	expect(base.requests.length).toBeGreaterThan(0);
	expect(
		base.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`),
	).toBe(true);
	expect(other.requests).toEqual([]);
}

const redirectWords = (path: string) =>
	`Passona answered with a redirect to ${other.origin}/api/2.0${path}: check the Base URL of the Passona API credential`;

describe.each([301, 302, 307, 308])('Base URL answering %i to another origin', (code) => {
	beforeEach(() => {
		status = code;
	});

	test('an operation (Contact Group Get) stops with words and outputs nothing from the other host', async () => {
		const result = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'get',
				contactGroup: { __rl: true, mode: 'id', value: GROUP_UUID },
			},
			credentials: credentials(),
		});
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe(redirectWords(`/contact-groups/${GROUP_UUID}`));
		expectNoTokenElsewhere();
	});

	test('Wait for Passona to Finish: the look at the group stops with words after the change was sent', async () => {
		answeredAtBase = (request) =>
			request.method === 'PUT'
				? { data: group({ status: 'Modifying', scheduled_jobs_number: 1 }) }
				: undefined;
		const clock = fakeTime(); // no real time passes
		try {
			const result = await runPassona({
				parameters: {
					resource: 'contactGroup',
					operation: 'addContacts',
					contactGroup: { __rl: true, mode: 'id', value: GROUP_UUID },
					contactSource: 'fields',
					phoneNumber: '447700900123',
					waitForPassona: true,
					waitTimeLimit: 60,
				},
				credentials: credentials(),
			});
			expect(result.items).toEqual([]);
			expect(result.error?.message).toBe(redirectWords(`/contact-groups/${GROUP_UUID}`));
			expect(base.requests.map((request) => request.method)).toEqual(['PUT', 'GET']);
			expectNoTokenElsewhere();
		} finally {
			clock.restore();
		}
	});

	test('a picker (contact groups From List) stops with words', async () => {
		const context = await loadOptionsContext(
			{ resource: 'contactGroup', operation: 'get' },
			credentials(),
		);
		const passona = await passonaType();
		const search = passona.methods!.listSearch!.searchContactGroups;
		const failure = await search.call(context as unknown as ILoadOptionsFunctions).then(
			() => undefined,
			(error: Error & { description?: string }) => error,
		);
		expect(failure?.message).toBe(redirectWords('/contact-groups?page=1&per_page=100'));
		expectNoTokenElsewhere();
	});

	test("the credential test fails with words, as n8n's credential tester reports it", async () => {
		const result = await testCredential(credentials());
		expect({ status: result.status, message: result.message }).toEqual({
			status: 'Error',
			message: 'Passona answered with a redirect: check the Base URL of the Passona API credential',
		});
		expectNoTokenElsewhere();
	});

	test('trigger activation stops with words and leaves the other origin untouched', async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] }, credentials());
		const failure = await activate(setup).then(
			() => undefined,
			(error: Error & { description?: string }) => error,
		);
		// The first request of an activation is about webhooks (looking for stale ones, or creating ours).
		expect(failure?.message).toMatch(
			new RegExp(
				`^Passona answered with a redirect to ${other.origin}/api/2\\.0/webhooks\\S*: check the Base URL of the Passona API credential$`,
			),
		);
		expectNoTokenElsewhere();
	});

	test("the trigger's check and deactivation stop with words and keep the registration", async () => {
		const setup = await triggerSetup({ keywords: [KEYWORD_UUID] }, credentials());
		const registration = {
			webhookId: WEBHOOK_UUID,
			secretDigest: 'f'.repeat(64),
			keywords: [{ uuid: KEYWORD_UUID, callWebhookBefore: false }],
		};
		Object.assign(setup.workflow.getStaticData('node', setup.node), {
			registrations: { [PRODUCTION_URL]: registration },
		});
		const failed = (promise: Promise<unknown>) =>
			promise.then(
				() => undefined,
				(error: Error) => error.message,
			);
		expect(await failed(checkExists(setup))).toBe(redirectWords(`/webhooks/${WEBHOOK_UUID}`));
		expect(await failed(deactivate(setup))).toBe(redirectWords(`/keywords/${KEYWORD_UUID}`));
		expect(setup.workflow.getStaticData('node', setup.node)).toEqual({
			registrations: { [PRODUCTION_URL]: registration },
		});
		expectNoTokenElsewhere();
	});
});

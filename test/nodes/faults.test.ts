/**
 * Faults from Passona, through the engine: every error status, a timeout, a reset connection, a
 * body that is not JSON, an empty 200 and a failing page in the middle of Return All. Each gives
 * its plain-words message; with Continue On Fail it becomes an error item while the other items
 * go on; and each costs exactly one request: the node never retries by itself (n8n's Retry On
 * Fail does that when the user turns it on), but for a 429, which it waits out as Passona asks.
 */
import type { INodeParameters } from 'n8n-workflow';
import { inspect } from 'node:util';
import { type Sandbox, startSandbox } from '../../sandbox';
import { contact, group, GROUP_UUID, page } from '../fixtures/passona';
import { byId } from '../../harness/locators';
import {
	NODE_NAME,
	passonaNode,
	runNode,
	runPassona,
	type RunResult,
	TOKEN,
	workflowWith,
} from '../../harness/engine';
import { faultSecondItem, IDS } from '../support/faults';
import { PassonaMock } from '../support/passonaMock';
import { exposedText } from '../../harness/secrets';
import { TEST_RATE_LIMIT } from '../sandbox/helpers';
import { fakeTime, type FakeTime } from '../support/fakeTime';

const WEBHOOK = '491460ee-fb0d-11e9-a46c-0a586460022b';
let faultsInjected = 0;

afterAll(() => console.info(`faults suite: ${faultsInjected} faults injected`));

interface Status {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
	message: RegExp | string;
	description?: RegExp;
}

const json = { 'Content-Type': 'application/json' };
const STATUSES: Array<[string, Status]> = [
	[
		'400',
		{
			status: 400,
			body: { message: 'Bad Request' },
			message: 'Passona could not understand the request',
			description: /Passona said: Bad Request/,
		},
	],
	[
		'401',
		{
			status: 401,
			body: { message: 'Unauthenticated.' },
			message: 'Passona did not accept the API token',
			description: /Check the Passona API credential/,
		},
	],
	[
		'403',
		{
			status: 403,
			body: { message: 'This action is unauthorized.' },
			message: 'This Passona API token is not allowed to do this',
		},
	],
	[
		'404',
		{
			status: 404,
			body: { message: 'No query results for model.' },
			message: /^Passona has no /,
			description: /deleted, or it belongs to another Passona team/,
		},
	],
	[
		'409',
		{
			status: 409,
			body: { message: 'Conflict' },
			message:
				/^(Passona refused because of the current state of the|The contact group cannot be deleted)/,
		},
	],
	[
		'422, one message',
		{
			status: 422,
			body: {
				message: 'The name field is required.',
				errors: { name: ['The name field is required.'] },
			},
			message: 'Passona rejected the values sent',
			description: /^Fix these and run again:\n• The name field is required\.$/,
		},
	],
	[
		'422, several messages',
		{
			status: 422,
			body: {
				message: 'x (and 2 more errors)',
				errors: {
					name: ['The name has already been taken.'],
					'contacts.0.phone_number': [
						'The phone number is invalid.',
						'The phone number must be unique.',
					],
				},
			},
			message: 'Passona rejected the values sent',
			description:
				/• The name has already been taken\.\n• The phone number is invalid\.\n• The phone number must be unique\.$/,
		},
	],
	[
		'422, no details',
		{
			status: 422,
			body: {},
			message: 'Passona rejected the values sent',
			description: /Passona gave no details/,
		},
	],
	[
		'423',
		{
			status: 423,
			body: { message: 'Locked' },
			message:
				/^The (contact group|keyword) is locked because a campaign using it is sending right now$/,
			description: /Try again when the campaign has finished/,
		},
	],
	[
		'500',
		{
			status: 500,
			body: { message: 'Server Error' },
			message: 'Passona had a problem on its side (HTTP 500)',
			description: /may be retried/,
		},
	],
	[
		'502 (HTML)',
		{
			status: 502,
			body: '<html><body>Bad Gateway</body></html>',
			headers: { 'Content-Type': 'text/html' },
			message: 'Passona had a problem on its side (HTTP 502)',
			description: /may be retried/,
		},
	],
	[
		'503',
		{
			status: 503,
			body: '',
			headers: {},
			message: 'Passona had a problem on its side (HTTP 503)',
			description: /may be retried/,
		},
	],
];

/** Operations whose items each name their own group, so one item's fault is told apart. */
const PER_ITEM: Array<[string, string, string, INodeParameters, (id: string) => unknown]> = [
	[
		'Get',
		'GET',
		'',
		{ resource: 'contactGroup', operation: 'get' },
		(id) => ({ data: group({ uuid: id }) }),
	],
	[
		'Add Contacts',
		'PUT',
		'/add-contacts',
		{
			resource: 'contactGroup',
			operation: 'addContacts',
			contactSource: 'fields',
			phoneNumber: '447700900123',
		},
		(id) => ({ data: group({ uuid: id }) }),
	],
	['Delete', 'DELETE', '', { resource: 'contactGroup', operation: 'delete' }, () => ''],
	[
		'Get Contacts (Return All)',
		'GET',
		'/list-contacts',
		{ resource: 'contactGroup', operation: 'getContacts', returnAll: true },
		(id) => page(`/contact-groups/${id}/list-contacts`, [contact(1)], 1, 1, 1000),
	],
];

function expectFault(error: RunResult['error'] | undefined, expected: Status) {
	expect(error).toBeDefined();
	if (typeof expected.message === 'string') expect(error!.message).toBe(expected.message);
	else expect(error!.message).toMatch(expected.message);
	if (expected.description) expect(error!.description).toMatch(expected.description);
	expect(exposedText(error)).not.toContain(TOKEN);
}

describe.each(STATUSES)('HTTP %s', (_name, fault) => {
	test.each(PER_ITEM)(
		'%s: plain words; with Continue On Fail an error item while the other items go on; one request',
		async (_op, method, suffix, parameters, success) => {
			faultsInjected++;
			const { failed } = await faultSecondItem(
				{ ...parameters, contactGroup: byId('={{ $json.id }}') },
				{
					method,
					path: (id) => `/contact-groups/${id}${suffix}`,
					status: fault.status,
					body: fault.body,
					headers: fault.headers,
					success,
				},
			);
			expect(failed.error!.context?.itemIndex).toBe(1);
			expectFault(failed.error as RunResult['error'], fault);
		},
	);

	test('Create and Get Many (keywords, Return All) stop the workflow with the same words', async () => {
		const passona = new PassonaMock()
			.reply('POST', '/contact-groups', fault.status, fault.body, fault.headers)
			.reply('GET', '/keywords', fault.status, fault.body, fault.headers);
		faultsInjected += 2;
		const created = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'create',
				name: 'Joiners',
				deletable: true,
			},
		});
		const listed = await runPassona({
			parameters: { resource: 'keyword', operation: 'getAll', returnAll: true },
		});
		for (const { items, error } of [created, listed]) {
			expect(items).toEqual([]);
			expectFault(error, fault);
		}
		expect(passona.requests).toHaveLength(2);
	});
});

describe('a 429 the node waits out (fake time: no real time passes)', () => {
	const tooMany = { message: 'Too Many Attempts.' };
	const cases: Array<[string, Record<string, string>, number]> = [
		['with Retry-After', { ...json, 'Retry-After': '30' }, 30_000],
		['without Retry-After (1 s)', json, 1000],
	];

	describe.each(cases)('%s', (_name, headers, waitMs) => {
		let clock: FakeTime;
		beforeEach(() => (clock = fakeTime()));
		afterEach(() => clock.restore());

		test.each(PER_ITEM)(
			'%s: the item that met it is sent again after the wait and gets its answer; the others go on',
			async (_op, method, suffix, parameters, success) => {
				const passona = new PassonaMock();
				for (const [index, id] of IDS.entries()) {
					const path = `/contact-groups/${id}${suffix}`;
					if (index === 1) passona.reply(method, path, 429, tooMany, headers);
					passona.reply(method, path, method === 'DELETE' ? 204 : 200, success(id));
				}
				faultsInjected++;
				const { items, error } = await runPassona({
					parameters: { ...parameters, contactGroup: byId('={{ $json.id }}') },
					items: IDS.map((id) => ({ id })),
				});
				expect(error).toBeUndefined();
				expect(items).toHaveLength(3);
				expect(passona.requests).toHaveLength(4);
				expect(clock.sleeps).toEqual([waitMs]);
			},
		);

		test('one that does not clear: after 10 waits the item fails with the words, advising no run again', async () => {
			const passona = new PassonaMock();
			for (let n = 0; n <= 10; n++)
				passona.reply('GET', `/contact-groups/${GROUP_UUID}`, 429, tooMany, headers);
			faultsInjected++;
			const { items, error } = await runPassona({
				parameters: { resource: 'contactGroup', operation: 'get', contactGroup: byId(GROUP_UUID) },
			});
			expect(items).toEqual([]);
			expect(passona.requests).toHaveLength(11);
			expect(clock.sleeps).toEqual(Array.from({ length: 10 }, () => waitMs));
			expect(error?.message).toBe('Passona is receiving too many requests');
			expect(error?.description).toContain(
				`This node waited as Passona asked and sent it again 10 times (${(10 * waitMs) / 1000} s in all), and Passona still refused.`,
			);
			if (waitMs === 30_000)
				expect(error?.description).toContain('Passona asks to wait 30 seconds');
			expect(`${error?.message} ${error?.description}`).not.toMatch(/run again|retry on fail/i);
			expect(exposedText(error)).not.toContain(TOKEN);
		});
	});
});

describe('no retries by the node itself', () => {
	test('a 503 costs exactly one request, and so does a 401 (n8n retries a 401 only on its credential-test path)', async () => {
		for (const status of [503, 401]) {
			const passona = new PassonaMock().reply('GET', `/contact-groups/${GROUP_UUID}`, status, {
				message: 'x',
			});
			faultsInjected++;
			const { error } = await runPassona({
				parameters: { resource: 'contactGroup', operation: 'get', contactGroup: byId(GROUP_UUID) },
			});
			expect(error).toBeDefined();
			expect(passona.requests).toHaveLength(1);
		}
	});
});

describe('a page in the middle of Return All that fails', () => {
	const path = (id: string) => `/contact-groups/${id}/list-contacts`;
	/** Name, the fault, its words, and whether Passona answered it (a reset leaves nothing recorded). */
	const middle: Array<[string, (passona: PassonaMock, id: string) => void, RegExp]> = [
		[
			'HTTP 500',
			(passona, id) => passona.reply('GET', path(id), 500, { message: 'Server Error' }),
			/^Passona had a problem on its side \(HTTP 500\)$/,
		],
		[
			'a reset connection',
			(passona, id) => passona.networkError('GET', path(id)),
			/connection to the server was closed unexpectedly/,
		],
		[
			'a body that is not JSON',
			(passona, id) => passona.reply('GET', path(id), 200, '{"data": [{"phone_', json),
			/does not understand/,
		],
		[
			'an empty 200',
			(passona, id) => passona.reply('GET', path(id), 200, '', {}),
			/does not understand/,
		],
		[
			'a page whose data is not a list',
			(passona, id) => passona.reply('GET', path(id), 200, { data: { phone_number: '1' } }),
			/does not understand/,
		],
	];

	test.each(middle)(
		'%s on page 2 of 3: no partial list; the other item still gets its whole list',
		async (_name, inject, message) => {
			const [broken, whole] = IDS;
			const passona = new PassonaMock().reply(
				'GET',
				path(broken),
				200,
				page(path(broken), [contact(1)], 1, 3, 1),
			);
			inject(passona, broken);
			for (let n = 1; n <= 3; n++)
				passona.reply('GET', path(whole), 200, page(path(whole), [contact(n)], n, 3, 1));
			faultsInjected++;
			// One request in flight: the listing as it was before Parallel Requests (test/nodes/parallelListing.test.ts has the rest).
			const parameters = {
				resource: 'contactGroup',
				operation: 'getContacts',
				returnAll: true,
				contactGroup: byId('={{ $json.id }}'),
				options: { parallelRequests: 1 },
			};
			const { items } = await runPassona({
				parameters,
				items: [{ id: broken }, { id: whole }],
				onError: 'continueRegularOutput',
			});
			expect(items).toHaveLength(4);
			expect(items[0].error?.message).toMatch(message);
			expect(items.slice(1).map((entry) => entry.json)).toEqual([
				contact(1),
				contact(2),
				contact(3),
			]);
			// Page 3 of the broken list is never asked for (page 2 of a reset is not recorded: it got no answer).
			const answered = passona.requests
				.filter((request) => request.path === path(broken))
				.map((request) => request.query.page);
			expect(answered).toEqual(_name === 'a reset connection' ? ['1'] : ['1', '2']);

			// Without Continue On Fail the workflow stops, with nothing put out.
			new PassonaMock().reply('GET', path(broken), 200, page(path(broken), [contact(1)], 1, 3, 1));
			inject(new PassonaMock(), broken);
			faultsInjected++;
			const stopped = await runPassona({ parameters, items: [{ id: broken }] });
			expect(stopped.items).toEqual([]);
			expect(stopped.error?.message).toMatch(message);
		},
	);
});

describe('faults over real HTTP, from the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ token: TOKEN, rateLimit: TEST_RATE_LIMIT });
	});
	afterAll(async () => {
		await sandbox.close();
	});

	const control = async (method: string, path: string, body?: unknown) =>
		await fetch(`${sandbox.origin}/_sandbox${path}`, {
			method,
			headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});

	/** Runs Get of a real sandbox group with a 500 ms request timeout set on the node, as n8n's `requestOptions.timeout` would. */
	async function getGroup(uuid: string, onError?: 'continueRegularOutput') {
		const node = passonaNode(
			{ resource: 'contactGroup', operation: 'get', contactGroup: byId('={{ $json.id }}') },
			onError,
		);
		const workflow = await workflowWith(node);
		// Long enough for the healthy item on a loaded machine; only the timeout case waits it out.
		workflow.nodes[NODE_NAME].parameters.requestOptions = { timeout: 2500 };
		return await runNode(
			workflow.nodes[NODE_NAME],
			{
				credentials: { apiToken: TOKEN, baseUrl: sandbox.url },
				items: [{ id: uuid }, { id: uuid }],
			},
			{},
			workflow,
		);
	}

	const modes: Array<[string, object, RegExp]> = [
		['503', { mode: 'status', status: 503 }, /Passona had a problem on its side \(HTTP 503\)/],
		['a timeout', { mode: 'timeout' }, /connection was aborted|timed out/],
		['a connection reset', { mode: 'reset' }, /closed unexpectedly/],
		['a body that is not JSON', { mode: 'invalid-json', status: 200 }, /does not understand/],
		['an empty 200', { mode: 'empty', status: 200 }, /does not understand/],
	];

	test.each(modes)(
		'%s: plain words, one request, and the other item goes on',
		async (_name, fault, message) => {
			const uuid = sandbox.store.createContactGroup({ name: 'Faulty' }).uuid;
			await control('DELETE', '/requests');
			await control('POST', '/faults', {
				method: 'GET',
				path: `^/contact-groups/${uuid}$`,
				times: 1,
				...fault,
			});
			faultsInjected++;
			const { items, error, run } = await getGroup(uuid, 'continueRegularOutput');
			expect(error).toBeUndefined();
			const failed = items.filter((entry) => entry.error);
			expect(failed).toHaveLength(1);
			expect(failed[0].error!.message).toMatch(message);
			expect(items.filter((entry) => !entry.error).map((entry) => entry.json.uuid)).toEqual([uuid]);
			const log = (await (await control('GET', '/requests')).json()) as { data: unknown[] };
			expect(log.data).toHaveLength(2); // one per item: the fault was not retried
			// What n8n keeps, shows and logs of the error item (its JSON, message, description, inspected
			// form) never holds the token. The raw axios error n8n-core keeps in memory as `cause` does
			// carry the request's headers (with redirects off, as issue 11 requires, axios's own request
			// and its header text sit right under it); n8n's own toJSON leaves it out, and so does this.
			const shownError = failed[0].error!;
			const rawCause = (shownError as { cause?: unknown }).cause;
			delete (shownError as { cause?: unknown }).cause;
			const inspected = inspect(run, { depth: 12 });
			Object.assign(shownError, { cause: rawCause });
			for (const shown of [
				JSON.stringify(run),
				shownError.message,
				String(shownError.description),
				inspected,
			]) {
				expect(shown).not.toContain(TOKEN);
			}
		},
	);

	test("the sandbox's 429 (Retry-After: 0, as a window ending now) is waited out: both items get their group", async () => {
		const uuid = sandbox.store.createContactGroup({ name: 'Throttled' }).uuid;
		await control('DELETE', '/requests');
		await control('POST', '/faults', {
			method: 'GET',
			path: `^/contact-groups/${uuid}$`,
			status: 429,
			headers: { 'Retry-After': '0' },
			body: { message: 'Too Many Attempts.' },
		});
		faultsInjected++;
		const { items, error } = await getGroup(uuid);
		expect(error).toBeUndefined();
		expect(items.map((entry) => entry.json.uuid)).toEqual([uuid, uuid]);
		const log = (await (await control('GET', '/requests')).json()) as {
			data: Array<{ status: number }>;
		};
		expect(log.data.map((entry) => entry.status).sort()).toEqual([200, 200, 429]);
	});

	test('a keyword Get through a 503 from the sandbox stops the workflow with nothing put out', async () => {
		await control('POST', '/faults', { path: '^/keywords/', status: 503 });
		faultsInjected++;
		const { items, error } = await runPassona({
			parameters: { resource: 'keyword', operation: 'get', keyword: byId(IDS[0]) },
			credentials: { apiToken: TOKEN, baseUrl: sandbox.url },
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('Passona had a problem on its side (HTTP 503)');
	});
});

test('the webhook Delete names the webhook in a 404', async () => {
	new PassonaMock().reply('DELETE', `/webhooks/${WEBHOOK}`, 404, {
		message: 'No query results for model [Webhook].',
	});
	faultsInjected++;
	const { error } = await runPassona({
		parameters: { resource: 'webhook', operation: 'delete', webhook: byId(WEBHOOK) },
	});
	expect(error?.message).toBe(`Passona has no webhook ${WEBHOOK}`);
});

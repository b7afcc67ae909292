import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { startSandbox } from '../../sandbox';
import { call, UUID, useSandbox } from './helpers';

const sandbox = useSandbox({ jobDelayMs: 30 });

interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/** A local webhook receiver answering `status` to every call. */
async function startReceiver(
	status = 200,
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (body += chunk));
		req.on('end', () => {
			received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			res.writeHead(status).end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

afterEach(async () => {
	await call(sandbox(), 'DELETE', '/_sandbox/faults');
});

describe('inbound SMS simulation', () => {
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	beforeEach(async () => {
		receiver = await startReceiver(202);
	});
	afterEach(async () => {
		await receiver.close();
	});

	it('matches the first word, adds the sender to the groups and calls the webhooks with their headers', async () => {
		const group = sandbox().store.createContactGroup({ name: 'Joiners' });
		const webhook = await call(sandbox(), 'POST', '/webhooks', {
			name: 'Receiver',
			url: receiver.url,
			headers: {
				'X-Passona-Secret': 'hush',
				Authorization: 'Token abc',
				'content-type': 'text/plain',
			},
		});
		const keyword = await call(sandbox(), 'POST', '/keywords', {
			keyword: 'JOIN',
			add_contact_to_group: true,
			contact_groups_uuid: [group.uuid],
			call_webhook: true,
			webhooks_uuid: [webhook.body.data.uuid],
		});
		const keywordUuid = keyword.body.data.uuid;

		const answer = await call(sandbox(), 'POST', '/_sandbox/inbound', {
			from: '+44 7700 900123',
			text: 'join me please',
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			data: {
				matched: true,
				keyword: keywordUuid,
				added_to_groups: [group.uuid],
				deliveries: [
					{ webhook_uuid: webhook.body.data.uuid, url: receiver.url, status: 202, error: null },
				],
			},
		});

		expect(receiver.received).toHaveLength(1);
		const [call1] = receiver.received;
		expect(call1.method).toBe('POST');
		expect(call1.url).toBe('/hook');
		expect(call1.headers['x-passona-secret']).toBe('hush');
		expect(call1.headers.authorization).toBe('Token abc');
		expect(call1.headers['content-type']).toBe('application/json');
		const body = JSON.parse(call1.body);
		expect(body).toEqual({
			event: 'keyword.matched',
			keyword: { uuid: keywordUuid, keyword: 'JOIN' },
			from: '447700900123',
			message: 'join me please',
			received_at: expect.any(String),
			message_uuid: expect.stringMatching(UUID),
		});
		expect(new Date(body.received_at).toISOString()).toBe(body.received_at);

		expect([...sandbox().store.contactsOf(group.uuid)!.keys()]).toEqual(['447700900123']);
		const shown = await call(sandbox(), 'GET', `/contact-groups/${group.uuid}`);
		expect(shown.body.data).toMatchObject({ number_of_contacts: 1 });
	});

	it('answers no match for other words and calls nothing', async () => {
		await call(sandbox(), 'POST', '/keywords', { keyword: 'JOIN' });
		const answer = await call(sandbox(), 'POST', '/_sandbox/inbound', {
			from: '447700900123',
			text: 'JOINT venture',
		});
		expect(answer.body).toEqual({
			data: { matched: false, keyword: null, added_to_groups: [], deliveries: [] },
		});
		expect(receiver.received).toHaveLength(0);
	});

	it('reports a webhook that cannot be reached', async () => {
		// A listener that drops every connection: a closed port could be taken by something else.
		const dropper = createTcpServer((socket) => socket.destroy());
		await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
		const dead = { url: `http://127.0.0.1:${(dropper.address() as AddressInfo).port}/hook` };
		try {
			const webhook = await call(sandbox(), 'POST', '/webhooks', { name: 'Dead', url: dead.url });
			await call(sandbox(), 'POST', '/keywords', {
				keyword: 'PING',
				call_webhook: true,
				webhooks_uuid: [webhook.body.data.uuid],
			});
			const answer = await call(sandbox(), 'POST', '/_sandbox/inbound', {
				from: '447700900123',
				text: 'ping',
			});
			expect(answer.body.data.matched).toBe(true);
			expect(answer.body.data.deliveries).toEqual([
				{
					webhook_uuid: webhook.body.data.uuid,
					url: dead.url,
					status: null,
					error: expect.any(String),
				},
			]);
		} finally {
			await new Promise((resolve) => dropper.close(resolve));
		}
	});

	it('validates the inbound message', async () => {
		const answer = await call(sandbox(), 'POST', '/_sandbox/inbound', { from: '12', text: '' });
		expect(answer.status).toBe(422);
		expect(Object.keys(answer.body.errors)).toEqual(['from', 'text']);
	});
});

describe('faults', () => {
	it('applies a status fault once to the matching requests only', async () => {
		const registered = await call(sandbox(), 'POST', '/_sandbox/faults', {
			method: 'get',
			path: '^/contact-groups$',
			status: 503,
			body: { message: 'Service Unavailable' },
			headers: { 'Retry-After': '1' },
		});
		expect(registered.status).toBe(201);

		expect((await call(sandbox(), 'POST', '/contact-groups', { name: 'Not faulted' })).status).toBe(
			201,
		);
		expect((await call(sandbox(), 'GET', '/balance')).status).toBe(200);
		const faulted = await call(sandbox(), 'GET', '/contact-groups');
		expect(faulted.status).toBe(503);
		expect(faulted.body).toEqual({ message: 'Service Unavailable' });
		expect(faulted.headers.get('retry-after')).toBe('1');
		expect((await call(sandbox(), 'GET', '/contact-groups')).status).toBe(200);
	});

	it('applies a fault N times, and DELETE clears the rest', async () => {
		await call(sandbox(), 'POST', '/_sandbox/faults', {
			path: '^/keywords',
			status: 429,
			times: 2,
		});
		expect((await call(sandbox(), 'GET', '/keywords')).status).toBe(429);
		expect((await call(sandbox(), 'GET', '/keywords/')).status).toBe(429);
		expect((await call(sandbox(), 'GET', '/keywords')).status).toBe(200);

		await call(sandbox(), 'POST', '/_sandbox/faults', { path: 'keywords', status: 500, times: 5 });
		expect((await call(sandbox(), 'DELETE', '/_sandbox/faults')).status).toBe(204);
		expect((await call(sandbox(), 'GET', '/keywords')).status).toBe(200);
	});

	it('answers invalid JSON, an empty body, or drops the connection', async () => {
		await call(sandbox(), 'POST', '/_sandbox/faults', { path: '^/balance', mode: 'invalid-json' });
		const invalid = await fetch(`${sandbox().url}/balance`, {
			headers: { Authorization: `Bearer ${sandbox().token}` },
		});
		expect(invalid.status).toBe(200);
		await expect(invalid.json()).rejects.toThrow();

		await call(sandbox(), 'POST', '/_sandbox/faults', {
			path: '^/balance',
			mode: 'empty',
			status: 502,
		});
		const empty = await fetch(`${sandbox().url}/balance`, {
			headers: { Authorization: `Bearer ${sandbox().token}` },
		});
		expect(empty.status).toBe(502);
		expect(await empty.text()).toBe('');

		await call(sandbox(), 'POST', '/_sandbox/faults', { path: '^/balance', mode: 'reset' });
		await expect(call(sandbox(), 'GET', '/balance')).rejects.toThrow();
		expect((await call(sandbox(), 'GET', '/balance')).status).toBe(200);
	});

	it('delays a fault, and times out without answering', async () => {
		await call(sandbox(), 'POST', '/_sandbox/faults', {
			path: '^/balance',
			status: 500,
			delayMs: 150,
		});
		const started = Date.now();
		expect((await call(sandbox(), 'GET', '/balance')).status).toBe(500);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);

		await call(sandbox(), 'POST', '/_sandbox/faults', { path: '^/balance', mode: 'timeout' });
		const hanging = fetch(`${sandbox().url}/balance`, {
			headers: { Authorization: `Bearer ${sandbox().token}` },
			signal: AbortSignal.timeout(200),
		});
		await expect(hanging).rejects.toThrow();
	});

	it('validates a fault', async () => {
		const answer = await call(sandbox(), 'POST', '/_sandbox/faults', {
			path: '(',
			status: 99,
			mode: 'melt',
		});
		expect(answer.status).toBe(422);
		expect(Object.keys(answer.body.errors).sort()).toEqual(['mode', 'path', 'status']);
		const listed = await call(sandbox(), 'GET', '/_sandbox/faults');
		expect(listed.body.data).toEqual([]);
	});
});

describe('request log, lock and reset', () => {
	it('logs API requests without credentials, but not control requests', async () => {
		await call(sandbox(), 'DELETE', '/_sandbox/requests');
		await call(sandbox(), 'GET', '/contact-groups?page=2&per_page=5');
		await call(sandbox(), 'GET', '/balance', undefined, { Authorization: 'Bearer wrong' });
		const log = await call(sandbox(), 'GET', '/_sandbox/requests');
		expect(log.body.data).toEqual([
			{ method: 'GET', path: '/contact-groups', query: { page: '2', per_page: '5' }, status: 200 },
			{ method: 'GET', path: '/balance', query: {}, status: 401 },
		]);
		expect(JSON.stringify(log.body)).not.toContain(sandbox().token);
	});

	it('locks and unlocks a group through the control endpoint', async () => {
		const group = sandbox().store.createContactGroup({ name: 'Campaign' });
		const locked = await call(sandbox(), 'PUT', `/_sandbox/contact-groups/${group.uuid}/lock`, {
			locked: true,
		});
		expect(locked.body.data).toMatchObject({ uuid: group.uuid, locked: true });
		expect(
			(await call(sandbox(), 'PUT', `/contact-groups/${group.uuid}`, { name: 'x' })).status,
		).toBe(423);
		await call(sandbox(), 'PUT', `/_sandbox/contact-groups/${group.uuid}/lock`, { locked: false });
		expect(
			(await call(sandbox(), 'PUT', `/contact-groups/${group.uuid}`, { name: 'x' })).status,
		).toBe(200);
		const missing = await call(sandbox(), 'PUT', '/_sandbox/contact-groups/nope/lock', {
			locked: true,
		});
		expect(missing.status).toBe(404);
		const invalid = await call(sandbox(), 'PUT', `/_sandbox/contact-groups/${group.uuid}/lock`, {});
		expect(invalid.status).toBe(422);
	});

	it('resets the team but keeps default_optouts', async () => {
		const optouts = sandbox().store.defaultOptoutsGroup.uuid;
		sandbox().store.seedContactGroup({ name: 'Gone', contacts: 3 });
		await call(sandbox(), 'POST', '/keywords', { keyword: 'GONE' });
		expect((await call(sandbox(), 'POST', '/_sandbox/reset')).status).toBe(204);
		const groups = await call(sandbox(), 'GET', '/contact-groups');
		expect(groups.body.data.map((g: { uuid: string }) => g.uuid)).toEqual([optouts]);
		expect((await call(sandbox(), 'GET', '/keywords')).body.meta.total).toBe(0);
	});

	it('close() cancels running jobs, drops hanging requests and frees the port', async () => {
		const own = await startSandbox({ jobDelayMs: 60_000 });
		const group = own.store.createContactGroup({ name: 'Closing' });
		const added = await call(own, 'PUT', `/contact-groups/${group.uuid}/add-contacts`, {
			contacts: [{ phone_number: '447700900555' }],
		});
		expect(added.body.data.status).toBe('Modifying');
		await call(own, 'POST', '/_sandbox/faults', { path: '^/balance', mode: 'timeout' });
		const hanging = call(own, 'GET', '/balance');
		await new Promise((resolve) => setTimeout(resolve, 50)); // let the request reach the server
		const started = Date.now();
		await own.close();
		expect(Date.now() - started).toBeLessThan(1000);
		await expect(hanging).rejects.toThrow();
		expect(group.scheduled_jobs_number).toBe(0);
		await expect(fetch(`${own.url}/balance`)).rejects.toThrow();
	});
});

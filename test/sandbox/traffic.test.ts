/**
 * The sandbox's rate limit, as Laravel's throttle applies one (per token, a window of whole
 * seconds, 429 with Retry-After, X-RateLimit-* headers), its traffic counters, and the fault that
 * acts before it loses the answer.
 */
import { parseArgs } from '../../sandbox/cli';
import { parseRateLimit } from '../../sandbox';
import { Traffic } from '../../sandbox/traffic';
import { call, useSandbox } from './helpers';

describe('Traffic (pure, on a given clock)', () => {
	test('a window opens at the first request; past the limit, 429 headers until it ends; a refused request does not count', () => {
		let now = 10_400; // 10.4 s: the window is whole seconds, 10 to 13
		const traffic = new Traffic({ requests: 2, windowSeconds: 3 }, () => now);
		expect(traffic.take('t')).toEqual({
			allowed: true,
			headers: { 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '1' },
		});
		expect(traffic.take('t').headers['X-RateLimit-Remaining']).toBe('0');
		now = 11_900;
		expect(traffic.take('t')).toEqual({
			allowed: false,
			headers: {
				'X-RateLimit-Limit': '2',
				'X-RateLimit-Remaining': '0',
				'Retry-After': '2',
				'X-RateLimit-Reset': '13',
			},
		});
		expect(traffic.take('t').allowed).toBe(false);
		expect(traffic.throttled).toBe(2);
		// Another token has its own window.
		expect(traffic.take('other').allowed).toBe(true);
		now = 13_000;
		expect(traffic.take('t').headers['X-RateLimit-Remaining']).toBe('1');
	});

	test('no limit: every request allowed, no headers', () => {
		const traffic = new Traffic(null);
		for (let n = 0; n < 100; n++) expect(traffic.take('t')).toEqual({ allowed: true, headers: {} });
	});

	test('requests in flight: now and at most', () => {
		const traffic = new Traffic(null);
		const done = [traffic.started(), traffic.started(), traffic.started()];
		done[0]();
		done[0]();
		expect([traffic.inFlight, traffic.peakInFlight]).toEqual([2, 3]);
		traffic.resetCounters();
		expect(traffic.peakInFlight).toBe(2);
	});

	test('"requests/seconds" or "off", as the CLI takes it', () => {
		expect(parseRateLimit('60/60')).toEqual({ requests: 60, windowSeconds: 60 });
		expect(parseRateLimit(' 100 / 1 ')).toEqual({ requests: 100, windowSeconds: 1 });
		expect(parseRateLimit('off')).toBeNull();
		expect(() => parseRateLimit('60')).toThrow('"requests/seconds"');
		expect(() => parseRateLimit('0/60')).toThrow('"requests/seconds"');
		expect(parseArgs([]).rateLimit).toEqual({ requests: 60, windowSeconds: 60 });
		expect(parseArgs(['--rate-limit', 'off']).rateLimit).toBeNull();
		expect(parseArgs(['--rate-limit=5/10']).rateLimit).toEqual({ requests: 5, windowSeconds: 10 });
	});
});

describe('over HTTP', () => {
	const sandbox = useSandbox({ rateLimit: { requests: 3, windowSeconds: 60 } });

	test("Laravel's headers and answer, on API requests only; the control endpoints say what happened", async () => {
		const answers = [];
		for (let n = 0; n < 4; n++) answers.push(await call(sandbox(), 'GET', '/balance'));
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
		expect(answers.map((answer) => answer.headers.get('x-ratelimit-remaining'))).toEqual([
			'2',
			'1',
			'0',
			'0',
		]);
		expect(answers[0].headers.get('x-ratelimit-limit')).toBe('3');
		expect(answers[3].body).toEqual({ message: 'Too Many Attempts.' });
		// The window's 60 s, less the whole seconds these calls took (a few on a loaded machine).
		const retryAfter = Number(answers[3].headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(55);
		expect(retryAfter).toBeLessThanOrEqual(60);
		expect((await call(sandbox(), 'GET', '/_sandbox/rate-limit')).body.data).toEqual({
			requests: 3,
			window_seconds: 60,
		});
		expect((await call(sandbox(), 'GET', '/_sandbox/traffic')).body.data).toEqual({
			requests: 4,
			in_flight: 0,
			peak_in_flight: 1,
			throttled: 1,
			latency_ms: 0,
		});
		// A new limit opens new windows; none lets everything through.
		await call(sandbox(), 'PUT', '/_sandbox/rate-limit', { requests: 10, window_seconds: 1 });
		expect((await call(sandbox(), 'GET', '/balance')).headers.get('x-ratelimit-remaining')).toBe(
			'9',
		);
		await call(sandbox(), 'PUT', '/_sandbox/rate-limit', { requests: null });
		const free = await call(sandbox(), 'GET', '/balance');
		expect([free.status, free.headers.get('x-ratelimit-limit')]).toEqual([200, null]);
		expect((await call(sandbox(), 'PUT', '/_sandbox/rate-limit', { requests: 0 })).status).toBe(
			422,
		);
	});

	test('a latency keeps requests sent together in flight together', async () => {
		await call(sandbox(), 'PUT', '/_sandbox/rate-limit', { requests: null });
		// Long enough that all four have arrived before the first is answered, however loaded.
		await call(sandbox(), 'PUT', '/_sandbox/traffic', { latency_ms: 1000 });
		await Promise.all(Array.from({ length: 4 }, () => call(sandbox(), 'GET', '/balance')));
		expect((await call(sandbox(), 'GET', '/_sandbox/traffic')).body.data).toMatchObject({
			peak_in_flight: 4,
			latency_ms: 1000,
		});
		await call(sandbox(), 'DELETE', '/_sandbox/traffic');
		expect((await call(sandbox(), 'GET', '/_sandbox/traffic')).body.data.peak_in_flight).toBe(0);
	});
});

describe('faults that act, then lose the answer', () => {
	const sandbox = useSandbox();

	test('the campaign is made (and its SMS sent), and the client gets the fault', async () => {
		const group = sandbox().store.seedContactGroup({ name: 'G', contacts: ['447700900001'] });
		const template = (
			await call(sandbox(), 'POST', '/templates', { name: 'T', body: 'Hi', sender: 'Sandbox' })
		).body.data.uuid;
		await call(sandbox(), 'POST', '/_sandbox/faults', {
			method: 'POST',
			path: '^/campaigns$',
			bodyMatch: '"Lost"',
			status: 503,
			act: true,
		});
		const body = (name: string) => ({
			name,
			template_uuid: template,
			sender: 'Sandbox',
			scheduled_send_date: sandbox().store.sending.date(),
			expiry_date: sandbox().store.sending.date(Date.now() + 86_400_000),
			included_contact_groups: [group.uuid],
		});
		// The body does not match: the fault waits for one that does.
		expect((await call(sandbox(), 'POST', '/campaigns', body('Kept'))).status).toBe(201);
		const lost = await call(sandbox(), 'POST', '/campaigns', body('Lost'));
		expect(lost.status).toBe(503);
		expect([...sandbox().store.sending.campaigns.values()].map((c) => c.name)).toEqual([
			'Kept',
			'Lost',
		]);
		const outbox = (await call(sandbox(), 'GET', '/_sandbox/outbox')).body.data;
		expect(outbox).toHaveLength(2);
	});

	test('a reset after acting: the test SMS is sent, the connection dropped', async () => {
		const template = (
			await call(sandbox(), 'POST', '/templates', { name: 'T', body: 'Hi', sender: 'Sandbox' })
		).body.data.uuid;
		await call(sandbox(), 'POST', '/_sandbox/faults', {
			path: '^/campaigns/send-test$',
			mode: 'reset',
			act: true,
		});
		await expect(
			call(sandbox(), 'POST', '/campaigns/send-test', {
				name: 'T',
				template_uuid: template,
				sender: 'Sandbox',
				contact_number: '447700900009',
			}),
		).rejects.toThrow();
		const outbox = (await call(sandbox(), 'GET', '/_sandbox/outbox')).body.data;
		expect(outbox.map((message: { to: string }) => message.to)).toEqual(['447700900009']);
	});

	test('a bodyMatch or path that is not a regular expression is refused', async () => {
		const answer = await call(sandbox(), 'POST', '/_sandbox/faults', {
			path: '(',
			bodyMatch: '[',
			status: 500,
		});
		expect(answer.status).toBe(422);
		expect(Object.keys(answer.body.errors).sort()).toEqual(['bodyMatch', 'path']);
	});
});

/**
 * The Passona Campaign Trigger through n8n-core's PollContext and WorkflowExecute, with nock
 * answering Passona's campaign list in the shape of the SDK's documentation.
 */
import { TOKEN } from '../../harness/engine';
import { PassonaMock, sentHeaders } from '../support/passonaMock';
import { POLL_TRIGGER_NAME, pollOnce, pollSetup, restart } from '../support/poll';
import { page } from '../fixtures/passona';

const uuid = (n: number) => `cfb31368-f98a-11e9-9f54-${String(n).padStart(12, '0')}`;

/** A campaign as Passona lists it: unset times are "", status 0 new, 2 finished. */
function campaign(n: number, started = '', finished = '') {
	return {
		uuid: uuid(n),
		team_uuid: '4db7d890-f63c-11e9-afc6-0a58646002d8',
		name: `Campaign ${n}`,
		sender: 'Digitonic',
		scheduled_send_date: '2019-10-28 13:56:59',
		expiry_date: '2019-10-30 13:56:59',
		status: finished ? 2 : started ? 1 : 0,
		included_contact_groups: ['47915da0-f63d-11e9-a9c1-0a58646002d8'],
		excluded_contact_groups: [],
		started_sending_at: started,
		template_uuid: '79b56ffa-f972-11e9-af8c-0a58646001df',
		finished_sending_at: finished,
		created_at: '2019-10-28 13:56:59',
		updated_at: finished || started,
	};
}

/** One page holding every campaign, with meta.per_page a string as in the SDK's examples. */
function listing(...campaigns: unknown[]) {
	const body = page('/campaigns', campaigns, 1, 1, 1000);
	return { ...body, meta: { ...body.meta, per_page: '1000' } };
}

const list = (mock: PassonaMock, ...campaigns: unknown[]) =>
	mock.reply('GET', '/campaigns', 200, listing(...campaigns));
const both = { events: ['startedSending', 'finishedSending'] };
const T = (minute: number) => `2019-10-28 14:${String(minute).padStart(2, '0')}:00`;

describe('Passona Campaign Trigger', () => {
	test('the poll at activation reports nothing: campaigns already started or finished fire nothing', async () => {
		const passona = list(
			new PassonaMock(),
			campaign(1, T(0), T(1)),
			campaign(2, T(2)),
			campaign(3),
		);
		const setup = await pollSetup(both);
		expect(await pollOnce(setup)).toEqual({ returned: null, items: [] });
		expect(passona.requests).toEqual([
			{
				method: 'GET',
				path: '/campaigns',
				query: { page: '1', per_page: '1000' },
				headers: sentHeaders(TOKEN),
				body: undefined,
			},
		]);
	});

	test('each start and finish after activation starts the workflow once, in the order they happened', async () => {
		const passona = new PassonaMock();
		const setup = await pollSetup(both);
		list(passona, campaign(1, T(0), T(1)), campaign(2, T(2)), campaign(3));
		await pollOnce(setup);

		// Campaign 2 finishes, 3 starts, and 4 is created, starts and finishes between two polls.
		list(
			passona,
			campaign(1, T(0), T(1)),
			campaign(2, T(2), T(9)),
			campaign(3, T(5)),
			campaign(4, T(6), T(7)),
		);
		const { items } = await pollOnce(setup);
		expect(items.map((item) => [item.json.event, item.json.uuid])).toEqual([
			['startedSending', uuid(3)],
			['startedSending', uuid(4)],
			['finishedSending', uuid(4)],
			['finishedSending', uuid(2)],
		]);
		expect(items[3].json).toEqual({ event: 'finishedSending', ...campaign(2, T(2), T(9)) });

		// Nothing new: nothing fires again.
		list(
			passona,
			campaign(1, T(0), T(1)),
			campaign(2, T(2), T(9)),
			campaign(3, T(5)),
			campaign(4, T(6), T(7)),
		);
		expect((await pollOnce(setup)).returned).toBeNull();
	});

	test('nothing is lost or repeated across a restart of n8n', async () => {
		const passona = new PassonaMock();
		const setup = await pollSetup(both);
		list(passona, campaign(1), campaign(2));
		await pollOnce(setup);
		list(passona, campaign(1, T(1)), campaign(2));
		expect((await pollOnce(setup)).items.map((item) => item.json.event)).toEqual([
			'startedSending',
		]);

		// While n8n is down, campaign 1 finishes and campaign 2 starts.
		const again = await restart(setup);
		list(passona, campaign(1, T(1), T(3)), campaign(2, T(4)));
		const { items } = await pollOnce(again);
		expect(items.map((item) => [item.json.event, item.json.uuid])).toEqual([
			['finishedSending', uuid(1)],
			['startedSending', uuid(2)],
		]);
		list(passona, campaign(1, T(1), T(3)), campaign(2, T(4)));
		expect((await pollOnce(again)).returned).toBeNull();
	});

	test('only the chosen events fire; the others are still remembered as seen', async () => {
		const passona = new PassonaMock();
		const setup = await pollSetup({ events: ['finishedSending'] });
		list(passona, campaign(1));
		await pollOnce(setup);
		list(passona, campaign(1, T(1)));
		expect((await pollOnce(setup)).returned).toBeNull();
		list(passona, campaign(1, T(1), T(2)));
		expect((await pollOnce(setup)).items.map((item) => [item.json.event, item.json.uuid])).toEqual([
			['finishedSending', uuid(1)],
		]);
	});

	test('overlapping polls: a slow poll carrying an older list, finishing last, brings no event back', async () => {
		const passona = new PassonaMock();
		const setup = await pollSetup(both);
		list(passona, campaign(1), campaign(2));
		await pollOnce(setup);

		// n8n starts a poll on each tick even while the last one runs: the first poll's list (campaign
		// 1 not started yet) is answered only after a later poll has seen campaign 1 start.
		const older = passona.hold('GET', '/campaigns', 200, listing(campaign(1), campaign(2)));
		const slow = pollOnce(setup);
		await older.arrived;
		list(passona, campaign(1, T(1)), campaign(2));
		expect((await pollOnce(setup)).items.map((item) => [item.json.event, item.json.uuid])).toEqual([
			['startedSending', uuid(1)],
		]);
		older.release();
		expect((await slow).returned).toBeNull();

		list(passona, campaign(1, T(1)), campaign(2));
		expect((await pollOnce(setup)).returned).toBeNull();
		expect(passona.requests).toHaveLength(4);
	});

	test('a single lagging list (a campaign shown as not yet started again) brings no event back', async () => {
		const passona = new PassonaMock();
		const setup = await pollSetup(both);
		list(passona, campaign(1));
		await pollOnce(setup);
		list(passona, campaign(1, T(1), T(2)));
		expect((await pollOnce(setup)).items.map((item) => item.json.event)).toEqual([
			'startedSending',
			'finishedSending',
		]);
		list(passona, campaign(1));
		expect((await pollOnce(setup)).returned).toBeNull();
		list(passona, campaign(1, T(1)));
		expect((await pollOnce(setup)).returned).toBeNull();
		list(passona, campaign(1, T(1), T(2)));
		expect((await pollOnce(setup)).returned).toBeNull();
	});

	test('the static data n8n saves holds the campaigns of the last 30 days, and a forgotten one never fires again', async () => {
		const passona = new PassonaMock();
		const setup = await pollSetup(both);
		const longAgo = campaign(1, '2019-08-01 10:00:00', '2019-08-01 11:00:00');
		list(passona, longAgo, campaign(2, T(0), T(1)), campaign(3));
		await pollOnce(setup);
		list(passona, longAgo, campaign(2, T(0), T(1)), campaign(3, T(5)));
		expect((await pollOnce(setup)).items.map((item) => item.json.uuid)).toEqual([uuid(3)]);
		// Restarted from what n8n saved, as from its database.
		const again = await restart(setup);
		expect(again.workflow.staticData).toEqual({
			[`node:${POLL_TRIGGER_NAME}`]: {
				campaigns: { [uuid(2)]: `sf@${T(1)}`, [uuid(3)]: `s@${T(5)}` },
				forgetBefore: '2019-09-28 14:05:00',
			},
		});
		list(passona, longAgo, campaign(2, T(0), T(1)), campaign(3, T(5)));
		expect((await pollOnce(again)).returned).toBeNull();
	});

	test('every page of the campaign list is read on each poll', async () => {
		const passona = new PassonaMock()
			.reply('GET', '/campaigns', 200, page('/campaigns', [campaign(1)], 1, 2, 1))
			.reply('GET', '/campaigns', 200, page('/campaigns', [campaign(2)], 2, 2, 1))
			.reply('GET', '/campaigns', 200, page('/campaigns', [campaign(1)], 1, 2, 1))
			.reply('GET', '/campaigns', 200, page('/campaigns', [campaign(2, T(3))], 2, 2, 1));
		const setup = await pollSetup(both);
		await pollOnce(setup);
		const { items } = await pollOnce(setup);
		expect(items.map((item) => item.json.uuid)).toEqual([uuid(2)]);
		expect(passona.requests.map((request) => request.query.page)).toEqual(['1', '2', '1', '2']);
	});

	test('Fetch Test Event (manual) shows the latest event and leaves the active state alone', async () => {
		const passona = new PassonaMock();
		const setup = await pollSetup(both);
		list(passona, campaign(1, T(0), T(8)), campaign(2, T(5)));
		const { items } = await pollOnce(setup, 'manual');
		expect(items.map((item) => [item.json.event, item.json.uuid])).toEqual([
			['finishedSending', uuid(1)],
		]);
		expect(setup.workflow.staticData).toEqual({});
	});

	test("Passona's errors stop the poll in plain words, and nothing is marked seen", async () => {
		const passona = new PassonaMock();
		const setup = await pollSetup(both);
		list(passona, campaign(1));
		await pollOnce(setup);
		passona.reply('GET', '/campaigns', 401, { message: 'Unauthenticated.' });
		await expect(pollOnce(setup)).rejects.toThrow('Passona did not accept the API token');
		list(passona, campaign(1, T(1)));
		expect((await pollOnce(setup)).items.map((item) => item.json.event)).toEqual([
			'startedSending',
		]);
	});

	test('no Events chosen is refused before asking Passona', async () => {
		const passona = new PassonaMock();
		await expect(pollOnce(await pollSetup({ events: [] }))).rejects.toThrow('"Events" is empty');
		expect(passona.requests).toEqual([]);
	});
});

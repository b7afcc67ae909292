/**
 * The requests the nodes make themselves (outside declarative routing) obey a timeout: the node's
 * Settings → Request Options → Timeout when set, as n8n applies it to the declarative requests,
 * otherwise n8n's 5 minutes. Passona (nock) holds its answer back far longer than that, so only
 * the timeout can end the request: a timeout set on the node is waited out for real (below a
 * second); the 5 minutes are not, their timer is fired at once.
 */
import type { ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';
import nock from 'nock';
import { BASE_URL, loadOptionsContext, passonaType, runPassona } from '../../harness/engine';
import { byId } from '../../harness/locators';
import { activate, triggerSetup } from '../../harness/trigger';
import { group, GROUP_UUID, KEYWORD_UUID, page } from '../fixtures/passona';
import { campaignCreate } from '../fixtures/sending';
import { fakeTime } from '../support/fakeTime';
import { PassonaMock } from '../support/passonaMock';
import { pollOnce, pollSetup } from '../support/poll';

/** Below fakeTime's range, so that the Wait's sleeps pass at once while this is waited for. */
const TIMEOUT_MS = 900;
const withTimeout = (parameters: INodeParameters): INodeParameters => ({
	...parameters,
	requestOptions: { timeout: TIMEOUT_MS },
});
/** n8n's words for a request it aborted on its timeout. */
const TIMED_OUT = 'The connection was aborted, perhaps the server is offline';

/** Passona answers GET `path` only after ten minutes; the requests that reached it are listed. */
function stalled(path: string, body: unknown): string[] {
	const url = new URL(BASE_URL);
	const asked: string[] = [];
	nock(url.origin)
		.get(`${url.pathname}${path}`)
		.query(true)
		.delayConnection(600_000)
		.reply(function (uri) {
			asked.push(uri);
			return [200, body];
		});
	return asked;
}

afterEach(() => nock.abortPendingRequests());

describe('Request Options → Timeout applies to the requests the node makes itself', () => {
	test('Wait for Passona: a look Passona does not answer in time ends the wait, within one timeout of its Time Limit', async () => {
		const clock = fakeTime();
		try {
			const passona = new PassonaMock().reply(
				'PUT',
				`/contact-groups/${GROUP_UUID}/add-contacts`,
				200,
				{ data: group({ status: 'Modifying', scheduled_jobs_number: 1 }) },
			);
			const asked = stalled(`/contact-groups/${GROUP_UUID}`, { data: group({ status: 'Ready' }) });
			const { items, error } = await runPassona({
				parameters: withTimeout({
					resource: 'contactGroup',
					operation: 'addContacts',
					contactGroup: byId(GROUP_UUID),
					contactSource: 'fields',
					phoneNumber: '447700900123',
					waitForPassona: true,
					waitTimeLimit: 2,
				}),
			});
			expect(passona.requests.map((request) => request.method)).toEqual(['PUT']);
			expect(asked).toHaveLength(1);
			expect(clock.sleeps).toEqual([1000]);
			expect(items).toEqual([]);
			expect(error?.message).toBe(TIMED_OUT);
		} finally {
			clock.restore();
		}
	});

	test('the default_optouts lookup of Campaign Create: timed out, and no campaign is created', async () => {
		const asked = stalled('/contact-groups', page('/contact-groups', [], 1, 1, 1000));
		const { items, error } = await runPassona({ parameters: withTimeout(campaignCreate) });
		expect(asked).toHaveLength(1);
		expect(items).toEqual([]);
		expect(error?.message).toBe(TIMED_OUT);
	});

	test('a From List picker', async () => {
		stalled('/contact-groups', page('/contact-groups', [], 1, 1, 100));
		const context = await loadOptionsContext(
			withTimeout({ resource: 'contactGroup', operation: 'get' }),
		);
		const search = (await passonaType()).methods!.listSearch!.searchContactGroups;
		await expect(search.call(context as unknown as ILoadOptionsFunctions)).rejects.toThrow(
			TIMED_OUT,
		);
	});
});

describe("the triggers, which have no Request Options, time out after n8n's 5 minutes", () => {
	let timers: jest.SpyInstance;
	beforeEach(() => {
		const realSetTimeout = globalThis.setTimeout;
		timers = jest
			.spyOn(globalThis, 'setTimeout')
			.mockImplementation(((
				callback: (...args: unknown[]) => void,
				ms?: number,
				...args: unknown[]
			) => realSetTimeout(callback, ms === 300_000 ? 0 : ms, ...args)) as typeof setTimeout);
	});
	afterEach(() => timers.mockRestore());

	test('Campaign Trigger: a page Passona does not answer fails the poll', async () => {
		stalled('/campaigns', page('/campaigns', [], 1, 1, 1000));
		await expect(
			pollOnce(await pollSetup({ events: ['startedSending', 'finishedSending'] })),
		).rejects.toThrow(TIMED_OUT);
	});

	test('Passona Trigger: a webhook list Passona does not answer fails the activation', async () => {
		stalled('/webhooks', page('/webhooks', [], 1, 1, 1000));
		await expect(activate(await triggerSetup({ keywords: [KEYWORD_UUID] }))).rejects.toThrow(
			TIMED_OUT,
		);
	});
});

/**
 * Faults from Passona on the sending resources: each status in plain words for what was locked or
 * refused, one request each (no retry), Continue On Fail per item, and the token in no output. A
 * 5xx on Send Test may have sent the SMS: the node then looks in Passona's campaigns instead.
 */
import type { INodeParameters } from 'n8n-workflow';
import { runPassona, type RunResult, TOKEN } from '../../harness/engine';
import { faultSecondItem } from '../support/faults';
import { PassonaMock } from '../support/passonaMock';
import { exposedText } from '../../harness/secrets';
import { byId } from '../../harness/locators';
import { campaign, campaignCreate, sender, template } from '../fixtures/sending';
import { page } from '../fixtures/passona';

/** Operations whose items each name their own campaign, template or sender. */
const PER_ITEM: Array<
	[string, string, (id: string) => string, INodeParameters, (id: string) => unknown, string]
> = [
	[
		'Campaign Update',
		'PUT',
		(id) => `/campaigns/${id}`,
		{
			resource: 'campaign',
			operation: 'update',
			campaign: byId('={{ $json.id }}'),
			updateFields: { name: 'x' },
		},
		(id) => ({ data: campaign({ uuid: id }) }),
		'campaign',
	],
	[
		'Campaign Delete',
		'DELETE',
		(id) => `/campaigns/${id}`,
		{ resource: 'campaign', operation: 'delete', campaign: byId('={{ $json.id }}') },
		() => '',
		'campaign',
	],
	[
		'Template Update',
		'PUT',
		(id) => `/templates/${id}`,
		{
			resource: 'template',
			operation: 'update',
			template: byId('={{ $json.id }}'),
			updateFields: { body: 'Hi' },
		},
		(id) => ({ data: template({ uuid: id }) }),
		'template',
	],
	[
		'Template Preview',
		'GET',
		(id) => `/templates/${id}/preview`,
		{ resource: 'template', operation: 'preview', template: byId('={{ $json.id }}') },
		(id) => ({ data: template({ uuid: id }) }),
		'template',
	],
	[
		'Sender Get',
		'GET',
		(id) => `/senders/${id}`,
		{ resource: 'sender', operation: 'get', sender: byId('={{ $json.id }}') },
		(id) => ({ data: sender({ uuid: id }) }),
		'sender',
	],
	[
		'Send Test',
		'POST',
		() => '/campaigns/send-test',
		{
			resource: 'campaign',
			operation: 'sendTest',
			phoneNumber: '={{ "44770090000" + $itemIndex }}',
			template: byId('={{ $json.id }}'),
			senderName: { __rl: true, mode: 'name', value: '88440' },
			name: 'T',
		},
		() => ({ data: campaign() }),
		'campaign',
	],
];

const STATUSES: Array<[number, unknown, (subject: string) => RegExp]> = [
	[401, { message: 'Unauthenticated.' }, () => /^Passona did not accept the API token$/],
	[
		404,
		{ message: 'No query results for model [Campaign].' },
		(subject) => new RegExp(`^Passona has no (such )?${subject}`),
	],
	[
		422,
		{ message: 'x', errors: { sender: ['The selected sender is invalid.'] } },
		() => /^Passona rejected the values sent$/,
	],
	[
		423,
		{ message: 'Locked' },
		(subject) =>
			new RegExp(
				`^(The ${subject} (is sending right now|is locked because a campaign using it is sending right now)|Something this ${subject} uses is locked)`,
			),
	],
	[500, { message: 'Server Error' }, () => /^Passona had a problem on its side \(HTTP 500\)$/],
];

describe.each(STATUSES)('HTTP %s', (status, body, words) => {
	test.each(PER_ITEM)(
		'%s: plain words, an error item with Continue On Fail, one request each',
		async (name, method, path, parameters, success, subject) => {
			// A 5xx on Send Test may have sent the SMS: the node looks for it (none here) instead of failing at once.
			const lookup =
				status >= 500 && name === 'Send Test'
					? new PassonaMock().reply('GET', '/campaigns', 200, page('/campaigns', [], 1, 1, 1000))
					: undefined;
			const { failed, requests } = await faultSecondItem(parameters, {
				method,
				path,
				status,
				body,
				success,
			});
			// Send Test posts every item to one path and n8n sends them at once: the second to arrive got the fault.
			const second = requests[1].body as { contact_number?: string };
			const faulted = method === 'POST' ? Number(second.contact_number!.slice(-1)) : 1;
			expect(failed.error!.context?.itemIndex).toBe(faulted);
			expect(failed.error!.message).toMatch(
				lookup ? /^Passona may have sent this test SMS, but its answer was lost$/ : words(subject),
			);
			if (lookup) expect(lookup.requests.map((request) => request.path)).toEqual(['/campaigns']);
		},
	);
});

describe('the opt-out lookup of Campaign Create', () => {
	const create = campaignCreate;

	test.each([
		[401, /^Passona did not accept the API token$/],
		[500, /^Passona had a problem on its side \(HTTP 500\)$/],
	])(
		'a %s while finding default_optouts stops before any campaign is created',
		async (status, words) => {
			const passona = new PassonaMock().reply('GET', '/contact-groups', status, { message: 'x' });
			const { error, run } = await runPassona({ parameters: create });
			expect(passona.requests.map((request) => request.path)).toEqual(['/contact-groups']);
			expect((error as RunResult['error'])!.message).toMatch(words);
			// A sending operation's words never advise running again (other items may have been sent).
			expect(String(error?.description)).not.toMatch(/retry on fail|run again/i);
			expect(exposedText(run)).not.toContain(TOKEN);
		},
	);

	test('a reset connection while finding it is reported, nothing created', async () => {
		const passona = new PassonaMock().networkError('GET', '/contact-groups');
		const { error } = await runPassona({ parameters: create });
		expect(passona.requests).toEqual([]);
		expect(error).toBeDefined();
		expect(exposedText(error)).not.toContain(TOKEN);
	});
});

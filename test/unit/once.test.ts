/**
 * Exactly once, without HTTP: which operations are not safe to repeat, which failures may have
 * been acted on, what "this item's campaign" is in Passona's list, and the words of a run's note.
 */
import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';
import { answerMayBeLost, notSafeToRepeat, runNote } from '../../nodes/Passona/shared/once';
import {
	CLOCK_SLACK_MS,
	creationWindow,
	findSent,
	matchesSent,
} from '../../nodes/Passona/resources/campaign/once';

const node = { name: 'Passona', type: 'n8n-nodes-passona.passona' } as INode;

describe('notSafeToRepeat', () => {
	test.each([
		['POST', 'campaign.create', true],
		['POST', 'campaign.sendTest', true],
		['POST', 'contactGroup.create', true],
		['POST', 'webhook.create', true],
		['DELETE', 'template.delete', true],
		['POST', 'contactGroup.getUniqueContacts', false],
		['POST', 'campaign.getAudience', false],
		['POST', 'contact.syncGroups', false],
		['PUT', 'campaign.update', false],
		['PUT', 'contactGroup.addContacts', false],
		['GET', 'campaign.getAll', false],
		[undefined, 'contactGroup.get', false],
	])('%s %s: %s', (method, operation, expected) => {
		expect(notSafeToRepeat(method, operation)).toBe(expected);
	});
});

describe('answerMayBeLost', () => {
	const apiError = (httpCode?: string, code?: string) => {
		const cause = Object.assign(new Error('failed'), code ? { code } : {});
		const error = new NodeApiError(node, cause as never, { httpCode });
		return error;
	};

	test.each([
		['a 500', apiError('500'), true],
		['a 502', apiError('502'), true],
		['a 503', apiError('503'), true],
		['a 504', apiError('504'), true],
		['a reset connection', apiError(undefined, 'ECONNRESET'), true],
		['a timeout', apiError(undefined, 'ECONNABORTED'), true],
		['an answer that could not be read', apiError(), true],
		['a 422 (refused before acting)', apiError('422'), false],
		['a 429 (throttled before acting)', apiError('429'), false],
		['a 423', apiError('423'), false],
		['a redirect', apiError('302'), false],
		['a connection refused (never sent)', apiError(undefined, 'ECONNREFUSED'), false],
		['an unknown host (never sent)', apiError(undefined, 'ENOTFOUND'), false],
		['a bad certificate (never sent)', apiError(undefined, 'DEPTH_ZERO_SELF_SIGNED_CERT'), false],
		['an input error (not from Passona)', new Error('bad field'), false],
	])('%s: %s', (_name, error, expected) => {
		expect(answerMayBeLost(error)).toBe(expected);
	});
});

const GROUP_A = '11111111-1111-4111-8111-111111111111';
const GROUP_B = '22222222-2222-4222-8222-222222222222';
const OPTOUTS = '33333333-3333-4333-8333-333333333333';
const TEMPLATE = '44444444-4444-4444-8444-444444444444';

const sentCampaign = {
	name: 'Spring sale',
	template_uuid: TEMPLATE,
	sender: 'MyShop',
	scheduled_send_date: '2026-03-02 10:00:00',
	expiry_date: '2026-03-04 10:00:00',
	included_contact_groups: [GROUP_A, GROUP_B],
	excluded_contact_groups: [OPTOUTS],
};

const listed = (uuid: string, changes: Record<string, unknown> = {}) => ({
	uuid,
	team_uuid: 'team',
	status: 0,
	started_sending_at: '',
	finished_sending_at: '',
	created_at: '2026-03-02 09:58:30',
	updated_at: '',
	...sentCampaign,
	included_contact_groups: [GROUP_B, GROUP_A],
	...changes,
});

describe('matchesSent', () => {
	test('every listed field sent must be equal; groups in any order', () => {
		expect(matchesSent(listed('c1'), sentCampaign)).toBe(true);
	});

	test.each([
		['name', { name: 'Spring sale 2' }],
		['template', { template_uuid: GROUP_A }],
		['sender', { sender: 'Other' }],
		['send date', { scheduled_send_date: '2026-03-02 10:00:01' }],
		['expiry', { expiry_date: '2026-03-05 10:00:00' }],
		['one group fewer', { included_contact_groups: [GROUP_A] }],
		['one group more', { excluded_contact_groups: [OPTOUTS, GROUP_B] }],
		['a field missing', { sender: undefined }],
	])('a different %s is another campaign', (_name, changes) => {
		expect(matchesSent(listed('c1', changes), sentCampaign)).toBe(false);
	});

	test("Send Test: what the list cannot show (number, custom fields) is not compared; Passona's own group is ignored", () => {
		const test = {
			name: 'Test Send',
			template_uuid: TEMPLATE,
			sender: 'MyShop',
			contact_number: '447700900123',
			custom_fields: { first_name: 'Jane' },
		};
		const made = listed('t1', { ...test, included_contact_groups: [GROUP_A] });
		expect(matchesSent(made, test)).toBe(true);
	});
});

describe('findSent', () => {
	const window = { from: '2026-03-02 09:56:00', to: '2026-03-02 10:02:00' };

	test('one campaign of the same fields created within the window: found', () => {
		const found = listed('c1');
		expect(
			findSent(
				[listed('old', { created_at: '2026-03-02 09:50:00' }), found],
				sentCampaign,
				window,
				new Set(),
			),
		).toEqual({ found });
	});

	test('none within the window, or none with the same fields: none', () => {
		expect(
			findSent(
				[listed('c1', { created_at: '2026-03-02 10:02:01' })],
				sentCampaign,
				window,
				new Set(),
			),
		).toEqual({ none: true });
		expect(findSent([listed('c1', { name: 'Other' })], sentCampaign, window, new Set())).toEqual({
			none: true,
		});
		expect(findSent([null, 'x', { uuid: 5 }], sentCampaign, window, new Set())).toEqual({
			none: true,
		});
	});

	test("a campaign another item of the run put out is not this item's", () => {
		expect(findSent([listed('c1'), listed('c2')], sentCampaign, window, new Set(['c1']))).toEqual({
			found: listed('c2'),
		});
	});

	test('several it cannot tell apart: all named, none taken', () => {
		expect(findSent([listed('c1'), listed('c2')], sentCampaign, window, new Set())).toEqual({
			several: ['c1', 'c2'],
		});
	});

	test('the window runs from the slack before the send to the slack after now, on London time', () => {
		expect(CLOCK_SLACK_MS).toBe(120_000);
		// 2026-03-02 is GMT; 2026-07-01 is BST (London = UTC+1).
		expect(
			creationWindow(Date.parse('2026-03-02T10:00:00Z'), Date.parse('2026-03-02T10:00:05Z')),
		).toEqual({
			from: '2026-03-02 09:58:00',
			to: '2026-03-02 10:02:05',
		});
		expect(
			creationWindow(Date.parse('2026-07-01T10:00:00Z'), Date.parse('2026-07-01T10:00:00Z')),
		).toEqual({
			from: '2026-07-01 10:58:00',
			to: '2026-07-01 11:02:00',
		});
	});
});

describe('runNote', () => {
	const done = (uuid?: string) => ({ done: [{ json: uuid ? { uuid } : { deleted: true } }] });
	const unsure = { unsure: { at: 0, body: {}, reason: 'HTTP 503' } };

	test('names the items already sent with their uuids, in order, leaving out the failed item', () => {
		const record = { items: { '2': done('c2'), '0': done('c0'), '1': unsure, '3': done() } };
		expect(runNote(record, { item: '1', sending: true })).toBe(
			'Already sent in this run: item 0 → c0, item 2 → c2, item 3. This node does not send them again in this execution.',
		);
		expect(runNote(record, { item: '4', sending: true })).toBe(
			'Already sent in this run: item 0 → c0, item 2 → c2, item 3. This node does not send them again in this execution. Passona may have sent item 1 (its answer was lost and nothing it made was found): not sent again by this node.',
		);
	});

	test('other operations not safe to repeat say "done"; nothing done, nothing said', () => {
		expect(runNote({ items: { '0': done('g0') } }, { item: '1', sending: false })).toBe(
			'Already done in this run: item 0 → g0. This node does not repeat them in this execution.',
		);
		expect(runNote({ items: {} }, { item: '0', sending: true })).toBe('');
	});

	test('names at most 50 items, and counts the rest', () => {
		const items = Object.fromEntries(
			Array.from({ length: 60 }, (_, n) => [String(n), done(`c${n}`)]),
		);
		const note = runNote({ items }, { item: '99', sending: true });
		expect(note).toContain('item 49 → c49 and 10 more.');
		expect(note).not.toContain('item 50 →');
	});
});

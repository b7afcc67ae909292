/**
 * The sandbox's own reading of Passona's dates: Laravel's `Y-m-d H:i:s` on London's clock, read as
 * PHP reads it. It shares no code with the node's dates, so a node that writes a wrong date meets a
 * sandbox that disagrees.
 */
import { londonClock, readPassonaDate } from '../../sandbox/dates';
import { call, useSandbox } from './helpers';

describe('readPassonaDate', () => {
	// Each instant is the one PHP 8.2 gives the text (DateTime::createFromFormat('!Y-m-d H:i:s') with
	// Europe/London as its zone); null where Laravel's date_format refuses it (formatted back, the
	// date no longer reads the same).
	test.each([
		['2026-06-01 10:00:00', '2026-06-01T09:00:00Z'], // BST
		['2026-12-01 10:00:00', '2026-12-01T10:00:00Z'], // GMT
		['2028-02-29 10:00:00', '2028-02-29T10:00:00Z'],
		['2026-03-29 00:59:59', '2026-03-29T00:59:59Z'],
		['2026-03-29 01:00:00', null], // the hour London's clock skips
		['2026-03-29 01:59:59', null],
		['2026-03-29 02:00:00', '2026-03-29T01:00:00Z'],
		['2026-10-25 00:59:59', '2026-10-24T23:59:59Z'],
		['2026-10-25 01:00:00', '2026-10-25T01:00:00Z'], // the hour it shows twice: the second time (GMT)
		['2026-10-25 01:59:59', '2026-10-25T01:59:59Z'],
		['2026-10-25 02:00:00', '2026-10-25T02:00:00Z'],
		['1944-06-01 12:00:00', '1944-06-01T10:00:00Z'], // double summer time
		['0050-01-01 00:00:00', '0050-01-01T00:01:15Z'], // year 50, on London's mean time
		['2026-02-30 10:00:00', null],
		['2027-02-29 10:00:00', null],
		['2026-06-01 24:00:00', null],
		['2026-06-01 23:59:60', null],
		['2026-13-01 10:00:00', null],
		['2026-06-01T10:00:00Z', null],
		['2026-6-01 10:00:00', null],
		[' 2026-06-01 10:00:00', null],
		['2026-06-01 10:00', null],
	])('%s is %s', (text, instant) => {
		expect(readPassonaDate(text)).toBe(instant === null ? NaN : Date.parse(instant));
	});
});

describe('londonClock', () => {
	test('both passes of the repeated hour read the same; a year below 1000 has four digits', () => {
		expect(londonClock(Date.parse('2026-10-25T00:30:00Z'))).toBe('2026-10-25 01:30:00');
		expect(londonClock(Date.parse('2026-10-25T01:30:00Z'))).toBe('2026-10-25 01:30:00');
		expect(londonClock(Date.parse('2026-03-29T01:00:00Z'))).toBe('2026-03-29 02:00:00');
		expect(londonClock(Date.parse('0050-06-01T12:00:00Z'))).toBe('0050-06-01 11:58:45');
	});
});

describe('a campaign across the clock changes', () => {
	const sandbox = useSandbox();

	async function createCampaign(scheduled: string, expiry: string) {
		const group = sandbox().store.seedContactGroup({ name: 'G', contacts: 1 });
		const template = await call(sandbox(), 'POST', '/templates', {
			name: 'T',
			body: 'Hi',
			sender: 'Sandbox',
		});
		return call(sandbox(), 'POST', '/campaigns', {
			name: 'Autumn',
			template_uuid: template.body.data.uuid,
			sender: 'Sandbox',
			scheduled_send_date: scheduled,
			expiry_date: expiry,
			included_contact_groups: [group.uuid],
		});
	}

	const clockAt = (iso: string) => call(sandbox(), 'PUT', '/_sandbox/clock', { now: iso });
	const status = async () => (await call(sandbox(), 'GET', '/campaigns')).body.data[0].status;

	test('01:30 on the day the clocks go back starts at 01:30 GMT, even asked at 01:40 BST', async () => {
		await clockAt('2026-10-25T00:40:00Z'); // 01:40 BST, the first 01:40 of the day
		const created = await createCampaign('2026-10-25 01:30:00', '2026-10-26 01:30:00');
		expect(created.status).toBe(201);
		await clockAt('2026-10-25T01:29:59Z');
		expect(await status()).toBe(0);
		await clockAt('2026-10-25T01:30:00Z');
		expect(await status()).toBe(1);
	});

	test('01:30 on the day the clocks go forward is refused: London never shows it', async () => {
		await clockAt('2027-03-27T12:00:00Z');
		const refused = await createCampaign('2027-03-28 01:30:00', '2027-03-29 01:30:00');
		expect(refused.status).toBe(422);
		expect(refused.body.errors).toEqual({
			scheduled_send_date: ['The scheduled send date does not match the format Y-m-d H:i:s.'],
		});
	});
});

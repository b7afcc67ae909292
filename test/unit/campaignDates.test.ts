import { campaignDates, FieldError } from '../../nodes/Passona/resources/campaign/schedule';

const now = Date.UTC(2026, 2, 28, 12, 0, 0); // Saturday before the clocks go forward

describe('campaignDates', () => {
	test('Send Now, default expiry: two days on, across the GMT→BST change (wall clock moves an hour)', () => {
		expect(campaignDates({ sendNow: true, now, inputZone: 'UTC' })).toEqual({
			scheduled_send_date: '2026-03-28 12:00:00',
			expiry_date: '2026-03-30 13:00:00',
		});
	});

	test('a date and an expiry date, in the zone given', () => {
		expect(
			campaignDates({
				sendNow: false,
				sendAt: '2026-04-01T09:00:00',
				expiresAt: '2026-04-02T09:00:00',
				now,
				inputZone: 'Europe/Paris',
			}),
		).toEqual({ scheduled_send_date: '2026-04-01 08:00:00', expiry_date: '2026-04-02 08:00:00' });
	});

	test('a minute late is still accepted (a form filled in just now); more is refused', () => {
		expect(
			campaignDates({ sendNow: false, sendAt: '2026-03-28T11:59:30Z', now, inputZone: 'UTC' })
				.scheduled_send_date,
		).toBe('2026-03-28 11:59:30');
		expect(() =>
			campaignDates({ sendNow: false, sendAt: '2026-03-28T11:58:00Z', now, inputZone: 'UTC' }),
		).toThrow(FieldError);
	});

	test.each([[0], [366], [1.5], ['two']])('expiry of %p days is refused', (expiryDays) => {
		expect(() => campaignDates({ sendNow: true, expiryDays, now, inputZone: 'UTC' })).toThrow(
			/must be a whole number of days from 1 to 365/,
		);
	});
});

describe('campaignDates in the hour London shows twice', () => {
	const october = Date.UTC(2026, 9, 24, 12, 0, 0);

	test('a typed send or expiry date in the first pass is refused; the second pass is sent', () => {
		expect(() =>
			campaignDates({
				sendNow: false,
				sendAt: '2026-10-25T00:30:00Z',
				now: october,
				inputZone: 'UTC',
			}),
		).toThrow(FieldError);
		expect(() =>
			campaignDates({
				sendNow: true,
				expiresAt: '2026-10-25 01:15',
				now: october,
				inputZone: 'Europe/London',
			}),
		).toThrow(/^\(2026-10-25 01:15:00 London time\) falls in the hour/);
		expect(
			campaignDates({
				sendNow: false,
				sendAt: '2026-10-25T01:30:00Z',
				now: october,
				inputZone: 'UTC',
			}),
		).toEqual({ scheduled_send_date: '2026-10-25 01:30:00', expiry_date: '2026-10-27 01:30:00' });
	});

	test('an expiry counted in days that lands in the first pass is sent as it falls (Passona reads it up to an hour later)', () => {
		expect(
			campaignDates({
				sendNow: true,
				expiryDays: 1,
				now: Date.UTC(2026, 9, 24, 0, 30),
				inputZone: 'UTC',
			}),
		).toEqual({ scheduled_send_date: '2026-10-24 01:30:00', expiry_date: '2026-10-25 01:30:00' });
	});
});

/** The waiting loop alone: a fake clock, scripted looks at the group, no HTTP and no real time. */
import { readRetryAfter } from '../../core/retryAfter';
import {
	waitUntilSettled,
	type GroupLook,
} from '../../nodes/Passona/resources/contactGroup/waiting';

/** A clock that moves only when the loop sleeps, and the looks it will be given, in order. */
function script(looks: GroupLook[]) {
	let time = 0;
	const sleeps: number[] = [];
	const lookedAt: number[] = [];
	const options = {
		now: () => time,
		sleep: async (ms: number) => {
			sleeps.push(ms);
			time += ms;
		},
		look: async () => {
			lookedAt.push(time);
			const next = looks.shift();
			if (!next) throw new Error('looked more often than scripted');
			return next;
		},
	};
	return { options, sleeps, lookedAt, left: looks };
}

const modifying = (n: number): GroupLook => ({
	group: { uuid: 'g', status: 'Modifying', number_of_contacts: n },
});
const settled = (status: string, n: number): GroupLook => ({
	group: { uuid: 'g', status, number_of_contacts: n },
});

describe('waitUntilSettled', () => {
	test('looks after 1 s, then 1.5 times longer each time, up to 5 s apart, until the group is no longer Modifying', async () => {
		const { options, sleeps } = script([
			modifying(1),
			modifying(2),
			modifying(3),
			modifying(4),
			modifying(5),
			settled('Ready', 6),
		]);
		expect(await waitUntilSettled({ ...options, timeLimitMs: 60_000 })).toEqual({
			settled: true,
			group: { uuid: 'g', status: 'Ready', number_of_contacts: 6 },
		});
		expect(sleeps).toEqual([1000, 1500, 2250, 3375, 5000, 5000]);
	});

	test('looks at least once, even when the group is settled at once (Empty after a flush)', async () => {
		const { options, sleeps } = script([settled('Empty', 0)]);
		expect(await waitUntilSettled({ ...options, timeLimitMs: 60_000 })).toMatchObject({
			settled: true,
			group: { status: 'Empty' },
		});
		expect(sleeps).toEqual([1000]);
	});

	test("a 429 waits Passona's Retry-After, or twice as long without one", async () => {
		const { options, sleeps } = script([
			{ tooManyRequests: true, retryAfterMs: 7000 },
			modifying(1),
			{ tooManyRequests: true },
			settled('Ready', 2),
		]);
		await waitUntilSettled({ ...options, timeLimitMs: 60_000 });
		expect(sleeps).toEqual([1000, 7000, 5000, 10000]);
	});

	test('a Retry-After shorter than the current interval does not speed the looks up', async () => {
		const { options, sleeps } = script([
			modifying(1),
			modifying(1),
			{ tooManyRequests: true, retryAfterMs: 0 },
			settled('Ready', 1),
		]);
		await waitUntilSettled({ ...options, timeLimitMs: 60_000 });
		expect(sleeps).toEqual([1000, 1500, 2250, 4500]);
	});

	test('the time limit ends the wait unsettled, with the last group seen; the last look is at the limit itself', async () => {
		const { options, lookedAt, sleeps } = script([
			modifying(1),
			modifying(2),
			modifying(3),
			modifying(4),
		]);
		expect(await waitUntilSettled({ ...options, timeLimitMs: 4000 })).toEqual({
			settled: false,
			waitedMs: 4000,
			lastGroup: { uuid: 'g', status: 'Modifying', number_of_contacts: 3 },
		});
		expect(sleeps).toEqual([1000, 1500, 1500]);
		expect(lookedAt).toEqual([1000, 2500, 4000]);
	});

	test('errors from a look (a 404, a 500) end the wait as they are', async () => {
		const options = script([]).options;
		const failing = {
			...options,
			look: async () => Promise.reject(new Error('Passona has no contact group g')),
		};
		await expect(waitUntilSettled({ ...failing, timeLimitMs: 10_000 })).rejects.toThrow(
			'Passona has no contact group g',
		);
	});
});

describe('readRetryAfter', () => {
	test.each([
		['7', 7000],
		[' 0 ', 0],
		[['3'], 3000],
		['Mon, 23 Nov 2026 18:00:10 GMT', 10_000],
		['Mon, 23 Nov 2026 17:00:00 GMT', 0],
		['soon', undefined],
		['', undefined],
		[undefined, undefined],
	])('%p → %p ms', (header, expected) => {
		expect(readRetryAfter(header, Date.parse('2026-11-23T18:00:00Z'))).toBe(expected);
	});
});

/**
 * The Passona Campaign Trigger against the sandbox over real HTTP, on the sandbox's campaign
 * clock: N campaigns starting and finishing give exactly N start and N finish items across the
 * polls, none twice, none lost across a restart of n8n, and nothing for campaigns finished
 * before activation.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { type PollSetup, pollOnce, pollSetup, restart } from '../support/poll';
import { useSandbox } from '../sandbox/helpers';

const sandbox = useSandbox();
const MINUTE = 60_000;
const N = 12;

function scheduleCampaign(name: string, startsAt: number) {
	const sending = sandbox().store.sending;
	return sending.createCampaign({
		name,
		sender: 'Sandbox',
		template_uuid: '79b56ffa-f972-11e9-af8c-0a58646001df',
		scheduled_send_date: sending.date(startsAt),
		expiry_date: sending.date(startsAt + 24 * 60 * MINUTE),
		included_contact_groups: [],
		excluded_contact_groups: [],
	});
}

describe('Passona Campaign Trigger against the sandbox', () => {
	test(`${N} campaigns: exactly ${N} starts and ${N} finishes across the polls, none twice, none lost across a restart`, async () => {
		const sending = sandbox().store.sending;
		const t0 = Date.parse('2026-11-23T09:00:00Z');
		sending.clock.freeze(t0);
		sending.sendDurationMs = 90_000;
		const before = [
			scheduleCampaign('Sent last week', t0 - 7 * 24 * 60 * MINUTE),
			scheduleCampaign('Sending', t0 - 30_000),
		];
		const campaigns = Array.from({ length: N }, (_, i) =>
			scheduleCampaign(`Campaign ${i + 1}`, t0 + (i + 1) * MINUTE),
		);

		const credentials = { apiToken: sandbox().token, baseUrl: sandbox().url };
		let trigger: PollSetup = await pollSetup(
			{ events: ['startedSending', 'finishedSending'] },
			credentials,
		);
		expect((await pollOnce(trigger)).returned).toBeNull(); // activation: nothing for what came before

		const items: INodeExecutionData[] = [];
		for (let tick = 1; tick <= 12; tick++) {
			sending.clock.advance(2.5 * MINUTE);
			if (tick === 4) {
				// n8n stops; two ticks pass with no poll; it starts again from its saved static data.
				sending.clock.advance(5 * MINUTE);
				trigger = await restart(trigger);
			}
			items.push(...(await pollOnce(trigger)).items);
		}
		expect((await pollOnce(trigger)).returned).toBeNull();

		const seen = (event: string) =>
			items.filter((item) => item.json.event === event).map((item) => item.json.uuid);
		const uuids = campaigns.map((campaign) => campaign.uuid);
		// "Sending" at activation finishes afterwards: its finish is new, its start is not.
		expect(seen('startedSending')).toEqual(uuids);
		expect(seen('finishedSending')).toEqual([before[1].uuid, ...uuids]);
		expect(items).toHaveLength(2 * N + 1);
		expect(items.every((item) => item.json.uuid !== before[0].uuid)).toBe(true);
		expect(
			items.find((item) => item.json.event === 'finishedSending' && item.json.uuid === uuids[0])
				?.json,
		).toMatchObject({
			name: 'Campaign 1',
			status: 2,
			started_sending_at: sending.date(t0 + MINUTE),
			finished_sending_at: sending.date(t0 + MINUTE + 90_000),
		});
	});
});

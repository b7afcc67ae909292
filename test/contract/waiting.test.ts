/**
 * "Wait for Passona to Finish" against the sandbox over real HTTP, with the node's real clock (the
 * first look is 1 s after the change; the sandbox's job takes 40 ms, so one look finds it done).
 */
import { byId } from '../../harness/locators';
import { useContract } from './helpers';

const { sandbox, ok, run } = useContract();

describe('Wait for Passona to Finish against the sandbox', () => {
	test('Add Contacts outputs the group Ready with its final number of contacts', async () => {
		const store = sandbox().store;
		const target = store.seedContactGroup({ name: 'Leeds', contacts: ['447700900001'] });
		const [answer] = await ok({
			resource: 'contactGroup',
			operation: 'addContacts',
			contactGroup: byId(target.uuid),
			contactSource: 'json',
			contactsJson: JSON.stringify([
				{ phone_number: '447700900002' },
				{ phone_number: '447700900003' },
			]),
			waitForPassona: true,
			waitTimeLimit: 30,
		});
		expect(answer).toMatchObject({
			uuid: target.uuid,
			status: 'Ready',
			number_of_contacts: 3,
			scheduled_jobs_number: 0,
		});
	});

	test('a job still running at the Time Limit: the error says the change is still being applied', async () => {
		const store = sandbox().store;
		const target = store.seedContactGroup({ name: 'Slow', contacts: ['447700900001'] });
		store.jobDelayMs = 60_000;
		try {
			const { error } = await run({
				resource: 'contactGroup',
				operation: 'flush',
				contactGroup: byId(target.uuid),
				waitForPassona: true,
				waitTimeLimit: 1,
			});
			expect(error?.message).toBe(
				`Passona is still applying the change to contact group ${target.uuid}`,
			);
			expect(error?.description).toContain('This is not a failure');
		} finally {
			store.jobDelayMs = 40;
		}
	});
});

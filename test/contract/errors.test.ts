/** Passona's error answers, as the sandbox gives them over HTTP, come out as the node's plain words. */
import { randomUUID } from 'node:crypto';
import { byId } from '../../harness/locators';
import { runPassona } from '../../harness/engine';
import { exposedText } from '../../harness/secrets';
import { call } from '../sandbox/helpers';
import { useContract } from './helpers';

const { sandbox, run } = useContract();

async function failing(parameters: Parameters<typeof run>[0]) {
	const result = await run(parameters);
	expect(result.items).toEqual([]);
	expect(result.error).toBeDefined();
	expect(exposedText(result.run)).not.toContain(sandbox().token);
	return result.error!;
}

describe("The sandbox's errors in the node's plain words", () => {
	test('401: a wrong token points at the credential', async () => {
		const { error } = await runPassona({
			parameters: { resource: 'keyword', operation: 'getAll', returnAll: true },
			credentials: { apiToken: 'not-the-token', baseUrl: sandbox().url },
		});
		expect(error?.message).toBe('Passona did not accept the API token');
		expect(error?.description).toContain('Check the Passona API credential');
	});

	test('404 on Delete names the missing keyword', async () => {
		const missing = randomUUID();
		const error = await failing({
			resource: 'keyword',
			operation: 'delete',
			keyword: byId(missing),
		});
		expect(error.message).toBe(`Passona has no keyword ${missing}`);
	});

	test('409: deleting a group a keyword uses says keywords are attached', async () => {
		const group = sandbox().store.createContactGroup({ name: 'Joiners' });
		await call(sandbox(), 'POST', '/keywords', {
			keyword: 'JOIN',
			add_contact_to_group: true,
			contact_groups_uuid: [group.uuid],
		});
		const error = await failing({
			resource: 'contactGroup',
			operation: 'delete',
			contactGroup: byId(group.uuid),
		});
		expect(error.message).toBe(
			'The contact group cannot be deleted because keywords are attached to it',
		);
		expect(error.description).toContain('Detach the group from those keywords first');
		expect(error.description).toContain('JOIN');
		expect(sandbox().store.contactGroups.has(group.uuid)).toBe(true);
	});

	test("422 lists Passona's validation messages", async () => {
		await call(sandbox(), 'POST', '/keywords', { keyword: 'JOIN' });
		const error = await failing({
			resource: 'keyword',
			operation: 'create',
			keyword: 'join',
			addContactToGroup: false,
			callWebhook: false,
		});
		expect(error.message).toBe('Passona rejected the values sent');
		expect(error.description).toBe(
			'Fix these and run again:\n• The keyword has already been taken.',
		);
	});

	test('423: a group locked by a sending campaign, through the control endpoint and the store', async () => {
		const group = sandbox().store.createContactGroup({ name: 'Sending' });
		const locked = 'The contact group is locked because a campaign using it is sending right now';
		expect(
			(
				await call(sandbox(), 'PUT', `/_sandbox/contact-groups/${group.uuid}/lock`, {
					locked: true,
				})
			).status,
		).toBe(200);
		const flush = await failing({
			resource: 'contactGroup',
			operation: 'flush',
			contactGroup: byId(group.uuid),
		});
		expect(flush.message).toBe(locked);
		expect(flush.description).toContain('Try again when the campaign has finished');

		const other = sandbox().store.createContactGroup({ name: 'Also sending' });
		sandbox().store.lockGroup(other.uuid, true);
		const update = await failing({
			resource: 'contactGroup',
			operation: 'update',
			contactGroup: byId(other.uuid),
			updateFields: { name: 'Renamed' },
		});
		expect(update.message).toBe(locked);
		expect(other.name).toBe('Also sending');
	});
});

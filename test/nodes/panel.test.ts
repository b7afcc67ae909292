/**
 * Guidance in n8n's panel, not only in the README: walks the node descriptions as n8n loads them,
 * so every field added later (new resources included) is held to the same rules.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { loadPackage } from '../../harness/engine';

interface Field {
	path: string;
	field: INodeProperties;
}

/** Every property, including those inside collections and fixed collections. */
function allFields(properties: INodeProperties[], path = ''): Field[] {
	return properties.flatMap((field) => {
		const here = `${path}${field.name}${field.displayOptions?.show?.operation ? `[${String(field.displayOptions.show.operation)}]` : ''}`;
		const nested =
			field.type === 'collection'
				? allFields((field.options ?? []) as INodeProperties[], `${here}.`)
				: field.type === 'fixedCollection'
					? (field.options ?? []).flatMap((option) =>
							allFields((option as { values: INodeProperties[] }).values, `${here}.`),
						)
					: [];
		return [{ path: here, field }, ...nested];
	});
}

async function descriptions() {
	const { types } = await loadPackage();
	const node = (name: string) =>
		types.nodes.find((type) => type.name === name)! as INodeTypeDescription;
	const credential = types.credentials.find((type) => type.name === 'passonaApi')!;
	return { passona: node('passona'), trigger: node('passonaTrigger'), credential };
}

describe('the panel', () => {
	test('every free-text field has a placeholder starting "e.g."', async () => {
		const { passona, trigger, credential } = await descriptions();
		const missing: string[] = [];
		for (const [owner, properties] of [
			['Passona', passona.properties],
			['Passona Trigger', trigger.properties],
			['Passona API', credential.properties],
		] as const) {
			for (const { path, field } of allFields(properties as INodeProperties[])) {
				// Secrets (API token, header values) are typed blind: an example would only mislead. JSON
				// fields open in a code editor with their own default, where a placeholder never shows.
				if (field.type === 'string' && !field.typeOptions?.password) {
					if (!/^e\.g\. /.test(field.placeholder ?? ''))
						missing.push(`${owner} ${path}: ${String(field.placeholder)}`);
				}
				if (field.type === 'resourceLocator') {
					for (const mode of field.modes ?? []) {
						if (mode.type === 'string' && !/^e\.g\. /.test(mode.placeholder ?? '')) {
							missing.push(`${owner} ${path} (${mode.displayName}): ${String(mode.placeholder)}`);
						}
					}
				}
			}
		}
		expect(missing).toEqual([]);
	});

	test('Add Contacts, Remove Contacts, Create With Contacts and Flush say Passona works in the background', async () => {
		const { passona } = await descriptions();
		const notices = passona.properties.filter(
			(field) => field.type === 'notice' && field.displayName.includes('"Modifying"'),
		);
		const operations = notices
			.flatMap((notice) => notice.displayOptions?.show?.operation ?? [])
			.sort();
		expect(operations).toEqual(['addContacts', 'createWithContacts', 'flush', 'removeContacts']);
		for (const notice of notices) expect(notice.displayName).toContain('in the background');
	});

	test('Sender fields say Passona sends only from a sender the team has, and promise no new one', async () => {
		const { passona } = await descriptions();
		// Not the Sender resource's own pickers (type resourceLocator named "sender").
		const senders = allFields(passona.properties).filter(
			({ field }) =>
				field.name === 'senderName' || (field.name === 'sender' && field.type === 'string'),
		);
		expect(senders.map(({ path }) => path).sort()).toEqual([
			'senderName[create]', // Campaign Create
			'senderName[create]', // Template Create
			'senderName[sendTest]',
			'updateFields[update].sender', // Campaign Update
			'updateFields[update].sender', // Template Update
		]);
		for (const { path, field } of senders) {
			const words = `${field.description} ${field.hint ?? ''}`;
			// Issue 21: "…or a new one (Passona then creates it…)"; Passona answers "The selected sender is invalid".
			expect([path, words]).not.toEqual([path, expect.stringMatching(/then creates|creates it/i)]);
			expect([path, words]).toEqual([path, expect.stringMatching(/Sender → Create/)]);
		}
	});

	test('Deletable says what it means for the retention of the group, beside the switch', async () => {
		const { passona } = await descriptions();
		const deletable = passona.properties.filter((field) => field.name === 'deletable');
		expect(deletable.length).toBeGreaterThan(0);
		for (const field of deletable)
			expect(field.hint).toMatch(/retention period.*Off: the group is kept until you delete it/);
	});

	test('Keyword Message says what it is and that no SMS is sent with it', async () => {
		const { passona } = await descriptions();
		const messages = allFields(passona.properties).filter(
			({ field }) => field.name === 'message' && field.routing?.send?.property === 'message',
		);
		expect(messages.length).toBeGreaterThan(0);
		for (const { field } of messages)
			expect(field.description).toMatch(/Keyword Message.*this node sends no SMS with it/);
	});

	test('phone number fields and the credential say how national numbers are read', async () => {
		const { passona, credential } = await descriptions();
		const phones = passona.properties.filter((field) => /^phoneNumbers?$/.test(field.name));
		expect(phones.length).toBeGreaterThanOrEqual(3);
		for (const field of phones)
			expect(field.description).toMatch(/Default Country Code \(44 unless changed/);
		const code = credential.properties.find((field) => field.name === 'defaultCountryCode')!;
		expect(code.default).toBe('44');
		expect(code.description).toContain('07700 900123 is sent as 447700900123');
	});

	test('the trigger names its event and tells the user what to send', async () => {
		const { trigger } = await descriptions();
		// n8n's node creator lists the Event options as the trigger's actions ("On new Passona event" otherwise).
		const event = trigger.properties.find((field) => field.displayName === 'Event')!;
		expect(event.options).toEqual([
			expect.objectContaining({ action: 'On inbound SMS matching a keyword' }),
		]);
		expect(trigger.eventTriggerDescription).toMatch(
			/inbound SMS that starts with one of the chosen keywords/,
		);
		expect(trigger.activationMessage).toMatch(
			/Inbound SMS starting with one of the chosen keywords/,
		);
		const panel = trigger.triggerPanel as {
			header: string;
			executionsHelp: { active: string; inactive: string };
		};
		expect(panel.header).toBe(
			'Send an SMS that starts with one of the chosen keywords to your Passona number',
		);
		expect(panel.executionsHelp.inactive).toContain('to your Passona number');
	});
});

/**
 * The words a newcomer meets in the panels (issue 21): what Send SMS to One Number and Send Now
 * do, the trigger's panel, Template Create's hints, and the smaller words. Read from the
 * descriptions as n8n loads them, and from a run where the words are an error.
 */
import type { ILoadOptionsFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { loadOptionsContext, loadPackage, nodeDescription, runPassona } from '../../harness/engine';
import { PassonaMock } from '../support/passonaMock';
import { keyword, page } from '../fixtures/passona';

/** The fields shown for one operation (collections' options included). */
async function fieldsOf(resource: string, operation: string): Promise<INodeProperties[]> {
	const shown = (await nodeDescription('passona')).properties.filter(
		(field) =>
			field.displayOptions?.show?.resource?.includes(resource) &&
			(field.displayOptions.show.operation?.includes(operation) ?? false),
	);
	return shown.flatMap((field) =>
		field.type === 'collection' ? [field, ...(field.options as INodeProperties[])] : [field],
	);
}

async function operation(resource: string, value: string): Promise<INodePropertyOptions> {
	const field = (await nodeDescription('passona')).properties.find(
		(candidate) =>
			candidate.name === 'operation' &&
			candidate.displayOptions?.show?.resource?.includes(resource),
	)!;
	return (field.options as INodePropertyOptions[]).find((option) => option.value === value)!;
}

describe('Send SMS to One Number (value sendTest, so saved workflows load)', () => {
	test('is named and described for what it does: one SMS to one number', async () => {
		const sendTest = await operation('campaign', 'sendTest');
		expect(sendTest.name).toBe('Send SMS to One Number');
		expect(sendTest.action).toBe('Send an SMS to one phone number');
		expect(sendTest.description).toMatch(/^Send one SMS now to one phone number/);
		const shown = (await fieldsOf('campaign', 'sendTest')).flatMap((field) => [
			field.displayName,
			field.description,
			field.hint,
			field.placeholder,
			field.default,
		]);
		expect(JSON.stringify(shown)).not.toMatch(/test/i);
	});

	test('the campaign record Passona makes of it is not named "Test Send" by default', async () => {
		const name = (await fieldsOf('campaign', 'sendTest')).find((field) => field.name === 'name')!;
		expect(name.default).toBe('SMS from n8n');
	});
});

describe('Campaign Create with Send Now', () => {
	test('a notice says that executing the step texts everyone in the groups', async () => {
		const notices = (await fieldsOf('campaign', 'create')).filter(
			(field) => field.type === 'notice' && field.displayOptions?.show?.when?.includes('now'),
		);
		expect(notices).toHaveLength(1);
		expect(notices[0].displayName).toMatch(
			/Executing this step texts everyone in the groups chosen below/,
		);
		const when = (await fieldsOf('campaign', 'create')).find((field) => field.name === 'when')!;
		const now = (when.options as INodePropertyOptions[]).find((option) => option.value === 'now')!;
		expect(now.description).toMatch(/texts everyone in the groups as soon as this step runs/);
	});
});

describe("the Passona Trigger's panel", () => {
	test('says, beside n8n\'s "Listening for test event", to text a keyword to the Passona number', async () => {
		const trigger = await nodeDescription('passonaTrigger');
		const notices = trigger.properties.filter((field) => field.type === 'notice');
		expect(notices.map((notice) => notice.displayName).join('\n')).toMatch(
			/To test, click Execute step, then text a message that starts with one of the keywords \(for example JOIN\) to your Passona number/,
		);
	});

	test('speaks of the SMS, not of received_at against receivedAt', async () => {
		const trigger = await nodeDescription('passonaTrigger');
		const shown = JSON.stringify(trigger.properties);
		expect(shown).not.toMatch(/received_at/);
		expect(shown).toMatch(/Each matching SMS starts the workflow once/);
	});

	test('lists keywords with what they do, not with "0 webhooks attached"', async () => {
		new PassonaMock().reply(
			'GET',
			'/keywords',
			200,
			page(
				'/keywords',
				[
					keyword({ keyword: 'JOIN', add_contact_to_group: true, webhooks_uuid: [] }),
					keyword({
						uuid: '00000000-0000-4000-8000-000000000002',
						keyword: 'INFO',
						add_contact_to_group: false,
						contact_groups_uuid: [],
						webhooks_uuid: [],
					}),
				],
				1,
				1,
				1000,
			),
		);
		const context = await loadOptionsContext({ keywords: [] });
		const trigger = (await loadPackage()).nodeTypes.passonaTrigger.type as unknown as {
			methods: { loadOptions: { getKeywords: (this: ILoadOptionsFunctions) => Promise<unknown> } };
		};
		const options = await trigger.methods.loadOptions.getKeywords.call(
			context as unknown as ILoadOptionsFunctions,
		);
		expect(JSON.stringify(options)).not.toMatch(/webhook/i);
		expect(options).toEqual([
			expect.objectContaining({
				name: 'JOIN',
				description: 'Also adds the sender to 1 contact group',
			}),
			expect.objectContaining({ name: 'INFO' }),
		]);
	});
});

describe('Template Create', () => {
	test('the Body says how to put a custom field such as first_name into the text', async () => {
		const body = (await fieldsOf('template', 'create')).find((field) => field.name === 'body')!;
		expect(body.hint).toMatch(/\{first_name\}/);
		expect(body.hint).toMatch(/Template → Preview/);
	});

	test('Name has a template-like placeholder; Campaign Create and Send SMS have their own', async () => {
		const name = async (resource: string, op: string) =>
			(await fieldsOf(resource, op)).find((field) => field.name === 'name')!.placeholder;
		expect(await name('template', 'create')).toBe('e.g. Welcome message');
		expect(await name('campaign', 'create')).toBe('e.g. Friday offer');
		expect(await name('campaign', 'sendTest')).toBe('e.g. Welcome SMS');
	});

	test('a typed Body that does not fit one SMS is refused without "[item 0]"; a mapped one names its item', async () => {
		const create = (body: string) =>
			runPassona({
				parameters: {
					resource: 'template',
					operation: 'create',
					name: 'Welcome',
					body,
					senderName: { __rl: true, mode: 'name', value: '88440' },
				},
			});
		const typed = await create('x'.repeat(161));
		expect(typed.error?.message).toBe(
			'"Body" is 161 characters long; one SMS holds 160 (it would need 2 parts)',
		);
		expect(typed.error?.description).toMatch(/^Shorten the text/);
		const mapped = await create(`={{ "${'x'.repeat(161)}" }}`);
		expect(mapped.error?.message).toBe(
			'"Body" is 161 characters long; one SMS holds 160 (it would need 2 parts) [item 0]',
		);
	});
});

describe('smaller words', () => {
	test('the Campaign Trigger notice does not send the user below for the interval (it is above)', async () => {
		const trigger = await nodeDescription('passonaCampaignTrigger');
		const notice = trigger.properties.find((field) => field.type === 'notice')!;
		expect(notice.displayName).not.toMatch(/below/);
		expect(notice.displayName).toMatch(/Poll Times/);
	});

	test('"Flush" is called what it does (value flush kept)', async () => {
		const flush = await operation('contactGroup', 'flush');
		expect(flush.name).toBe('Remove All Contacts');
	});

	test('no field label is longer than n8n\'s own "Ignore SSL Issues (Insecure)", so none is cut off', async () => {
		const long: string[] = [];
		const walk = (fields: INodeProperties[]) => {
			for (const field of fields) {
				if (field.type !== 'notice' && field.displayName.length > 28) long.push(field.displayName);
				if (field.type === 'collection') walk(field.options as INodeProperties[]);
			}
		};
		for (const name of ['passona', 'passonaTrigger', 'passonaCampaignTrigger'])
			walk((await nodeDescription(name)).properties);
		expect([...new Set(long)]).toEqual([]);
	});

	test('the credential says plainly what Default Country Code does', async () => {
		const { types } = await loadPackage();
		const credential = types.credentials.find((type) => type.name === 'passonaApi')!;
		const code = credential.properties.find((field) => field.name === 'defaultCountryCode')!;
		expect(code.description).not.toMatch(/Put in place of/);
		expect(code.description).toMatch(
			/^Numbers written the national way, with a leading 0, get this country code instead of the 0/,
		);
	});

	test('Keyword Message does not read as an automatic reply', async () => {
		const messages = (await fieldsOf('keyword', 'create')).filter(
			(field) => field.name === 'message',
		);
		expect(messages).toHaveLength(1);
		expect(messages[0].description).toMatch(
			/^A note stored with the keyword in Passona.*not an automatic reply/,
		);
	});
});

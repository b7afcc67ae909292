/**
 * Outputs that confirm what was sent, to whom, and who was excluded (issue 21 item 7): Send SMS to
 * One Number and Campaign Create add the text, the number or the groups by name to Passona's
 * record; Add Contacts adds the numbers it sent. Exact requests: the reads behind these fields are
 * made once per node run, after the SMS, and never fail the item.
 */
import { runPassona, TOKEN } from '../../harness/engine';
import { byId, fromList } from '../../harness/locators';
import { group, page } from '../fixtures/passona';
import {
	CAMPAIGN_LONDON_TIME,
	campaign,
	campaignCreate,
	groupsWithOptouts,
	INCLUDED_UUID,
	OPTOUTS_UUID,
	template,
	TEMPLATE_UUID,
} from '../fixtures/sending';
import { PassonaMock, sentHeaders } from '../support/passonaMock';

const headers = sentHeaders(TOKEN);
const templatePath = `/templates/${TEMPLATE_UUID}`;
const get = (path: string, query: Record<string, string> = {}) => ({
	method: 'GET',
	path,
	query,
	headers,
	body: undefined,
});
const welcome = template({ name: 'Welcome', body: 'Hi {first_name}, welcome! ::LINK:: {shop}' });

const sendSms = {
	resource: 'campaign',
	operation: 'sendTest',
	phoneNumber: '={{ $json.phone }}',
	template: byId(TEMPLATE_UUID),
	senderName: fromList('Digitonic'),
	name: 'Welcome SMS',
	customFields: { field: [{ name: 'first_name', value: '={{ $json.first }}' }] },
};
const record = (uuid: string) =>
	campaign({ uuid, name: 'Welcome SMS', excluded_contact_groups: [], status: 0 });

describe('Send SMS to One Number', () => {
	test('outputs the record with the number, the text as filled in, the template and the custom fields; the template is read once for all items', async () => {
		const passona = new PassonaMock()
			.reply('POST', '/campaigns/send-test', 201, {
				data: record('00000000-0000-4000-8000-000000000001'),
			})
			.reply('POST', '/campaigns/send-test', 201, {
				data: record('00000000-0000-4000-8000-000000000002'),
			})
			.reply('GET', templatePath, 200, { data: welcome });
		const { items, error } = await runPassona({
			parameters: sendSms,
			items: [
				{ phone: '07700 900123', first: 'Sam' },
				{ phone: '+44 7700 900456', first: 'Ada' },
			],
		});
		expect(error).toBeUndefined();
		expect(passona.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
			'POST /campaigns/send-test',
			'POST /campaigns/send-test',
			`GET ${templatePath}`,
		]);
		expect(passona.requests[2]).toEqual(get(templatePath));
		expect(items.map((item) => item.json)).toEqual([
			{
				...record('00000000-0000-4000-8000-000000000001'),
				to: '447700900123',
				text: 'Hi Sam, welcome! ::LINK:: {shop}',
				template_name: 'Welcome',
				custom_fields: { first_name: 'Sam' },
			},
			{
				...record('00000000-0000-4000-8000-000000000002'),
				to: '447700900456',
				text: 'Hi Ada, welcome! ::LINK:: {shop}',
				template_name: 'Welcome',
				custom_fields: { first_name: 'Ada' },
			},
		]);
	});

	test('a template that cannot be read after the SMS went out leaves the text null, and the item succeeds (nothing is sent again)', async () => {
		const passona = new PassonaMock()
			.reply('POST', '/campaigns/send-test', 201, { data: record('sent-once') })
			.reply('GET', templatePath, 500, { message: 'Server Error' });
		const { items, error } = await runPassona({
			parameters: sendSms,
			items: [{ phone: '447700900123', first: 'Sam' }],
		});
		expect(error).toBeUndefined();
		expect(passona.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
			'POST /campaigns/send-test',
			`GET ${templatePath}`,
		]);
		expect(items.map((item) => item.json)).toEqual([
			{
				...record('sent-once'),
				to: '447700900123',
				text: null,
				template_name: null,
				custom_fields: { first_name: 'Sam' },
			},
		]);
	});
});

describe('Campaign Create', () => {
	test('outputs the record with its text and its groups by name, default_optouts visibly excluded; the groups and the template are read once for all items', async () => {
		const groups = page(
			'/contact-groups',
			[
				group({ uuid: INCLUDED_UUID, name: 'Joiners', number_of_contacts: 120 }),
				group({ uuid: OPTOUTS_UUID, name: 'default_optouts', number_of_contacts: 7 }),
			],
			1,
			1,
			1000,
		);
		const passona = new PassonaMock()
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('GET', '/contact-groups', 200, groupsWithOptouts())
			.reply('POST', '/campaigns', 201, { data: campaign({ uuid: 'campaign-1' }) })
			.reply('POST', '/campaigns', 201, { data: campaign({ uuid: 'campaign-2' }) })
			.reply('GET', '/contact-groups', 200, groups)
			.reply('GET', templatePath, 200, { data: template({ name: 'Offer' }) });
		const { items, error } = await runPassona({
			parameters: { ...campaignCreate, template: byId(TEMPLATE_UUID) },
			items: [{}, {}],
		});
		expect(error).toBeUndefined();
		expect(passona.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
			'GET /contact-groups',
			'GET /contact-groups',
			'POST /campaigns',
			'POST /campaigns',
			'GET /contact-groups',
			`GET ${templatePath}`,
		]);
		expect(passona.requests[4]).toEqual(get('/contact-groups', { page: '1', per_page: '1000' }));
		const added = {
			text: 'This is the content with a ::LINK:: OPTOUT',
			template_name: 'Offer',
			included_groups: [{ uuid: INCLUDED_UUID, name: 'Joiners', number_of_contacts: 120 }],
			excluded_groups: [{ uuid: OPTOUTS_UUID, name: 'default_optouts', number_of_contacts: 7 }],
			opted_out_excluded: true,
			london_time: CAMPAIGN_LONDON_TIME,
		};
		expect(items.map((item) => item.json)).toEqual([
			{ ...campaign({ uuid: 'campaign-1' }), ...added },
			{ ...campaign({ uuid: 'campaign-2' }), ...added },
		]);
	});

	test('with Exclude Opted-Out Contacts off, opted_out_excluded is false; unknown groups keep their uuid with a null name', async () => {
		const passona = new PassonaMock()
			.reply('POST', '/campaigns', 201, {
				data: campaign({ excluded_contact_groups: [] }),
			})
			.reply('GET', '/contact-groups', 200, page('/contact-groups', [], 1, 1, 1000))
			.reply('GET', templatePath, 200, { data: template() });
		const { items, error } = await runPassona({
			parameters: { ...campaignCreate, excludeOptouts: false },
		});
		expect(error).toBeUndefined();
		expect(passona.requests).toHaveLength(3);
		expect(items[0].json).toMatchObject({
			included_groups: [{ uuid: INCLUDED_UUID, name: null, number_of_contacts: null }],
			excluded_groups: [],
			opted_out_excluded: false,
		});
	});
});

describe('Add Contacts', () => {
	test('outputs the group with the numbers it sent, so the next node need not reach back', async () => {
		const groupPath = `/contact-groups/${INCLUDED_UUID}/add-contacts`;
		const passona = new PassonaMock().reply('PUT', groupPath, 200, {
			data: group({ uuid: INCLUDED_UUID, status: 'Modifying' }),
		});
		const { items, error } = await runPassona({
			parameters: {
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: byId(INCLUDED_UUID),
				contactSource: 'json',
				contactsJson:
					'={{ [{ phone_number: "07700 900123" }, { phone_number: "447700900456" }, { phone_number: "+44 7700 900123" }] }}',
			},
		});
		expect(error).toBeUndefined();
		expect(passona.requests).toHaveLength(1);
		expect(items.map((item) => item.json)).toEqual([
			{
				...group({ uuid: INCLUDED_UUID, status: 'Modifying' }),
				added_phone_numbers: ['447700900456', '447700900123'],
			},
		]);
	});
});

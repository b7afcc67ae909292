import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { parseText } from '../../../../core/input';
import {
	dataRouting,
	locatorField,
	nameField,
	withoutRouting,
	withPostReceive,
} from '../../shared/descriptions';
import { checkInput, locatorUuid } from '../../shared/routing';
import { parseSender, senderNameField } from '../sender/fields';
import { chosenGroups, excludedGroups, excludeOptoutsField, includedGroups } from './fields';
import { type CampaignGroups, checkAudienceSize, maximumRecipients } from './audience';
import { retryNotice, SENT_ONCE } from './once';
import { excludedWithOptouts } from './optOuts';
import { campaignOutput } from './outputs';
import { campaignSchedule, londonTime, timeZoneField } from './schedule';

const show = { resource: ['campaign'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a campaign',
	description: "Schedule an SMS campaign: a template's text, from a sender, to contact groups",
	routing: {
		...withPostReceive(
			withPostReceive(
				{ ...dataRouting('POST', '/campaigns'), send: { preSend: [campaignBody] } },
				londonTime,
			),
			campaignOutput,
		),
		// Each item's campaign once, whatever fails (once.ts).
		...SENT_ONCE,
	},
};

/**
 * The whole body of Campaign Create, from all its fields at once: every field is checked before
 * the requests this step makes (the opt-out group's lookup; the audience's count when Maximum
 * Recipients is set), and nothing depends on the order of the fields. Custom: the excluded groups
 * depend on the opt-out switch and on that lookup.
 */
async function campaignBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const parameter = (name: string, fallback: unknown) => this.getNodeParameter(name, fallback);
	const name = checkInput(this, 'Name', () =>
		parseText(parameter('name', ''), { required: true, maxLength: 255 }),
	);
	const template = locatorUuid(this, 'template');
	const sender = checkInput(this, 'Sender', () =>
		parseSender(this.getNodeParameter('senderName', '', { extractValue: true })),
	);
	const { included, excluded, excludeOptouts } = chosenGroups.call(this);
	const dates = campaignSchedule.call(this);
	const maxRecipients = maximumRecipients.call(this);
	const allExcluded = await excludedWithOptouts.call(this, excluded, excludeOptouts);
	requestOptions.body = {
		name,
		template_uuid: template,
		sender,
		included_contact_groups: included,
		excluded_contact_groups: allExcluded,
		...dates,
	};
	await checkAudienceSize.call(this, maxRecipients, requestOptions.body as CampaignGroups);
	return requestOptions;
}

export const createDescription: INodeProperties[] = [
	{
		displayName:
			'Executing this step texts everyone in the groups chosen below (Send Now), except those in the excluded groups. An SMS cannot be taken back: to check the text first, send it to your own phone with Send SMS to One Number.',
		name: 'sendNowNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, when: ['now'] } },
	},
	retryNotice(show),
	// The operation's own step (campaignBody) reads these fields: none sends anything itself.
	...[
		nameField(show, 'Name of the campaign, as shown in Passona', 'e.g. Friday offer'),
		locatorField('template', show, 'The template whose text is sent'),
		senderNameField(show),
		includedGroups(show),
		excludedGroups(show),
	].map(withoutRouting),
	excludeOptoutsField(show, 'to the excluded groups'),
	{
		displayName: 'When',
		name: 'when',
		type: 'options',
		noDataExpression: true,
		default: 'now',
		displayOptions: { show },
		options: [
			{
				name: 'Send Now',
				value: 'now',
				description: 'Passona texts everyone in the groups as soon as this step runs',
			},
			{ name: 'At a Date and Time', value: 'at', description: 'Passona sends at the chosen time' },
		],
	},
	{
		displayName: 'Send At',
		name: 'sendAt',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'When Passona sends, read in the Time Zone below (UK time unless changed); Passona receives it as UK time',
		displayOptions: { show: { ...show, when: ['at'] } },
	},
	timeZoneField({ ...show, when: ['at'] }),
	{
		displayName: 'Expiry',
		name: 'expiry',
		type: 'options',
		noDataExpression: true,
		default: 'afterDays',
		description:
			'Passona stops sending the campaign at its expiry (for example when a network delays it)',
		displayOptions: { show },
		options: [
			{ name: 'Days After Sending', value: 'afterDays' },
			{ name: 'At a Date and Time', value: 'at' },
		],
	},
	{
		displayName: 'Expires After (Days)',
		name: 'expiryDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 365 },
		default: 2,
		description: 'Days after the send date; 2 is what Passona gives a test send',
		displayOptions: { show: { ...show, expiry: ['afterDays'] } },
	},
	{
		displayName: 'Expires At',
		name: 'expiresAt',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'After the send date, read in the Time Zone (UK time unless changed); Passona receives it as UK time',
		displayOptions: { show: { ...show, expiry: ['at'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Maximum Recipients',
				name: 'maxRecipients',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description:
					'Refuse the item, creating nothing, when the campaign would reach more people than this (counted just before, opted-out contacts left out): a wrong group picked from the list cannot text thousands',
			},
		],
	},
	// The same field when only the expiry is a date (with Send Now): shown once either way.
	timeZoneField({ ...show, when: ['now'], expiry: ['at'] }),
];

import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { OPTOUTS_GROUP_NAME } from '../../../../core/constants';
import { parseBoolean, parseText, parseUuidList } from '../../../../core/input';
import { dataRouting, locatorField, nameField, withoutRouting } from '../../shared/descriptions';
import { checkInput, locatorUuid } from '../../shared/routing';
import { parseSender, senderNameField } from '../sender/fields';
import { excludedGroups, includedGroups } from './fields';
import { retryNotice, SENT_ONCE } from './once';
import { optoutsGroupUuid } from './optOuts';
import { campaignSchedule } from './schedule';

const show = { resource: ['campaign'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a campaign',
	description: "Schedule an SMS campaign: a template's text, from a sender, to contact groups",
	routing: {
		...dataRouting('POST', '/campaigns'),
		send: { preSend: [campaignBody] },
		// Each item's campaign once, whatever fails (once.ts).
		...SENT_ONCE,
	},
};

/**
 * The whole body of Campaign Create, from all its fields at once: every field is checked before
 * the one request this step makes (the opt-out group's lookup), and nothing depends on the order
 * of the fields. Custom: the excluded groups depend on the opt-out switch and on that lookup.
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
	const included = checkInput(this, 'Send to Contact Groups', () =>
		parseUuidList(parameter('includedGroups', []), { allowEmpty: false }),
	);
	const excluded = checkInput(this, 'Exclude Contact Groups', () =>
		parseUuidList(parameter('excludedGroups', []), { allowEmpty: true }),
	);
	const excludeOptouts = checkInput(this, 'Exclude Opted-Out Contacts', () =>
		parseBoolean(parameter('excludeOptouts', true)),
	);
	const dates = campaignSchedule.call(this);
	const optouts = excludeOptouts ? [await optoutsGroupUuid.call(this)] : [];
	requestOptions.body = {
		name,
		template_uuid: template,
		sender,
		included_contact_groups: included,
		excluded_contact_groups: [...new Set([...excluded, ...optouts])],
		...dates,
	};
	return requestOptions;
}

export const createDescription: INodeProperties[] = [
	retryNotice(show),
	// The operation's own step (campaignBody) reads these fields: none sends anything itself.
	...[
		nameField(show, 'Name of the campaign, as shown in Passona'),
		locatorField('template', show, 'The template whose text is sent'),
		senderNameField(show),
		includedGroups(show),
		excludedGroups(show),
	].map(withoutRouting),
	{
		displayName: 'Exclude Opted-Out Contacts',
		name: 'excludeOptouts',
		type: 'boolean',
		default: true,
		description: `Whether to add the team's "${OPTOUTS_GROUP_NAME}" group (people who texted OPTOUT or STOP) to the excluded groups. UK law forbids marketing SMS to people who opted out: turn this off only for messages they may still receive.`,
		displayOptions: { show },
	},
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
				description: 'Passona starts sending as soon as it has the campaign',
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
			"When Passona sends. A date without a time zone is read in the workflow's time zone; Passona receives it as UK time (Europe/London).",
		displayOptions: { show: { ...show, when: ['at'] } },
	},
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
			"After the send date. A date without a time zone is read in the workflow's time zone.",
		displayOptions: { show: { ...show, expiry: ['at'] } },
	},
];

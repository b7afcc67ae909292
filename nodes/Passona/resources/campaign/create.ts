import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField, nameField } from '../../shared/descriptions';
import { bodyLocator } from '../../shared/routing';
import { OPTOUTS_GROUP_NAME } from '../../../../core/constants';
import { senderNameField } from '../sender/fields';
import { excludedGroups, includedGroups } from './fields';
import { excludeOptouts } from './optOuts';
import { scheduleCampaign } from './schedule';

const show = { resource: ['campaign'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a campaign',
	description: "Schedule an SMS campaign: a template's text, from a sender, to contact groups",
	routing: dataRouting('POST', '/campaigns'),
};

export const createDescription: INodeProperties[] = [
	nameField(show, 'Name of the campaign, as shown in Passona'),
	{
		...locatorField('template', show, 'The template whose text is sent'),
		routing: { send: { preSend: [bodyLocator('template', 'template_uuid')] } },
	},
	senderNameField(show),
	includedGroups(show),
	excludedGroups(show),
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
		// The opt-out lookup (a request) runs last, once every field has been checked.
		routing: { send: { preSend: [scheduleCampaign, excludeOptouts] } },
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

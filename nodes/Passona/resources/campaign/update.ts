import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import {
	dataRouting,
	locatorField,
	nameProperty,
	templateIdProperty,
	updateFields,
	withPostReceive,
} from '../../shared/descriptions';
import { senderTextProperty } from '../sender/fields';
import { excludedGroups, excludeOptoutsField, includedGroups } from './fields';
import { keepOptoutsExcluded } from './optOuts';
import { bodyFutureDate, londonTime, timeZoneField } from './schedule';

const show = { resource: ['campaign'], operation: ['update'] };

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a campaign',
	description:
		'Change a campaign that has not started sending and whose send date is still ahead; fields not added are left as they are',
	routing: withPostReceive(dataRouting('PUT', '/campaigns/{campaign}'), londonTime),
};

export const updateDescription: INodeProperties[] = [
	locatorField('campaign', show),
	{
		displayName:
			'Passona accepts changes only before a campaign starts sending and while its send date is ahead; a campaign sending right now is locked',
		name: 'updateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	updateFields(show, [
		excludedGroups(
			undefined,
			'Replaces the excluded groups; default_optouts stays excluded unless "Exclude Opted-Out Contacts" is off',
		),
		{
			displayName: 'Expires At',
			name: 'expiresAt',
			type: 'dateTime',
			default: '',
			description:
				'New expiry, after the send date; read in the Time Zone below (UK time unless changed), sent as UK time',
			routing: {
				send: {
					type: 'body',
					property: 'expiry_date',
					preSend: [bodyFutureDate('expiry_date', 'Expires At')],
				},
			},
		},
		nameProperty('New name of the campaign', 'e.g. Friday offer'),
		{
			displayName: 'Send At',
			name: 'sendAt',
			type: 'dateTime',
			default: '',
			description:
				'New send date, still in the future; read in the Time Zone below (UK time unless changed), sent as UK time',
			routing: {
				send: {
					type: 'body',
					property: 'scheduled_send_date',
					preSend: [bodyFutureDate('scheduled_send_date', 'Send At')],
				},
			},
		},
		includedGroups(),
		senderTextProperty,
		templateIdProperty(
			'The "uuid" of the template to send instead',
			'e.g. 09e0a326-fb2e-11e9-ba2a-0242ac120008',
		),
	]),
	{
		// After Update Fields: its step sees their checked values (routing runs steps in field order).
		...excludeOptoutsField(
			show,
			'to a changed Exclude Groups list (a list left unchanged keeps its groups)',
		),
		routing: { send: { preSend: [keepOptoutsExcluded] } },
	},
	timeZoneField(show),
];

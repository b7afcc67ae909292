import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { parseBoolean, parseText, parseUuid, parseUuidList } from '../../../../core/input';
import {
	dataRouting,
	locatorField,
	nameProperty,
	templateIdProperty,
	updateFields,
	withoutRouting,
	withPostReceive,
} from '../../shared/descriptions';
import { checkInput, checkSomeField } from '../../shared/routing';
import { parseSender, senderTextProperty } from '../sender/fields';
import { excludedGroups, excludeOptoutsField, includedGroups } from './fields';
import { excludedWithOptouts } from './optOuts';
import { futureDate, londonTime, timeZoneField } from './schedule';

const show = { resource: ['campaign'], operation: ['update'] };

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a campaign',
	description:
		'Change a campaign that has not started sending and whose send date is still ahead; fields not added are left as they are',
	routing: {
		...withPostReceive(dataRouting('PUT', '/campaigns/{campaign}'), londonTime),
		send: { preSend: [campaignUpdateBody] },
	},
};

/**
 * The body of Campaign Update from all its fields at once: every field added is checked before
 * the one request this step may make (the opt-out groups' lookup, when Exclude Groups changes),
 * and nothing depends on the order of the fields. Custom: a new excluded list depends on the
 * opt-out switch and on that lookup.
 */
async function campaignUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	checkSomeField(this, fields, 'Update Fields');
	const body: IDataObject = {};
	const set = (
		name: string,
		property: string,
		field: string,
		parse: (value: unknown) => IDataObject[string],
	) => {
		if (fields[name] !== undefined)
			body[property] = checkInput(this, field, () => parse(fields[name]));
	};
	set('name', 'name', 'Name', (value) => parseText(value, { required: true, maxLength: 255 }));
	set('templateId', 'template_uuid', 'Template ID', parseUuid);
	set('sender', 'sender', 'Sender', parseSender);
	set('includedGroups', 'included_contact_groups', 'Send to Groups', (value) =>
		parseUuidList(value, { allowEmpty: false }),
	);
	set('excludedGroups', 'excluded_contact_groups', 'Exclude Groups', (value) =>
		parseUuidList(value, { allowEmpty: true }),
	);
	if (fields.sendAt !== undefined)
		body.scheduled_send_date = futureDate(this, 'Send At', fields.sendAt);
	if (fields.expiresAt !== undefined)
		body.expiry_date = futureDate(this, 'Expires At', fields.expiresAt);
	const keepOptouts = checkInput(this, 'Exclude Opted-Out Contacts', () =>
		parseBoolean(this.getNodeParameter('excludeOptouts', true)),
	);
	if (body.excluded_contact_groups !== undefined && keepOptouts) {
		body.excluded_contact_groups = await excludedWithOptouts.call(
			this,
			body.excluded_contact_groups as string[],
			true,
		);
	}
	requestOptions.body = body;
	return requestOptions;
}

const dateField = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description: `${description}; read in the Time Zone below (UK time unless changed), sent as UK time`,
});

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
	// The operation's own step (campaignUpdateBody) reads these fields: none sends anything itself.
	withoutRouting(
		updateFields(
			show,
			[
				excludedGroups(
					undefined,
					'Replaces the excluded groups; default_optouts stays excluded unless "Exclude Opted-Out Contacts" is off',
				),
				dateField('expiresAt', 'Expires At', 'New expiry, after the send date'),
				nameProperty('New name of the campaign', 'e.g. Friday offer'),
				dateField('sendAt', 'Send At', 'New send date, still in the future'),
				includedGroups(),
				senderTextProperty,
				templateIdProperty(
					'The "uuid" of the template to send instead',
					'e.g. 09e0a326-fb2e-11e9-ba2a-0242ac120008',
				),
			].map(withoutRouting),
		),
	),
	excludeOptoutsField(
		show,
		'to a changed Exclude Groups list (a list left unchanged keeps its groups)',
	),
	timeZoneField(show),
];

/** Campaign fields used by more than one operation (Create, Update, Get Audience; Send Test's custom fields). */
import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { OPTOUTS_GROUP_NAME } from '../../../../core/constants';
import { parseCustomFields } from '../../../../core/contacts';
import { pairsToObject, parseBoolean, parseUuidList } from '../../../../core/input';
import { contactGroupsPicker, customFieldsProperty, type Show } from '../../shared/descriptions';
import { checkInput } from '../../shared/routing';

export const includedGroups = (show?: Show): INodeProperties =>
	contactGroupsPicker({
		show,
		name: 'includedGroups',
		label: 'Send to Groups',
		property: 'included_contact_groups',
		hint: 'Everyone in these groups gets the message, once, unless they are in an excluded group',
		allowEmpty: false,
	});

export const excludedGroups = (
	show?: Show,
	hint = 'Nobody in these groups gets the message, even if they are in a group above',
): INodeProperties =>
	contactGroupsPicker({
		show,
		name: 'excludedGroups',
		label: 'Exclude Groups',
		property: 'excluded_contact_groups',
		hint,
		allowEmpty: true,
	});

/**
 * Send to Groups, Exclude Groups and Exclude Opted-Out Contacts as Create and
 * Get Audience read them, checked (the opt-out groups themselves are looked up after every check).
 */
export function chosenGroups(this: IExecuteSingleFunctions): {
	included: string[];
	excluded: string[];
	excludeOptouts: boolean;
} {
	const included = checkInput(this, 'Send to Groups', () =>
		parseUuidList(this.getNodeParameter('includedGroups', []), { allowEmpty: false }),
	);
	const excluded = checkInput(this, 'Exclude Groups', () =>
		parseUuidList(this.getNodeParameter('excludedGroups', []), { allowEmpty: true }),
	);
	const excludeOptouts = checkInput(this, 'Exclude Opted-Out Contacts', () =>
		parseBoolean(this.getNodeParameter('excludeOptouts', true)),
	);
	return { included, excluded, excludeOptouts };
}

/**
 * "Exclude Opted-Out Contacts" (Create, Update): on by default; `when` says when the team's
 * opt-out groups are added to the excluded groups.
 */
export const excludeOptoutsField = (show: Show, when: string): INodeProperties => ({
	displayName: 'Exclude Opted-Out Contacts',
	name: 'excludeOptouts',
	type: 'boolean',
	default: true,
	description: `Whether to add the team's "${OPTOUTS_GROUP_NAME}" group (people who texted OPTOUT or STOP) ${when}. UK law forbids marketing SMS to people who opted out: turn this off only for messages they may still receive.`,
	displayOptions: { show },
});

/** Custom field rows, checked as Add Contacts checks them, sent as one object under `property`. */
export function customFieldsField(
	show: Show,
	property: string,
	description: string,
): INodeProperties {
	return {
		...customFieldsProperty(show, description),
		routing: {
			send: {
				preSend: [
					async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
						const fields = checkInput(this, 'Custom Fields', () =>
							parseCustomFields(pairsToObject(this.getNodeParameter('customFields.field', []))),
						);
						requestOptions.body = { ...(requestOptions.body as object), [property]: fields };
						return requestOptions;
					},
				],
			},
		},
	};
}

import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	PreSendAction,
} from 'n8n-workflow';
import { dataRouting, locatorField, updateFields } from '../../shared/descriptions';
import { InputError, parseBoolean, parseUuidList } from '../../../../core/input';
import { checkInput } from '../../shared/routing';
import * as field from './fields';

const show = { resource: ['keyword'], operation: ['update'] };

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a keyword',
	description: 'Change any field of a keyword; fields not added are left as they are',
	routing: {
		...dataRouting('PUT', '/keywords/{keyword}'),
		// Two fields together: routing's per-field checks cannot say "this list, when that switch is on".
		send: {
			preSend: [
				listWhenSwitchedOn(
					'addContactToGroup',
					'Add Contact to Group',
					'contactGroups',
					'Contact Groups',
					'group',
				),
				listWhenSwitchedOn('callWebhook', 'Call Webhook', 'webhooks', 'Webhooks', 'webhook'),
			],
		},
	},
};

/** As on Create: a switch turned on in Update Fields needs at least one entry in its list. */
function listWhenSwitchedOn(
	switchName: string,
	switchField: string,
	listName: string,
	listField: string,
	entry: string,
): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
		if (fields[switchName] === undefined) return requestOptions;
		if (!checkInput(this, switchField, () => parseBoolean(fields[switchName])))
			return requestOptions;
		checkInput(this, listField, () => {
			if (parseUuidList(fields[listName], { allowEmpty: true }).length === 0) {
				throw new InputError(
					`is empty while "${switchField}" is on: choose at least one ${entry}`,
					`Add ${listField} to the Update Fields with at least one ${entry}, or switch "${switchField}" off.`,
				);
			}
		});
		return requestOptions;
	};
}

export const updateDescription: INodeProperties[] = [
	locatorField('keyword', show),
	updateFields(show, [
		field.addContactToGroup,
		field.callWebhook,
		field.contactGroups(true),
		field.keywordHelp,
		field.keywordText,
		field.keywordMessage,
		field.webhooks(true),
	]),
];

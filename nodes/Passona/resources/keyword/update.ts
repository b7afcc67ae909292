import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField, updateFields } from '../../shared/descriptions';
import * as field from './fields';

const show = { resource: ['keyword'], operation: ['update'] };

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a keyword',
	description: 'Change any field of a keyword; fields not added are left as they are',
	routing: dataRouting('PUT', '/keywords/{keyword}'),
};

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

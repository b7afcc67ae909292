import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField, updateFields } from '../../shared/descriptions';
import {
	addContactToGroup,
	callWebhook,
	contactGroups,
	keywordHelp,
	keywordMessage,
	keywordText,
	webhooks,
} from './fields';

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
		addContactToGroup,
		callWebhook,
		contactGroups(true),
		keywordHelp,
		keywordText,
		keywordMessage,
		webhooks(true),
	]),
];

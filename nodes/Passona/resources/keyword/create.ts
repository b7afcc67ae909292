import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { additionalFields, dataRouting } from '../../shared/descriptions';
import * as field from './fields';

const show = { resource: ['keyword'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a keyword',
	description:
		'Create a keyword that adds senders to groups or calls webhooks when an inbound SMS matches',
	routing: dataRouting('POST', '/keywords'),
};

export const createDescription: INodeProperties[] = [
	{ ...field.keywordText, required: true, displayOptions: { show } },
	{ ...field.addContactToGroup, displayOptions: { show } },
	{
		...field.contactGroups(false),
		required: true,
		displayOptions: { show: { ...show, addContactToGroup: [true] } },
	},
	{ ...field.callWebhook, displayOptions: { show } },
	{
		...field.webhooks(false),
		required: true,
		displayOptions: { show: { ...show, callWebhook: [true] } },
	},
	additionalFields(show, [field.keywordHelp, field.keywordMessage]),
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { additionalFields, dataRouting } from '../../shared/descriptions';
import {
	addContactToGroup,
	callWebhook,
	contactGroups,
	keywordHelp,
	keywordMessage,
	keywordText,
	webhooks,
} from './fields';

const show = { resource: ['keyword'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a keyword',
	description: 'Create a keyword that adds senders to groups or calls webhooks when an inbound SMS matches',
	routing: dataRouting('POST', '/keywords'),
};

export const createDescription: INodeProperties[] = [
	{ ...keywordText, required: true, displayOptions: { show } },
	{ ...addContactToGroup, displayOptions: { show } },
	{ ...contactGroups(false), required: true, displayOptions: { show: { ...show, addContactToGroup: [true] } } },
	{ ...callWebhook, displayOptions: { show } },
	{ ...webhooks(false), required: true, displayOptions: { show: { ...show, callWebhook: [true] } } },
	additionalFields(show, [keywordHelp, keywordMessage]),
];

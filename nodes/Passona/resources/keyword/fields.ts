/** Keyword fields shared by Create (as fields) and Update (inside Update Fields). */
import type { INodeProperties } from 'n8n-workflow';
import { bodyBoolean, bodyText, bodyUuidList } from '../../shared/routing';

export const keywordText: INodeProperties = {
	displayName: 'Keyword',
	name: 'keyword',
	type: 'string',
	default: '',
	placeholder: 'e.g. JOIN',
	description: 'The word an inbound SMS starts with to match, such as JOIN or OPTOUT',
	routing: {
		send: {
			type: 'body',
			property: 'keyword',
			preSend: [bodyText('keyword', 'Keyword', { required: true, maxLength: 160 })],
		},
	},
};

export const keywordMessage: INodeProperties = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. Sign-ups from the spring poster',
	description:
		'A note stored with the keyword in Passona (its Keyword Message, which Passona\'s API calls "message info"), not an automatic reply: this node sends no SMS with it. To answer people who text the keyword, add Send SMS to One Number after a Passona Trigger.',
	routing: {
		send: {
			type: 'body',
			property: 'message',
			preSend: [bodyText('message', 'Message', { required: false })],
		},
	},
};

export const keywordHelp: INodeProperties = {
	displayName: 'Help',
	name: 'help',
	type: 'string',
	default: '',
	placeholder: 'e.g. Text JOIN to get our offers',
	description: 'Help text shown with the keyword in Passona (as a tooltip)',
	routing: {
		send: {
			type: 'body',
			property: 'help',
			preSend: [bodyText('help', 'Help', { required: false })],
		},
	},
};

export const addContactToGroup: INodeProperties = {
	displayName: 'Add Contact to Group',
	name: 'addContactToGroup',
	type: 'boolean',
	default: false,
	description: 'Whether a sender whose SMS matches is added to the chosen contact groups',
	routing: {
		send: {
			type: 'body',
			property: 'add_contact_to_group',
			preSend: [bodyBoolean('add_contact_to_group', 'Add Contact to Group')],
		},
	},
};

/** Create needs at least one group when the switch is on; Update may empty the list. */
export const contactGroups = (allowEmpty: boolean): INodeProperties => ({
	displayName: 'Contact Group Names or IDs',
	name: 'contactGroups',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getContactGroups' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'Groups a matching sender is added to',
	routing: {
		send: {
			type: 'body',
			property: 'contact_groups_uuid',
			preSend: [bodyUuidList('contact_groups_uuid', 'Contact Groups', { allowEmpty })],
		},
	},
});

export const callWebhook: INodeProperties = {
	displayName: 'Call Webhook',
	name: 'callWebhook',
	type: 'boolean',
	default: false,
	description: 'Whether a matching SMS calls the chosen webhooks',
	routing: {
		send: {
			type: 'body',
			property: 'call_webhook',
			preSend: [bodyBoolean('call_webhook', 'Call Webhook')],
		},
	},
};

export const webhooks = (allowEmpty: boolean): INodeProperties => ({
	displayName: 'Webhook Names or IDs',
	name: 'webhooks',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getWebhooks' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'Webhooks Passona calls on a match',
	routing: {
		send: {
			type: 'body',
			property: 'webhooks_uuid',
			preSend: [bodyUuidList('webhooks_uuid', 'Webhooks', { allowEmpty })],
		},
	},
});

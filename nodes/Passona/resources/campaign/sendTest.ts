import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import {
	dataRouting,
	locatorField,
	nameField,
	phoneNumberField,
	withPostReceive,
} from '../../shared/descriptions';
import { bodyLocator } from '../../shared/routing';
import { senderNameField } from '../sender/fields';
import { customFieldsField } from './fields';
import { sentSmsOutput } from './outputs';
import { retryNotice, SENT_ONCE } from './once';

const show = { resource: ['campaign'], operation: ['sendTest'] };

// Passona calls this a test send; it is how a workflow sends one real SMS (a welcome SMS, a
// reply). The value stays `sendTest` so that saved workflows load.
export const sendTestOperation: INodePropertyOptions = {
	name: 'Send SMS to One Number',
	value: 'sendTest',
	action: 'Send an SMS to one phone number',
	description:
		"Send one SMS now to one phone number: a template's text, filled in with the custom fields given. Passona records it as a campaign of one.",
	// Each item's SMS once, whatever fails (once.ts).
	routing: {
		...withPostReceive(dataRouting('POST', '/campaigns/send-test'), sentSmsOutput),
		...SENT_ONCE,
	},
};

export const sendTestDescription: INodeProperties[] = [
	{
		displayName:
			'Sends a real SMS now, to one number, and Passona keeps it as a campaign of one, named below (it shows in Campaign → Get Many). Opt-out groups are not checked for a single number.',
		name: 'sendTestNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	retryNotice(show),
	phoneNumberField(show, 'contact_number', 'Who gets the SMS'),
	{
		...locatorField('template', show, 'The template whose text is sent'),
		routing: { send: { preSend: [bodyLocator('template', 'template_uuid')] } },
	},
	senderNameField(show),
	{
		...nameField(
			show,
			'Name of the campaign record Passona creates for this message',
			'e.g. Welcome SMS',
		),
		default: 'SMS from n8n',
	},
	customFieldsField(
		show,
		'custom_fields',
		"Values for the template's custom fields, such as first_name",
	),
];

/** The template body: one SMS (Passona's length rule), as Create and Update ask for it. */
import type { INodeProperties } from 'n8n-workflow';
import { parseText } from '../../../../core/input';
import { checkSmsBody } from '../../../../core/sms';
import { checkBody } from '../../shared/routing';

/** A template body: required, and it must fit one SMS. */
export function parseTemplateBody(value: unknown): string {
	return checkSmsBody(parseText(value, { required: true }));
}

export const bodyTemplateText = (property: string, field: string) =>
	checkBody(property, field, parseTemplateBody);

export const TEMPLATE_BODY_NOTICE =
	'A template is one SMS: at most 160 characters, or 70 if the text has emoji or other characters outside the standard SMS alphabet (the node refuses a longer body before sending). Write ::LINK_NAME:: where a tracked link goes (a link of that name attached to the template), and keywords such as OPTOUT as plain text.';

export function templateBodyProperty(description: string): INodeProperties {
	return {
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. Hi, thanks for joining! Offers: ::LINK:: Text OPTOUT to stop',
		description,
		routing: {
			send: { type: 'body', property: 'body', preSend: [bodyTemplateText('body', 'Body')] },
		},
	};
}

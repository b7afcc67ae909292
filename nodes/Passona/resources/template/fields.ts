/** The template body: one SMS (Passona's length rule), as Create and Update ask for it. */
import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	PreSendAction,
} from 'n8n-workflow';
import { InputError, parseText } from '../../../../core/input';
import { checkSmsBody } from '../../../../core/sms';
import { inputError } from '../../shared/inputError';
import { checkBody } from '../../shared/routing';

/** A template body: required, and it must fit one SMS. */
export function parseTemplateBody(value: unknown): string {
	return checkSmsBody(parseText(value, { required: true }));
}

/**
 * The Body, checked to fit one SMS. A Body typed in the panel is the same for every item, so its
 * error names no item ("[item 0]" would only puzzle); one mapped by an expression names its item.
 */
export function bodyTemplateText(property: string, field: string): PreSendAction {
	const perItem = checkBody(property, field, parseTemplateBody);
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const { body, updateFields } = this.getNode().parameters as {
			body?: unknown;
			updateFields?: { body?: unknown };
		};
		const typed = body ?? updateFields?.body;
		if (typeof typed === 'string' && typed.startsWith('='))
			return await perItem.call(this, requestOptions);
		const request = requestOptions.body as Record<string, unknown>;
		try {
			request[property] = parseTemplateBody(request[property]);
		} catch (error) {
			if (!(error instanceof InputError)) return await perItem.call(this, requestOptions);
			throw inputError(this.getNode(), `"${field}" ${error.reason}`, {
				itemIndex: this.getItemIndex(),
				description: error.hint,
			});
		}
		return requestOptions;
	};
}

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
		hint: "A contact's custom field goes in as its name in braces, e.g. Hi {first_name}: Passona fills it in for each contact (Add Contacts' custom fields, or those of Send SMS to One Number). Check the result with Template → Preview.",
		routing: {
			send: { type: 'body', property: 'body', preSend: [bodyTemplateText('body', 'Body')] },
		},
	};
}

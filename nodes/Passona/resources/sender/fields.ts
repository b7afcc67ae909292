/**
 * The sender (the "from" name on the phone): Passona's rule (3 to 11 characters) and the fields
 * that ask for one, here and in Campaign and Template.
 */
import type { INodeProperties } from 'n8n-workflow';
import { InputError, parseText } from '../../../../core/input';
import type { Show } from '../../shared/descriptions';
import { checkBody } from '../../shared/routing';

/** A sender ("from" name): 3 to 11 characters, as Passona requires. */
export function parseSender(value: unknown): string {
	const text = parseText(value, { required: true });
	if (text.length < 3 || text.length > 11) {
		throw new InputError(
			`is ${text.length} characters long ("${text}"); a Passona sender has 3 to 11 characters`,
			'Pick one of your senders from the list, or type the name of one your team has.',
		);
	}
	return text;
}

export const bodySender = (property: string, field: string) =>
	checkBody(property, field, parseSender);

export const SENDER_MODERATION_NOTICE =
	'Passona moderates every new sender name before it can send: it may not be usable at once. Numbers such as 88440 and your team name are ready to use.';

export function senderTextField(
	show: Record<string, string[]>,
	displayName: string,
): INodeProperties {
	return {
		displayName,
		name: 'senderText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. MyShop',
		description: 'The name shown as "from" on the phone: 3 to 11 characters',
		displayOptions: { show },
		routing: {
			send: { type: 'body', property: 'sender', preSend: [bodySender('sender', displayName)] },
		},
	};
}

export const moderationNotice = (show: Record<string, string[]>): INodeProperties => ({
	displayName: SENDER_MODERATION_NOTICE,
	name: 'moderationNotice',
	type: 'notice',
	default: '',
	displayOptions: { show },
});

/** A new sender typed as text (Update Fields, where n8n shows no resource picker). */
export const senderTextProperty: INodeProperties = {
	displayName: 'Sender',
	name: 'sender',
	type: 'string',
	default: '',
	placeholder: 'e.g. MyShop',
	description:
		'New sender: one your team already has (Passona refuses any other and creates none; create it first with Sender → Create)',
	routing: {
		send: { type: 'body', property: 'sender', preSend: [bodySender('sender', 'Sender')] },
	},
};

/** Wherever a sender is asked for: one of the team's senders from the list, or one typed. */
export function senderNameField(show: Show): INodeProperties {
	return {
		displayName: 'Sender',
		name: 'senderName',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			"The name the message comes from on the phone: one of your team's senders, from the list or typed By Name. Passona refuses a sender your team does not have and creates none.",
		hint: 'A new sender must first be created with Sender → Create; Passona moderates it before it can send',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a sender...',
				typeOptions: { searchListMethod: 'searchSenderNames', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. MyShop',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*\\S.{1,9}\\S\\s*$',
							errorMessage: 'A sender has 3 to 11 characters',
						},
					},
				],
			},
		],
		routing: {
			send: { type: 'body', property: 'sender', preSend: [bodySender('sender', 'Sender')] },
		},
	};
}

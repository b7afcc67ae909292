import type { INodeProperties } from 'n8n-workflow';
import { bodySender } from '../../shared/sending';

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

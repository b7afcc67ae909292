/**
 * Add Contacts outputs the group with `added_phone_numbers`: the numbers it sent (normalised, each
 * once), so the next node (a welcome SMS) reads them here instead of reaching back to the trigger.
 */
import type { INodePropertyRouting } from 'n8n-workflow';
import type { PassonaContact } from '../../../../core/contacts';
import { withAfterPagination } from '../../shared/descriptions';

/**
 * Added after the operation's chunked sending (and its wait, if any), not as a postReceive step:
 * postReceive runs on each chunk's answer, before the wait replaces the group; the whole list is
 * in the request the chunks are cut from. No request of its own.
 */
export function withAddedPhoneNumbers(routing: INodePropertyRouting): INodePropertyRouting {
	return withAfterPagination(routing, async function (items, requestData) {
		const { contacts } = requestData.options.body as { contacts: PassonaContact[] };
		const added = contacts.map((contact) => contact.phone_number);
		return items.map((item) => ({ ...item, json: { ...item.json, added_phone_numbers: added } }));
	});
}

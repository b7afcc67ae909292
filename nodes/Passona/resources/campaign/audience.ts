/**
 * Who a campaign would reach: the unique contacts of its included groups once its excluded groups
 * (opt-outs included, as Create adds them) are left out, from `POST /contact-groups/unique-contacts`.
 * Get Audience shows it; Create's Maximum Recipients guard counts it before sending.
 */
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { InputError } from '../../../../core/input';
import { inputError } from '../../shared/inputError';
import { type FetchPage, listEntries, passonaPages } from '../../shared/listEntries';
import { checkInput, unexpectedAnswer } from '../../shared/routing';

/** The groups of a campaign body, as Passona takes them. */
export interface CampaignGroups {
	included_contact_groups: string[];
	excluded_contact_groups: string[];
}

export const UNIQUE_CONTACTS_PATH = '/contact-groups/unique-contacts';

/** Passona's body for unique-contacts. */
export const audienceBody = (included: string[], excluded: string[]) => ({
	included_contact_group_uuids: included,
	excluded_contact_group_uuids: excluded,
});

/**
 * The phone numbers of an audience, each once, in Passona's order, read from every page that
 * `fetchPage` brings (Passona documents the answer unpaged; a paged one is followed to the end,
 * so the count is never that of a first page). An entry without a phone number is not understood.
 */
export async function audienceNumbers(
	this: IExecuteSingleFunctions,
	fetchPage: FetchPage,
	parallel?: number,
): Promise<string[]> {
	const numbers = new Set<string>();
	await listEntries.call(
		this,
		fetchPage,
		(entries) => {
			for (const entry of entries) {
				const phone = entry?.phone_number;
				if (typeof phone !== 'string' && typeof phone !== 'number') {
					throw unexpectedAnswer(this, 'An entry of the unique contacts had no "phone_number"');
				}
				numbers.add(String(phone));
			}
			return true;
		},
		parallel,
	);
	return [...numbers];
}

/** Campaign Create's Options → Maximum Recipients: a whole number of 1 or more, or undefined. */
export function maximumRecipients(this: IExecuteSingleFunctions): number | undefined {
	const { maxRecipients: value } = this.getNodeParameter('options', {}) as IDataObject;
	if (value === undefined || value === null || value === '') return undefined;
	return checkInput(this, 'Maximum Recipients', () => {
		const limit = Number(value);
		if (!Number.isInteger(limit) || limit < 1) {
			throw new InputError(`must be a whole number of 1 or more, got ${String(value)}`);
		}
		return limit;
	});
}

const count = (value: number) => value.toLocaleString('en-GB');

/**
 * Campaign Create's guard, after every field check: with Maximum Recipients set, counts the
 * audience of the body about to be sent and refuses the item, with the count, when it is larger.
 */
export async function checkAudienceSize(
	this: IExecuteSingleFunctions,
	limit: number | undefined,
	body: CampaignGroups,
): Promise<void> {
	if (limit === undefined) return;
	const fetchPage = passonaPages.call(this, {
		method: 'POST',
		path: UNIQUE_CONTACTS_PATH,
		body: audienceBody(body.included_contact_groups, body.excluded_contact_groups),
		subject: 'contact group',
	});
	const reached = (await audienceNumbers.call(this, fetchPage)).length;
	if (reached <= limit) return;
	const itemIndex = this.getItemIndex();
	throw inputError(
		this.getNode(),
		`The campaign would reach ${count(reached)} people, more than the Maximum Recipients of ${count(limit)}: it was not created [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Check the groups chosen (Campaign → Get Audience lists who they reach), or raise Maximum Recipients under Options.',
		},
	);
}

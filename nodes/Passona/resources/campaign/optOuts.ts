/** The team's opt-out group, excluded from every campaign unless the user turns that off. */
import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { OPTOUTS_GROUP_NAME } from '../../../../core/constants';
import { describeValue, UUID_PATTERN } from '../../../../core/input';
import { inputError } from '../../shared/inputError';
import { listEntries, passonaPages } from '../../shared/listEntries';
import { unexpectedAnswer } from '../../shared/routing';

/**
 * The UUIDs of every group named `default_optouts`: the team's own and any other a user gave that
 * name (Passona documents no order, so the one listed first proves nothing). Lists every page. An
 * empty list when there is none; refused when one of them has no valid ID, since it could be the
 * team's own and could then not be excluded.
 */
async function findOptoutsGroups(this: IExecuteSingleFunctions): Promise<string[]> {
	const found: unknown[] = [];
	const groups = passonaPages.call(this, { path: '/contact-groups', subject: 'contact group' });
	await listEntries.call(this, groups, (entries) => {
		for (const entry of entries) if (entry?.name === OPTOUTS_GROUP_NAME) found.push(entry.uuid);
		return true;
	});
	const invalid = found.findIndex((uuid) => typeof uuid !== 'string' || !UUID_PATTERN.test(uuid));
	if (invalid >= 0) {
		throw unexpectedAnswer(
			this,
			`Passona listed a "${OPTOUTS_GROUP_NAME}" contact group whose ID is ${describeValue(found[invalid])}, not a Passona ID, so the people who opted out could not be left out: nothing was sent`,
		);
	}
	return [...new Set((found as string[]).map((uuid) => uuid.toLowerCase()))];
}

/** `findOptoutsGroups`, refused with words when the team has no such group (Create, Update). */
async function optoutsGroupUuids(this: IExecuteSingleFunctions): Promise<string[]> {
	const found = await findOptoutsGroups.call(this);
	if (found.length > 0) return found;
	// Found before the campaign is sent: an input error, not "From Passona" (see inputError).
	throw inputError(
		this.getNode(),
		`Passona has no "${OPTOUTS_GROUP_NAME}" contact group in this team`,
		{
			itemIndex: this.getItemIndex(),
			description:
				'Every Passona team normally has one, holding the people who opted out. Turn off "Exclude Opted-Out Contacts" and choose the opt-out group under Exclude Groups instead.',
		},
	);
}

/** `excluded`, and every opt-out group when `withOptouts` is on (refused when there is none), each once. */
export async function excludedWithOptouts(
	this: IExecuteSingleFunctions,
	excluded: string[],
	withOptouts: boolean,
): Promise<string[]> {
	const optouts = withOptouts ? await optoutsGroupUuids.call(this) : [];
	return [...new Set([...excluded, ...optouts])];
}

/**
 * Contact → Sync Groups: the opt-out groups that hold `contact` and are not among `groups`, which
 * the sync would otherwise take it out of. Lists each such group's contacts, stopping once found.
 */
export async function optOutsHolding(
	this: IExecuteSingleFunctions,
	contact: string,
	groups: string[],
): Promise<string[]> {
	const holding: string[] = [];
	for (const uuid of await findOptoutsGroups.call(this)) {
		if (groups.includes(uuid)) continue;
		let found = false;
		const path = `/contact-groups/${uuid}/list-contacts`;
		const contacts = passonaPages.call(this, { path, subject: 'contact group' });
		await listEntries.call(this, contacts, (entries) => {
			found = entries.some(
				(entry) => String(entry?.phone_number ?? '').replace(/\D/g, '') === contact,
			);
			return !found;
		});
		if (found) holding.push(uuid);
	}
	return holding;
}

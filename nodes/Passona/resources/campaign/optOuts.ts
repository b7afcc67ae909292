/** The team's opt-out group, excluded from every campaign unless the user turns that off. */
import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { OPTOUTS_GROUP_NAME } from '../../../../core/constants';
import { DEFAULT_PARALLEL_REQUESTS, listAllPages } from '../../../../core/listing';
import { MAX_PAGE_SIZE, UnexpectedAnswerError } from '../../../../core/pagination';
import { passonaApiRequest, rateLimitWait } from '../../../../core/transport';
import { inputError } from '../../shared/inputError';
import { unexpectedAnswer } from '../../shared/routing';

/**
 * The UUID of the team's `default_optouts` group, found by name, listing as Get Many does (pages
 * in parallel once their number is known, bounded, slowed by a 429) and stopping once found.
 */
export async function optoutsGroupUuid(this: IExecuteSingleFunctions): Promise<string> {
	let found: string | undefined;
	await listAllPages({
		fetchPage: async (page) =>
			await passonaApiRequest.call(
				this,
				'GET',
				'/contact-groups',
				{ subject: 'contact group' },
				{ qs: { page, per_page: MAX_PAGE_SIZE } },
			),
		accept: (entries) => {
			const group = (entries as Array<{ name?: unknown; uuid?: unknown }>).find(
				(entry) => entry?.name === OPTOUTS_GROUP_NAME && typeof entry.uuid === 'string',
			);
			if (group) found = group.uuid as string;
			return found === undefined;
		},
		wanted: () => Infinity,
		parallel: DEFAULT_PARALLEL_REQUESTS,
		rateLimitWait,
		unexpected: (error) =>
			error instanceof UnexpectedAnswerError ? unexpectedAnswer(this, error.message) : error,
	});
	if (found !== undefined) return found;
	// Found before the campaign is sent: an input error, not "From Passona" (see inputError).
	throw inputError(
		this.getNode(),
		`Passona has no "${OPTOUTS_GROUP_NAME}" contact group in this team`,
		{
			itemIndex: this.getItemIndex(),
			description:
				'Every Passona team normally has one, holding the people who opted out. Turn off "Exclude Opted-Out Contacts" and choose the opt-out group under Exclude Contact Groups instead.',
		},
	);
}

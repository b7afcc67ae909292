/**
 * Campaign Create and Send Test send SMS: each item once, whatever fails. Passona takes no
 * idempotency key, but it lists campaigns (Send Test makes one too), so when an answer is lost
 * after Passona may have acted (a 5xx, a timeout, a reset connection, an answer that cannot be
 * read) the item's campaign is looked for instead of sent again: found, it is the item's output;
 * not found, the item fails saying it may have been sent. A later try in the same execution
 * (Retry On Fail, a retry of the execution) looks again and never sends it blindly. The record
 * this keeps per item is shared/once.ts's.
 */
import type {
	IDataObject,
	IExecutePaginationFunctions,
	INodeProperties,
	INodePropertyRouting,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { formatPassonaDate } from '../../../../core/dates';
import { passonaApiRequestAllItems } from '../../../../core/transport';
import {
	answerLost,
	answerMayBeLost,
	asRunSend,
	claim,
	lookingAlone,
	type OnceStep,
	type UnsureRecord,
} from '../../shared/once';
import type { Show } from '../../shared/descriptions';

/**
 * The fields a campaign listing shows that a request may send: a campaign matches a request when
 * every one of them the request sent is equal (groups as sets). Send Test's number and custom
 * fields are not listed: a test is matched by name, template and sender.
 */
const LISTED_FIELDS = [
	'name',
	'template_uuid',
	'sender',
	'scheduled_send_date',
	'expiry_date',
	'included_contact_groups',
	'excluded_contact_groups',
];

/** How far Passona's clock may be from n8n's when the creation times are compared. */
export const CLOCK_SLACK_MS = 2 * 60_000;

/** Whether `campaign` (from Passona's list) has every listed field `sent` has, with the same value. */
export function matchesSent(campaign: IDataObject, sent: IDataObject): boolean {
	return LISTED_FIELDS.every((field) => {
		if (!(field in sent)) return true;
		const want = sent[field];
		const have = campaign[field];
		if (Array.isArray(want)) {
			if (!Array.isArray(have)) return false;
			const wanted = new Set(want.map(String));
			const had = new Set(have.map(String));
			return wanted.size === had.size && [...wanted].every((uuid) => had.has(uuid));
		}
		return typeof have === typeof want && have === want;
	});
}

export interface CreationWindow {
	/** `YYYY-MM-DD HH:MM:SS` on London's clock, as Passona writes `created_at`. */
	from: string;
	to: string;
}

/** From a little before the send to a little after now, on London's clock. */
export function creationWindow(sentAt: number, now: number): CreationWindow {
	return {
		from: formatPassonaDate(sentAt - CLOCK_SLACK_MS),
		to: formatPassonaDate(now + CLOCK_SLACK_MS),
	};
}

export type Lookup = { found: IDataObject } | { none: true } | { several: string[] };

/**
 * "This item's campaign": one made from the same listed fields, created within the window, and not
 * already the output of another item of the run. One: found; none; or several it cannot tell apart.
 */
export function findSent(
	campaigns: unknown[],
	sent: IDataObject,
	window: CreationWindow,
	claimed: Set<string>,
): Lookup {
	const candidates = campaigns.filter((entry): entry is IDataObject => {
		if (entry === null || typeof entry !== 'object') return false;
		const campaign = entry as IDataObject;
		const created = campaign.created_at;
		return (
			typeof campaign.uuid === 'string' &&
			!claimed.has(campaign.uuid) &&
			typeof created === 'string' &&
			created >= window.from &&
			created <= window.to &&
			matchesSent(campaign, sent)
		);
	});
	if (candidates.length === 1) return { found: candidates[0] };
	if (candidates.length === 0) return { none: true };
	return { several: candidates.map((campaign) => String(campaign.uuid)) };
}

/** Why the outcome is unknown, in words. */
function lostReason(error: unknown): string {
	const failed = error as NodeApiError;
	const status = Number(failed.httpCode);
	if (Number.isInteger(status) && status >= 500) return `Passona answered HTTP ${status}`;
	const code = (failed.cause as { code?: unknown } | undefined)?.code;
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT')
		return 'No answer came within the request timeout';
	if (typeof code === 'string') return `The connection failed (${code})`;
	return failed.message;
}

const isTest = (context: IExecutePaginationFunctions) =>
	context.getNodeParameter('operation', '') === 'sendTest';

/** The item's error when Passona may have acted and what it made was not found. */
function mayHaveBeenSent(
	context: IExecutePaginationFunctions,
	unsure: UnsureRecord,
	window: CreationWindow,
	outcome: { none: true } | { several: string[] } | { lookupFailed: string },
): NodeApiError {
	const test = isTest(context);
	const what = test ? 'the test SMS' : 'the campaign';
	const fields = test ? 'name, template and sender' : 'name, template, sender, groups and dates';
	const name = typeof unsure.body.name === 'string' ? unsure.body.name : '';
	const result =
		'lookupFailed' in outcome
			? `could not look (${outcome.lookupFailed})`
			: 'several' in outcome
				? `found several it cannot tell apart: ${outcome.several.join(', ')}`
				: 'found none';
	return new NodeApiError(
		context.getNode(),
		{ reason: unsure.reason },
		{
			message: test
				? 'Passona may have sent this test SMS, but its answer was lost'
				: 'Passona may have created this campaign, but its answer was lost',
			description:
				`${unsure.reason}. This node looked in Passona's campaigns for ${what} this item sent (the same ${fields}, ` +
				`created between ${window.from} and ${window.to} London time) and ${result}. ` +
				`So that nobody is texted twice, this node does not send the item again. Check Campaign → Get Many ` +
				`(or Passona's dashboard) for a campaign named "${name}", and send this item again only if it is not there.`,
			itemIndex: context.getItemIndex(),
		},
	);
}

/** Finds what an unsure send made, or fails the item saying it may have been sent. */
async function lookFor(
	context: IExecutePaginationFunctions,
	unsure: UnsureRecord,
	claimed: () => Set<string>,
) {
	// The run's other sends answer first and wait meanwhile: what they make is theirs, not this item's.
	const { window, listed, result } = await lookingAlone(context, async () => {
		const window = creationWindow(unsure.at, Date.now());
		const listed = await passonaApiRequestAllItems
			.call(context, '/campaigns', { subject: 'campaign' })
			.then(
				(campaigns) => ({ campaigns }),
				(error: Error) => ({ lookupFailed: error.message }),
			);
		const result =
			'campaigns' in listed
				? findSent(listed.campaigns, unsure.body, window, claimed())
				: undefined;
		// Taken at once: a lookup of another item under way cannot take it too.
		if (result && 'found' in result) claim(context, String(result.found.uuid));
		return { window, listed, result };
	});
	if ('lookupFailed' in listed)
		throw answerLost(mayHaveBeenSent(context, unsure, window, listed), unsure);
	if (result && 'found' in result) return [{ json: result.found }];
	throw answerLost(mayHaveBeenSent(context, unsure, window, result ?? { none: true }), unsure);
}

/**
 * The sending step of Campaign Create and Send Test: sends, and when the answer is lost looks for
 * what Passona made; on a later try of an item left unsure, only looks.
 */
export const sendOnce: OnceStep = async function (
	requestData,
	{ unsure, claimed } = { claimed: () => new Set() },
) {
	if (unsure) return await lookFor(this, unsure, claimed);
	const at = Date.now();
	const sent = await asRunSend(this, async () => await this.makeRoutingRequest(requestData)).then(
		(output) => ({ output }),
		(error: unknown) => ({ error }),
	);
	if ('output' in sent) return sent.output;
	// Refused (a 4xx) or never sent: the item's error as it is.
	if (!answerMayBeLost(sent.error)) throw sent.error;
	const body = { ...(requestData.options.body as IDataObject) };
	return await lookFor(this, { at, body, reason: lostReason(sent.error) }, claimed);
};

/** The routing a sending operation adds beside its own: the step above (paginate comes from the Resource field). */
export const SENT_ONCE: INodePropertyRouting = { operations: { pagination: sendOnce } };

/** How to retry a sending operation safely, in its panel. */
export function retryNotice(show: Show): INodeProperties {
	return {
		displayName:
			"Sending cannot be undone. Within one execution this node never sends an item twice: n8n's Retry On Fail and a retry of the execution skip items already sent, and an item whose answer was lost is looked for in Passona's campaigns, not sent again. To retry only the items that failed, set Settings → On Error to \"Continue (using error output)\" and send the error output's items again, except those whose error says Passona may have sent them: check those in Passona first.",
		name: 'retryNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	};
}

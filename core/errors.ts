/**
 * Passona's HTTP answers turned into words a workflow builder can act on. Pure: the routing
 * layer wraps the result in n8n's NodeApiError.
 */
import { HIDDEN, MAX_RATE_LIMIT_WAIT_MS } from './constants';

export interface PassonaErrorContext {
	/** What the request was about, e.g. "contact group" or "keyword". */
	subject: string;
	/** The UUID the request named, when it named one. */
	uuid?: string;
	operation?: string;
	/** Value of a Retry-After header, when Passona sent one. */
	retryAfter?: string;
	/**
	 * The request belongs to an item of an operation that sends SMS (Campaign Create, Send Test):
	 * the words then never advise running again or Retry On Fail, as other items may have been sent.
	 */
	sending?: boolean;
	/** For a 429 the node waited out as far as it waits: what it did (core/pacing.ts). */
	rateLimitWaited?: { waits: number; waitedMs: number; askedMs?: number };
}

export interface PassonaErrorText {
	message: string;
	description: string;
}

/** Passona (Laravel) answers errors as { message, errors: { field: [messages] } }. */
export function passonaMessages(body: unknown): string[] {
	if (body === null || typeof body !== 'object') {
		return typeof body === 'string' &&
			body.trim() !== '' &&
			body.length < 300 &&
			!body.includes('<')
			? [body.trim()]
			: [];
	}
	const { message, errors } = body as { message?: unknown; errors?: unknown };
	const details: string[] = [];
	if (errors !== null && typeof errors === 'object') {
		for (const value of Object.values(errors)) {
			for (const text of Array.isArray(value) ? value : [value]) {
				if (typeof text === 'string' && !details.includes(text)) details.push(text);
			}
		}
	}
	if (details.length > 0) return details;
	return typeof message === 'string' && message.trim() !== '' ? [message.trim()] : [];
}

export function describePassonaError(
	status: number,
	body: unknown,
	context: PassonaErrorContext,
): PassonaErrorText {
	const said = passonaMessages(body);
	const passonaSaid = said.length > 0 ? ` Passona said: ${said.join(' ')}` : '';
	const id = context.uuid ? ` ${context.uuid}` : '';

	switch (status) {
		case 400:
			return {
				message: 'Passona could not understand the request',
				description: `Check the values in the node's fields.${passonaSaid}`,
			};
		case 401:
			return {
				message: 'Passona did not accept the API token',
				description: `Check the Passona API credential: the API Token may be mistyped or revoked, or meant for another Passona host (Base URL).${passonaSaid}`,
			};
		case 403:
			return {
				message: 'This Passona API token is not allowed to do this',
				description: `The token is valid, but Passona does not let it perform this action. Ask your Passona team administrator for access.${passonaSaid}`,
			};
		case 404:
			return {
				message: id
					? `Passona has no ${context.subject}${id}`
					: `Passona has no such ${context.subject}`,
				description: `It may have been deleted, or it belongs to another Passona team. Check the ${titleCase(context.subject)} field.${passonaSaid}`,
			};
		case 409:
			if (context.subject === 'contact group' && context.operation === 'delete') {
				return {
					message: `The contact group cannot be deleted because keywords are attached to it`,
					description: `Detach the group from those keywords first (remove it from each keyword's contact groups, or delete the keywords), then delete the group.${passonaSaid}`,
				};
			}
			return {
				message: `Passona refused because of the current state of the ${context.subject}${id}`,
				description: `Something else in Passona depends on it.${passonaSaid}`,
			};
		case 422: {
			const list =
				said.length > 0 ? said.map((text) => `• ${text}`).join('\n') : 'Passona gave no details.';
			return {
				message: 'Passona rejected the values sent',
				description: `${context.sending ? 'Fix these, then send this item again (only this one: other items may have been sent)' : 'Fix these and run again'}:\n${list}${senderNote(said)}${unprocessableNote(context)}`,
			};
		}
		case 423: {
			const locked = lockedText(context);
			return { message: locked.message, description: `${locked.description}${passonaSaid}` };
		}
		case 429: {
			const wait = context.retryAfter ? ` Passona asks to wait ${context.retryAfter} seconds.` : '';
			const waited = context.rateLimitWaited;
			const note = waited ? ` ${rateLimitNote(waited.waits, waited.waitedMs, waited.askedMs)}` : '';
			return {
				message: 'Passona is receiving too many requests',
				description: `Passona limits how many requests an API token may make in a while, and refused this one: nothing was done for it.${wait}${passonaSaid}${note}`,
			};
		}
	}
	if (status >= 500) {
		return {
			message: `Passona had a problem on its side (HTTP ${status})`,
			description: context.sending
				? `This is not caused by the workflow: Passona may be briefly unavailable.${passonaSaid}`
				: `This is not caused by the workflow. The request may be retried: Passona may be briefly unavailable (turn on Retry On Fail to retry automatically).${passonaSaid}`,
		};
	}
	return {
		message: `Passona answered with an unexpected error (HTTP ${status})`,
		description: passonaSaid.trim() || 'Passona gave no details.',
	};
}

/** 423 Locked, by what was locked: a campaign sending right now holds its groups and template. */
function lockedText(context: PassonaErrorContext): PassonaErrorText {
	const wait = context.sending
		? 'Send this item again when that campaign has finished (for example after a Wait node).'
		: 'Try again when the campaign has finished (for example with a Wait node, or Retry On Fail with a long wait).';
	switch (context.subject) {
		case 'campaign':
			if (context.operation !== 'update' && context.operation !== 'delete') {
				return {
					message: 'Something this campaign uses is locked by a campaign sending right now',
					description: `Its template or one of its contact groups is in use by a campaign that is sending. ${wait}`,
				};
			}
			return {
				message: 'The campaign is sending right now, so it cannot be changed or deleted',
				description: `Passona locks a campaign while it sends. ${wait}`,
			};
		case 'template':
			return {
				message: 'The template is locked because a campaign using it is sending right now',
				description: `Passona does not allow changes to a template while a campaign sends it. ${wait} To send different text now, create a new template.`,
			};
		case 'sender':
			return {
				message: 'The sender is locked because a campaign using it is sending right now',
				description: `Passona does not allow changes to it while a campaign is sending. ${wait}`,
			};
		case 'link':
			return {
				message: 'The link is locked because a campaign using it is sending right now',
				description: `Passona does not allow changing or deleting a link while a campaign that uses it is sending. ${wait}`,
			};
		default:
			// Contact groups, a contact's groups (Sync Groups), and keywords or webhooks pointing at a group:
			// the group a campaign sends to is locked.
			return {
				message: 'The contact group is locked because a campaign using it is sending right now',
				description: `Passona does not allow changes to a group while a campaign sends to it. ${wait}`,
			};
	}
}

/** Passona's "The selected sender is invalid.": a sender the team lacks (Passona creates none). */
function senderNote(said: string[]): string {
	if (!said.some((text) => /selected sender is invalid/i.test(text))) return '';
	return '\nPassona sends only from a sender your team already has, and creates none: pick one from the Sender list, or create it first with Sender → Create (Passona moderates a new sender before it can send).';
}

/** What a 422 on changing a campaign usually means, beyond Passona's own words. */
function unprocessableNote(context: PassonaErrorContext): string {
	if (context.subject !== 'campaign' || context.operation !== 'update') return '';
	return '\nA campaign can be changed only before it starts sending, while its send date is still ahead: for a campaign already sent, create a new one.';
}

function titleCase(text: string): string {
	return text.replace(/\b\w/g, (letter) => letter.toUpperCase());
}

/** A credential after "Bearer" (an echoed Authorization header), whatever the token. */
const BEARER = /\b(Bearer)\s+[^\s"',;]+/gi;

function maskText(text: string, secrets: string[]): string {
	let masked = text.replace(BEARER, `$1 ${HIDDEN}`);
	for (const secret of secrets) masked = masked.split(secret).join(HIDDEN);
	return masked;
}

/**
 * Passona's answer with the secrets it may echo masked, in every text and key at any depth: each
 * of `secrets` (the API token) wherever it appears, and whatever follows "Bearer". Done before
 * n8n keeps the answer in an error (its message, description and stored body) or a log line.
 */
export function maskSecrets<T>(value: T, secrets: string[], depth = 0): T {
	const wanted = secrets.filter((secret) => secret.length >= 4);
	if (typeof value === 'string') return maskText(value, wanted) as T;
	if (value === null || typeof value !== 'object') return value;
	// Deeper than any answer Passona gives: not looked through, so not shown either.
	if (depth > 20) return HIDDEN as T;
	if (Array.isArray(value)) return value.map((entry) => maskSecrets(entry, wanted, depth + 1)) as T;
	const masked: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		Object.defineProperty(masked, maskText(key, wanted), {
			value: maskSecrets(entry, wanted, depth + 1),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return masked as T;
}

/**
 * Added to a 429 the node gave up on: how long it waited as Passona asked, and how to send fewer
 * requests at once (never "run again": other items of the run may have been sent).
 */
export function rateLimitNote(waits: number, waitedMs: number, askedMs?: number): string {
	const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
	const waited =
		waits > 0
			? `This node waited as Passona asked and sent it again ${waits} time${waits === 1 ? '' : 's'} (${seconds(waitedMs)} in all), and Passona still refused.`
			: '';
	const tooLong =
		askedMs !== undefined
			? ` Passona asked to wait ${seconds(askedMs)}, longer than this node waits for one request (${MAX_RATE_LIMIT_WAIT_MS / 60_000} minutes).`
			: '';
	return `${waited}${tooLong} To send fewer requests at once, lower Requests in Flight or add Batching (the node's Settings → Request Options).`.trim();
}

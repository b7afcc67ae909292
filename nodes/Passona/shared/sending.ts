/**
 * Fields and checks of the sending resources (Campaign, Template, Sender): the sender text,
 * template bodies, dates on London's clock, and the team's opt-out group.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { parseCustomFields } from './contacts';
import { customFieldsProperty, type Show } from './descriptions';
import { formatPassonaDate, parseDateInput } from './dates';
import { InputError, pairsToObject, parseBoolean, parseText } from './input';
import { DEFAULT_PARALLEL_REQUESTS, listAllPages } from './listing';
import { MAX_PAGE_SIZE, UnexpectedAnswerError } from './pagination';
import { checkBody, checkInput, unexpectedAnswer } from './routing';
import { inputError } from './inputError';
import { checkSmsBody } from './sms';
import { passonaApiRequest, rateLimitWait } from './transport';

/** Every team has this contact group; people who text OPTOUT (or STOP) land in it. */
export const OPTOUTS_GROUP_NAME = 'default_optouts';

/** A sender ("from" name): 3 to 11 characters, as Passona requires. */
export function parseSender(value: unknown): string {
	const text = parseText(value, { required: true });
	if (text.length < 3 || text.length > 11) {
		throw new InputError(
			`is ${text.length} characters long ("${text}"); a Passona sender has 3 to 11 characters`,
			'Pick one of your senders from the list, or type a name such as MyShop.',
		);
	}
	return text;
}

/** A template body: required, and it must fit one SMS. */
export function parseTemplateBody(value: unknown): string {
	return checkSmsBody(parseText(value, { required: true }));
}

export const bodySender = (property: string, field: string) =>
	checkBody(property, field, parseSender);

export const bodyTemplateText = (property: string, field: string) =>
	checkBody(property, field, parseTemplateBody);

/**
 * A date-time field sent as Passona's text on London's clock (the workflow's zone for plain
 * dates); refused when more than a minute in the past.
 */
export const bodyFutureDate = (property: string, field: string) =>
	function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const zone = this.getTimezone();
		return checkBody(property, field, (value) => {
			const instant = parseDateInput(value, zone);
			if (instant < Date.now() - PAST_TOLERANCE_MS) {
				throw new InputError(
					`is in the past (${formatPassonaDate(instant)} London time)`,
					'Choose a later date and time.',
				);
			}
			return formatPassonaDate(instant);
		}).call(this, requestOptions);
	};

/** The sender the user picked or typed, sent as `sender`. */
async function senderFromLocator(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const value = this.getNodeParameter('senderName', '', { extractValue: true });
	const sender = checkInput(this, 'Sender', () => parseSender(value));
	requestOptions.body = { ...(requestOptions.body as object), sender };
	return requestOptions;
}

/** A new sender typed as text (Update Fields, where n8n shows no resource picker). */
export const senderTextProperty: INodeProperties = {
	displayName: 'Sender',
	name: 'sender',
	type: 'string',
	default: '',
	placeholder: 'e.g. MyShop',
	description: 'New sender, 3 to 11 characters',
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
			"The name the message comes from on the phone: one of your team's senders, or a new one of 3 to 11 characters (Passona then creates it, and moderates it before it can send)",
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
		routing: { send: { preSend: [senderFromLocator] } },
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
		routing: {
			send: { type: 'body', property: 'body', preSend: [bodyTemplateText('body', 'Body')] },
		},
	};
}

/** Custom field rows, checked as Add Contacts checks them, sent as one object under `property`. */
export function customFieldsField(
	show: Show,
	property: string,
	description: string,
): INodeProperties {
	return {
		...customFieldsProperty(show, description),
		routing: {
			send: {
				preSend: [
					async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
						const fields = checkInput(this, 'Custom Fields', () =>
							parseCustomFields(pairsToObject(this.getNodeParameter('customFields.field', []))),
						);
						requestOptions.body = { ...(requestOptions.body as object), [property]: fields };
						return requestOptions;
					},
				],
			},
		},
	};
}

export interface CampaignDatesInput {
	sendNow: boolean;
	/** The send date-time field's value, when not sending now. */
	sendAt?: unknown;
	/** Expiry: a number of days after the send date, or a date-time. */
	expiryDays?: unknown;
	expiresAt?: unknown;
	/** The instant "now" (ms). */
	now: number;
	/** The workflow's time zone, for date-times written without one. */
	inputZone: string;
}

/** How late a "scheduled" date may be before it is refused as past (a form filled a moment ago). */
const PAST_TOLERANCE_MS = 60_000;

/**
 * `scheduled_send_date` and `expiry_date` as Passona takes them, on London's clock. Field names
 * in the errors are the panel's: Send At, Expires After (Days), Expires At.
 */
export function campaignDates(input: CampaignDatesInput): {
	scheduled_send_date: string;
	expiry_date: string;
} {
	const send = input.sendNow
		? input.now
		: dateField('Send At', () => parseDateInput(input.sendAt, input.inputZone));
	if (!input.sendNow && send < input.now - PAST_TOLERANCE_MS) {
		throw new FieldError(
			'Send At',
			new InputError(
				`is in the past (${formatPassonaDate(send)} London time)`,
				'Choose a later date and time, or Send Now.',
			),
		);
	}
	let expiry: number;
	if (input.expiresAt !== undefined) {
		expiry = dateField('Expires At', () => parseDateInput(input.expiresAt, input.inputZone));
		if (expiry <= send) {
			throw new FieldError(
				'Expires At',
				new InputError(
					`(${formatPassonaDate(expiry)}) is not after the send date (${formatPassonaDate(send)}), London time`,
					'A campaign stops sending at its expiry: choose a later date and time.',
				),
			);
		}
	} else {
		const days = Number(input.expiryDays ?? 2);
		if (!Number.isInteger(days) || days < 1 || days > 365) {
			throw new FieldError(
				'Expires After (Days)',
				new InputError(
					`must be a whole number of days from 1 to 365, got ${String(input.expiryDays)}`,
				),
			);
		}
		expiry = send + days * 86_400_000;
	}
	return { scheduled_send_date: formatPassonaDate(send), expiry_date: formatPassonaDate(expiry) };
}

/** An input error that knows which panel field it belongs to. */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		readonly inputError: InputError,
	) {
		super(inputError.reason);
	}
}

function dateField(field: string, read: () => number): number {
	try {
		return read();
	} catch (error) {
		throw error instanceof InputError ? new FieldError(field, error) : error;
	}
}

/** Campaign Create's When and Expiry fields, turned into Passona's two dates. */
export async function scheduleCampaign(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const when = this.getNodeParameter('when', 'now') as string;
	const expiry = this.getNodeParameter('expiry', 'afterDays') as string;
	let dates: ReturnType<typeof campaignDates>;
	try {
		dates = campaignDates({
			sendNow: when === 'now',
			sendAt: when === 'now' ? undefined : this.getNodeParameter('sendAt', ''),
			expiryDays: expiry === 'afterDays' ? this.getNodeParameter('expiryDays', 2) : undefined,
			expiresAt: expiry === 'afterDays' ? undefined : this.getNodeParameter('expiresAt', ''),
			now: Date.now(),
			inputZone: this.getTimezone(),
		});
	} catch (error) {
		// Reported against the field the failing date came from, as an input error (see inputError).
		if (error instanceof FieldError)
			checkInput(this, error.field, () => {
				throw error.inputError;
			});
		throw inputError(this.getNode(), (error as Error).message, { itemIndex: this.getItemIndex() });
	}
	requestOptions.body = { ...(requestOptions.body as object), ...dates };
	return requestOptions;
}

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

/** Adds the team's opt-out group to `excluded_contact_groups` while the switch is on (the default). */
export async function excludeOptouts(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) {
	const on = checkInput(this, 'Exclude Opted-Out Contacts', () =>
		parseBoolean(this.getNodeParameter('excludeOptouts', true)),
	);
	if (!on) return requestOptions;
	const body = (requestOptions.body ?? {}) as Record<string, unknown>;
	const excluded = (body.excluded_contact_groups as string[] | undefined) ?? [];
	const optouts = await optoutsGroupUuid.call(this);
	body.excluded_contact_groups = [...new Set([...excluded, optouts])];
	requestOptions.body = body;
	return requestOptions;
}

/**
 * When a campaign sends and expires: the dates a user types or maps, read in the workflow's time
 * zone and sent as Passona takes them (London's clock), refused when already past.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { formatPassonaDate, parseDateInput } from '../../../../core/dates';
import { InputError } from '../../../../core/input';
import { inputError } from '../../shared/inputError';
import { checkBody, checkInput } from '../../shared/routing';

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
export function campaignSchedule(this: IExecuteSingleFunctions): ReturnType<typeof campaignDates> {
	const when = this.getNodeParameter('when', 'now') as string;
	const expiry = this.getNodeParameter('expiry', 'afterDays') as string;
	try {
		return campaignDates({
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
}

/**
 * When a campaign sends and expires: the dates a user types or maps, read in the step's Time Zone
 * (UK time unless changed) and sent as Passona takes them (London's clock); refused when already
 * past, or when Passona would read them as another time (the hour the clocks go back).
 */
import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import {
	type DateReading,
	describeDate,
	formatPassonaDate,
	labelPassonaDate,
	parseTimeZone,
	PASSONA_TIME_ZONE,
	passonaReadsAs,
	readDateInput,
	WORKFLOW_TIME_ZONE,
} from '../../../../core/dates';
import { InputError } from '../../../../core/input';
import type { Show } from '../../shared/descriptions';
import { inputError } from '../../shared/inputError';
import { checkInput } from '../../shared/routing';

/** The Time Zone of the dates typed in Send At and Expires At (Create and Update). */
export const timeZoneField = (show: Show): INodeProperties => ({
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'options',
	default: PASSONA_TIME_ZONE,
	description:
		'The zone of a date typed without one in Send At or Expires At. Passona sends on UK time; a date with Z or an offset (2026-12-05T10:00:00Z) is exact whatever this says. By expression: any zone name, e.g. Europe/Paris.',
	displayOptions: { show },
	options: [
		{
			name: 'UK Time (Europe/London)',
			value: PASSONA_TIME_ZONE,
			description: 'GMT in winter, BST in summer: the clock Passona sends on',
		},
		{
			name: "Workflow's Time Zone",
			value: WORKFLOW_TIME_ZONE,
			description: 'As set in Workflow Settings → Timezone (n8n: America/New_York unless changed)',
		},
	],
});

/** The step's Time Zone, the workflow's own when chosen so. */
function timeZone(context: IExecuteSingleFunctions): string {
	return checkInput(context, 'Time Zone', () =>
		parseTimeZone(context.getNodeParameter('timeZone', PASSONA_TIME_ZONE), context.getTimezone()),
	);
}

/**
 * A date as Passona's text. Refused when Passona would read that text as another instant: London's
 * clock shows 01:00 to 01:59 twice on the last Sunday of October, and Passona (PHP) takes the
 * second, so a time in the first pass (BST) has no text that Passona reads as meant.
 */
function passonaDate(reading: DateReading): string {
	const text = formatPassonaDate(reading.instant);
	if (!readAsMeant(reading.instant)) {
		const [day, time] = text.split(' ');
		throw new InputError(
			`(${describeDate(reading)}) falls in the hour London's clock shows twice as the clocks go back, the first time (BST): Passona would read ${text} as the second time (GMT), an hour later`,
			`Choose a time before 01:00 or from 02:00 London time that morning. For the second ${time} (GMT), write ${day}T${time}Z.`,
		);
	}
	return text;
}

/**
 * A date-time field's value as Passona's text on London's clock (read in the step's Time Zone when
 * written without one), refused with the field's name when more than a minute in the past.
 */
export function futureDate(
	context: IExecuteSingleFunctions,
	field: string,
	value: unknown,
): string {
	const zone = timeZone(context);
	return checkInput(context, field, () => {
		const reading = readDateInput(value, zone);
		if (reading.instant < Date.now() - PAST_TOLERANCE_MS) {
			throw new InputError(
				`is in the past (${describeDate(reading)})`,
				'Choose a later date and time.',
			);
		}
		return passonaDate(reading);
	});
}

/**
 * Adds `london_time` to Passona's campaign: its send and expiry dates with the zone London's clock
 * is on then, as Passona reads them ("2026-12-05 10:00:00 GMT"), so that whoever reads the output
 * sees when it sends without knowing Passona's dates are UK time.
 */
export async function londonTime(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const times = Object.fromEntries(
			[
				['send_at', labelPassonaDate(item.json.scheduled_send_date)],
				['expires_at', labelPassonaDate(item.json.expiry_date)],
			].filter(([, label]) => label !== undefined),
		);
		if (Object.keys(times).length === 0) return item;
		return { ...item, json: { ...item.json, london_time: times } };
	});
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
	/** The zone of date-times written without one (the step's Time Zone). */
	inputZone: string;
}

/** How late a "scheduled" date may be before it is refused as past (a form filled a moment ago). */
const PAST_TOLERANCE_MS = 60_000;

/**
 * `scheduled_send_date` and `expiry_date` as Passona takes them, on London's clock. Field names
 * in the errors are the panel's: When, Send At, Expires After (Days), Expires At.
 */
export function campaignDates(input: CampaignDatesInput): {
	scheduled_send_date: string;
	expiry_date: string;
} {
	const send: DateReading = input.sendNow
		? { instant: input.now, given: 'now' }
		: dateField('Send At', () => readDateInput(input.sendAt, input.inputZone));
	if (!input.sendNow && send.instant < input.now - PAST_TOLERANCE_MS) {
		throw new FieldError(
			'Send At',
			new InputError(
				`is in the past (${describeDate(send)})`,
				'Choose a later date and time, or Send Now.',
			),
		);
	}
	const scheduled = input.sendNow
		? dateField('When', () => sendNowDate(send))
		: dateField('Send At', () => passonaDate(send));
	let expiry: string;
	if (input.expiresAt !== undefined) {
		const reading = dateField('Expires At', () => readDateInput(input.expiresAt, input.inputZone));
		if (reading.instant <= send.instant) {
			throw new FieldError(
				'Expires At',
				new InputError(
					`(${describeDate(reading)}) is not after the send date (${describeDate(send)})`,
					'A campaign stops sending at its expiry: choose a later date and time.',
				),
			);
		}
		expiry = dateField('Expires At', () => passonaDate(reading));
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
		// Sent as it falls: in the hour the clocks go back, Passona reads it up to an hour later.
		expiry = formatPassonaDate(send.instant + days * 86_400_000);
	}
	return { scheduled_send_date: scheduled, expiry_date: expiry };
}

/** Whether Passona reads the instant's text as that instant (to the second the text keeps). */
const readAsMeant = (instant: number) =>
	passonaReadsAs(instant) === Math.floor(instant / 1000) * 1000;

/** Send Now's date: the time now, which Passona misreads only in the first pass of October's repeated hour. */
function sendNowDate(now: DateReading): string {
	const text = formatPassonaDate(now.instant);
	if (readAsMeant(now.instant)) return text;
	throw new InputError(
		`is Send Now in the hour London's clock shows twice as the clocks go back (now ${text} BST): Passona would read that time as the second ${text.slice(11)} (GMT) and send an hour late`,
		'Run again once the clocks have gone back (London then shows 01:00 GMT), or choose At a Date and Time.',
	);
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

function dateField<T>(field: string, read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw error instanceof InputError ? new FieldError(field, error) : error;
	}
}

/** Campaign Create's When, Expiry and Time Zone fields, turned into Passona's two dates. */
export function campaignSchedule(this: IExecuteSingleFunctions): ReturnType<typeof campaignDates> {
	const when = this.getNodeParameter('when', 'now') as string;
	const expiry = this.getNodeParameter('expiry', 'afterDays') as string;
	const inputZone = timeZone(this);
	try {
		return campaignDates({
			sendNow: when === 'now',
			sendAt: when === 'now' ? undefined : this.getNodeParameter('sendAt', ''),
			expiryDays: expiry === 'afterDays' ? this.getNodeParameter('expiryDays', 2) : undefined,
			expiresAt: expiry === 'afterDays' ? undefined : this.getNodeParameter('expiresAt', ''),
			now: Date.now(),
			inputZone,
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

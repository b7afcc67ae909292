// Passona API 2.0 routes for sending (campaigns, send-test, templates, senders, with the SDK's
// shapes) and the /_sandbox controls for the clock, the outbox and sender moderation.
import { listPage, resourceRoutes, UUID } from './api';
import { API_PREFIX, type Context, find, noContent, ok, type Reply, type Route } from './context';
import type { ControlContext } from './control';
import { readPassonaDate } from './dates';
import {
	CAMPAIGN_STATUS,
	SENDER_STATUS,
	type StoredCampaign,
	type StoredSender,
	type StoredTemplate,
	TEAM_UUID,
} from './sending';
import { HttpError, isObject, type JsonObject, locked, Validator } from './validation';

/** How late a send date may be and still count as "now" (a request built a moment ago). */
const PAST_TOLERANCE_MS = 60_000;

function senderJson(ctx: Context, sender: StoredSender) {
	return {
		uuid: sender.uuid,
		team_id: '',
		sender: sender.sender,
		status: sender.status,
		created_at: sender.created_at,
		updated_at: sender.updated_at,
		links: [{ rel: 'self', uri: `${ctx.origin}${API_PREFIX}/senders/${sender.uuid}` }],
	};
}

function templateJson(ctx: Context, template: StoredTemplate) {
	return {
		uuid: template.uuid,
		name: template.name,
		body: template.body,
		links: [],
		is_locked: ctx.store.sending.templateLocked(template.uuid),
		sender: template.sender,
		created_at: template.created_at,
		updated_at: template.updated_at,
	};
}

function campaignJson(campaign: StoredCampaign) {
	return {
		uuid: campaign.uuid,
		team_uuid: TEAM_UUID,
		name: campaign.name,
		sender: campaign.sender,
		scheduled_send_date: campaign.scheduled_send_date,
		expiry_date: campaign.expiry_date,
		status: campaign.status,
		included_contact_groups: [...campaign.included_contact_groups],
		excluded_contact_groups: [...campaign.excluded_contact_groups],
		started_sending_at: campaign.started_sending_at,
		template_uuid: campaign.template_uuid,
		finished_sending_at: campaign.finished_sending_at,
		created_at: campaign.created_at,
		updated_at: campaign.updated_at,
	};
}

/** A sender's text: 3 to 11 characters. */
function senderText(v: Validator, field: string, required: boolean): string | undefined {
	const text = v.string(field, { required });
	if (text !== undefined && text !== '' && (text.length < 3 || text.length > 11)) {
		v.add(field, `The ${field} must be between 3 and 11 characters.`);
		return undefined;
	}
	return text || undefined;
}

/**
 * A sender the team has; a campaign (and a test send) also needs it approved. Passona refuses a
 * sender the team lacks and creates none (its SDK docs say a template creates one: it does not).
 */
function knownSender(
	ctx: Context,
	v: Validator,
	field: string,
	{ required, approved }: { required: boolean; approved: boolean },
): string | undefined {
	const text = senderText(v, field, required);
	if (text === undefined) return undefined;
	const sender = ctx.store.sending.findSender(text);
	if (!sender) v.add(field, `The selected ${field} is invalid.`);
	else if (approved && sender.status !== SENDER_STATUS.approved)
		v.add(field, `The ${field} "${text}" is awaiting moderation.`);
	return text;
}

function knownTemplate(ctx: Context, v: Validator, required: boolean): string | undefined {
	const uuid = v.string('template_uuid', { required });
	if (uuid && !ctx.store.sending.templates.has(uuid))
		v.add('template_uuid', 'The selected template uuid is invalid.');
	return uuid || undefined;
}

/** A `YYYY-MM-DD HH:MM:SS` date (London time); its instant, or undefined. */
function date(v: Validator, field: string, required: boolean): number | undefined {
	const text = v.string(field, { required });
	if (!text) return undefined;
	const instant = readPassonaDate(text);
	if (Number.isNaN(instant)) {
		v.add(field, `The ${field.replace(/_/g, ' ')} does not match the format Y-m-d H:i:s.`);
		return undefined;
	}
	return instant;
}

function campaignFields(ctx: Context, existing?: StoredCampaign) {
	const v = new Validator(ctx.body());
	const creating = !existing;
	const now = ctx.store.sending.clock.now();
	const fields = {
		name:
			v.string('name', { required: creating || v.has('name'), max: 255 }) ?? existing?.name ?? '',
		template_uuid: knownTemplate(ctx, v, creating) ?? existing?.template_uuid ?? '',
		sender:
			knownSender(ctx, v, 'sender', { required: creating, approved: true }) ??
			existing?.sender ??
			'',
		included_contact_groups:
			v.uuids('included_contact_groups', ctx.store.contactGroups, {
				required: creating || v.has('included_contact_groups'),
			}) ??
			existing?.included_contact_groups ??
			[],
		excluded_contact_groups:
			v.uuids('excluded_contact_groups', ctx.store.contactGroups) ??
			existing?.excluded_contact_groups ??
			[],
	};
	const send =
		date(v, 'scheduled_send_date', creating) ??
		(existing && readPassonaDate(existing.scheduled_send_date));
	const expiry =
		date(v, 'expiry_date', creating) ?? (existing && readPassonaDate(existing.expiry_date));
	if (v.has('scheduled_send_date') && send !== undefined && send < now - PAST_TOLERANCE_MS) {
		v.add('scheduled_send_date', 'The scheduled send date must be a date after or equal to now.');
	}
	if (send !== undefined && expiry !== undefined && expiry <= send && !v.failed('expiry_date')) {
		v.add('expiry_date', 'The expiry date must be a date after scheduled send date.');
	}
	v.check();
	const dates = {
		scheduled_send_date: ctx.store.sending.date(send!),
		expiry_date: ctx.store.sending.date(expiry!),
	};
	return { ...fields, ...dates };
}

/** Update is allowed only before sending starts and while the send date is still ahead. */
function changeableCampaign(ctx: Context): StoredCampaign {
	const campaign = find(ctx.store.sending.campaigns, ctx.params[0], 'Campaign');
	if (campaign.status === CAMPAIGN_STATUS.sending) throw locked('campaign');
	const started = readPassonaDate(campaign.scheduled_send_date) <= ctx.store.sending.clock.now();
	if (campaign.status !== CAMPAIGN_STATUS.scheduled || started) {
		const message =
			'The campaign can no longer be changed: it has started sending or its send date has passed.';
		throw new HttpError(422, { message, errors: { scheduled_send_date: [message] } });
	}
	return campaign;
}

function sendTest(ctx: Context): Reply {
	const v = new Validator(ctx.body());
	const name = v.string('name', { required: true, max: 255 });
	const template_uuid = knownTemplate(ctx, v, true);
	const sender = knownSender(ctx, v, 'sender', { required: true, approved: true });
	const contact_number = v.phone('contact_number', v.body.contact_number);
	const customFields = v.body.custom_fields ?? {};
	if (!isObject(customFields)) v.add('custom_fields', 'The custom fields must be an array.');
	v.check();
	const now = ctx.store.sending.clock.now();
	const campaign = ctx.store.sending.createCampaign({
		name: name!,
		template_uuid: template_uuid!,
		sender: sender!,
		scheduled_send_date: ctx.store.sending.date(now),
		expiry_date: ctx.store.sending.date(now + 2 * 86_400_000),
		included_contact_groups: [],
		excluded_contact_groups: [],
		test: { contact_number: contact_number!, custom_fields: customFields as JsonObject },
	});
	return ok(campaignJson(campaign), 201);
}

function templateFields(ctx: Context, existing?: StoredTemplate): Omit<StoredTemplate, 'uuid'> {
	if (existing && ctx.store.sending.templateLocked(existing.uuid)) throw locked('template');
	const v = new Validator(ctx.body());
	const name = v.string('name', { required: !existing || v.has('name'), max: 255 });
	const body = v.string('body', { required: !existing || v.has('body'), max: 160 });
	const sender = knownSender(ctx, v, 'sender', {
		required: !existing || v.has('sender'),
		approved: false,
	});
	v.check();
	const now = ctx.store.sending.date();
	return {
		name: name ?? existing?.name ?? '',
		body: body ?? existing?.body ?? '',
		sender: sender ?? existing?.sender ?? '',
		created_at: existing?.created_at ?? now,
		updated_at: now,
	};
}

function senderFields(ctx: Context, existing?: StoredSender): Omit<StoredSender, 'uuid'> {
	const v = new Validator(ctx.body());
	const sender = senderText(v, 'sender', true);
	const taken = sender !== undefined && ctx.store.sending.findSender(sender);
	if (taken && taken !== existing) v.add('sender', 'The sender has already been taken.');
	v.check();
	const now = ctx.store.sending.date();
	// A new name, new or changed, waits for Passona's moderation.
	const unchanged = existing !== undefined && existing.sender === sender;
	return {
		sender: sender!,
		status: unchanged ? existing.status : SENDER_STATUS.moderation,
		created_at: existing?.created_at ?? now,
		updated_at: now,
	};
}

export const sendingRoutes: Route[] = [
	{ pattern: /^\/campaigns\/send-test$/, methods: { POST: sendTest } },
	{
		pattern: /^\/campaigns$/,
		methods: {
			GET: (ctx) =>
				listPage(ctx, ctx.store.sending.campaigns, 15, (entry) => campaignJson(entry[1])),
			POST: (ctx) => ok(campaignJson(ctx.store.sending.createCampaign(campaignFields(ctx))), 201),
		},
	},
	{
		// No GET: Passona documents no endpoint for one campaign.
		pattern: new RegExp(`^/campaigns/${UUID}$`),
		methods: {
			PUT: (ctx) => {
				const campaign = changeableCampaign(ctx);
				Object.assign(campaign, campaignFields(ctx, campaign), {
					updated_at: ctx.store.sending.date(),
				});
				return ok(campaignJson(campaign));
			},
			DELETE: (ctx) => {
				const campaign = find(ctx.store.sending.campaigns, ctx.params[0], 'Campaign');
				if (campaign.status === CAMPAIGN_STATUS.sending) throw locked('campaign');
				ctx.store.sending.campaigns.delete(campaign.uuid);
				return noContent();
			},
		},
	},
	{
		pattern: new RegExp(`^/templates/${UUID}/preview$`),
		methods: {
			GET: (ctx) => {
				const template = find(ctx.store.sending.templates, ctx.params[0], 'Template');
				const preview = ctx.store.sending.preview(template);
				return ok({ ...templateJson(ctx, template), body: preview });
			},
		},
	},
	...resourceRoutes<StoredTemplate>({
		path: 'templates',
		model: 'Template',
		items: (ctx) => ctx.store.sending.templates,
		json: templateJson,
		fields: templateFields,
		remove: (ctx, uuid) => {
			if (ctx.store.sending.templateLocked(uuid)) throw locked('template');
			ctx.store.sending.templates.delete(uuid);
		},
	}),
	...resourceRoutes<StoredSender>({
		path: 'senders',
		model: 'Sender',
		items: (ctx) => ctx.store.sending.senders,
		json: senderJson,
		fields: senderFields,
		remove: (ctx, uuid) => ctx.store.sending.senders.delete(uuid),
	}),
];

function clockJson(ctx: Context) {
	const { clock, sendDurationMs } = ctx.store.sending;
	return {
		now: ctx.store.sending.date(),
		iso: new Date(clock.now()).toISOString(),
		frozen: clock.frozen,
		send_duration_ms: sendDurationMs,
	};
}

/** PUT /_sandbox/clock: { frozen?, now? (ISO text), advance_ms?, send_duration_ms? }, then campaigns catch up. */
function setClock(ctx: ControlContext): Reply {
	const v = new Validator(ctx.body());
	const frozen = v.boolean('frozen');
	const now = v.string('now');
	const at = now ? Date.parse(now) : undefined;
	if (at !== undefined && Number.isNaN(at))
		v.add('now', 'The now field must be an ISO 8601 date-time.');
	const number = (field: string) => {
		const value = v.body[field];
		if (value === undefined) return undefined;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
			v.add(field, `The ${field} field must be a number of 0 or more.`);
		return value as number;
	};
	const advance = number('advance_ms');
	const duration = number('send_duration_ms');
	v.check();
	const { clock } = ctx.store.sending;
	if (frozen === true || at !== undefined) clock.freeze(at ?? clock.now());
	if (frozen === false) clock.unfreeze();
	if (advance !== undefined) clock.advance(advance);
	if (duration !== undefined) ctx.store.sending.sendDurationMs = duration;
	ctx.store.sending.tick();
	return ok(clockJson(ctx));
}

export const sendingControlRoutes: Route<ControlContext>[] = [
	{ pattern: /^\/clock$/, methods: { GET: (ctx) => ok(clockJson(ctx)), PUT: setClock } },
	{
		pattern: /^\/outbox$/,
		methods: {
			GET: (ctx) => {
				const to = ctx.query.get('to');
				const campaign = ctx.query.get('campaign');
				return ok(
					ctx.store.sending.outbox.filter(
						(message) =>
							(!to || message.to === to) && (!campaign || message.campaign_uuid === campaign),
					),
				);
			},
			DELETE: (ctx) => {
				ctx.store.sending.outbox.length = 0;
				return noContent();
			},
		},
	},
	{
		pattern: /^\/senders\/([^/]+)\/moderation$/,
		methods: {
			PUT: (ctx) => {
				const sender = find(ctx.store.sending.senders, ctx.params[0], 'Sender');
				const v = new Validator(ctx.body());
				const approved = v.boolean('approved');
				if (approved === undefined && !v.failed('approved'))
					v.add('approved', 'The approved field is required.');
				v.check();
				sender.status = approved ? SENDER_STATUS.approved : SENDER_STATUS.moderation;
				sender.updated_at = ctx.store.sending.date();
				return ok(senderJson(ctx, sender));
			},
		},
	},
];

// Sending in the sandbox: senders (moderated), templates, campaigns with their life on a clock the
// tests drive (scheduled → sending → sent), and the outbox of every message "sent".
import { createHash, randomUUID } from 'node:crypto';
import { londonClock, readPassonaDate } from './dates';
import type { CustomFields, SandboxStore } from './store';

/** The sandbox team's uuid, in every campaign's `team_uuid`. */
export const TEAM_UUID = '4db7d890-f63c-11e9-afc6-0a58646002d8';

/**
 * Campaign `status`. Passona's docs show only 0 (new) and 2 (finished); the sandbox adds
 * 1 while sending and 3 for a campaign whose expiry passed before it could start.
 */
export const CAMPAIGN_STATUS = { scheduled: 0, sending: 1, sent: 2, expired: 3 } as const;
type CampaignStatus = (typeof CAMPAIGN_STATUS)[keyof typeof CAMPAIGN_STATUS];

/** Sender `status`: "1" approved (every example in the SDK), "0" awaiting Passona's moderation. */
export const SENDER_STATUS = { moderation: '0', approved: '1' } as const;

export interface StoredSender {
	uuid: string;
	sender: string;
	status: string;
	created_at: string;
	updated_at: string;
}

export interface StoredTemplate {
	uuid: string;
	name: string;
	body: string;
	sender: string;
	created_at: string;
	updated_at: string;
}

export interface StoredCampaign {
	uuid: string;
	name: string;
	sender: string;
	template_uuid: string;
	/** London wall clock, `YYYY-MM-DD HH:MM:SS`, like every date below. */
	scheduled_send_date: string;
	expiry_date: string;
	status: CampaignStatus;
	included_contact_groups: string[];
	excluded_contact_groups: string[];
	started_sending_at: string;
	finished_sending_at: string;
	created_at: string;
	updated_at: string;
	/** Send Test: the one number and its custom fields (no groups). */
	test?: { contact_number: string; custom_fields: CustomFields };
}

export interface OutboxMessage {
	/** Position in the outbox, from 1; never reused until reset. */
	id: number;
	campaign_uuid: string;
	kind: 'campaign' | 'test';
	to: string;
	from: string;
	/** The template's body with links and custom fields filled in. */
	body: string;
	sent_at: string;
}

/**
 * The sandbox's time. Real time by default (shifted by any `advance`); frozen, it moves only when
 * told, so a test decides exactly when a campaign starts and finishes.
 */
class SandboxClock {
	private frozenAt: number | undefined;
	private offsetMs = 0;

	now(): number {
		return this.frozenAt ?? Date.now() + this.offsetMs;
	}

	get frozen(): boolean {
		return this.frozenAt !== undefined;
	}

	/** Stops the clock at `at` (default: now). */
	freeze(at: number = this.now()): void {
		this.frozenAt = at;
	}

	/** Lets it run again from where it is. */
	unfreeze(): void {
		if (this.frozenAt !== undefined) this.offsetMs = this.frozenAt - Date.now();
		this.frozenAt = undefined;
	}

	advance(ms: number): void {
		if (this.frozenAt !== undefined) this.frozenAt += ms;
		else this.offsetMs += ms;
	}

	reset(): void {
		this.frozenAt = undefined;
		this.offsetMs = 0;
	}
}

/** `{name}` custom fields and `::LINK_NAME::` links, filled in for one recipient. */
function renderMessage(body: string, fields: CustomFields, linkSeed: string): string {
	return body
		.replace(/::([^:\s]+(?:[^:]*[^:\s])?)::/g, (_match, name: string) => {
			const code = createHash('sha256')
				.update(`${linkSeed}:${name}`)
				.digest('base64url')
				.slice(0, 6);
			return `https://psms.io/${code}`;
		})
		.replace(/\{\s*([A-Za-z0-9_.-]+)\s*\}/g, (match, name: string) =>
			Object.prototype.hasOwnProperty.call(fields, name) ? String(fields[name] ?? '') : match,
		);
}

/** Senders, templates, campaigns and the outbox of one sandbox team. */
export class SendingStore {
	readonly senders = new Map<string, StoredSender>();
	readonly templates = new Map<string, StoredTemplate>();
	readonly campaigns = new Map<string, StoredCampaign>();
	readonly outbox: OutboxMessage[] = [];
	readonly clock = new SandboxClock();
	/** How long (clock time) a campaign stays in "sending" before it is "sent". */
	sendDurationMs = 1000;
	private sentCount = 0;

	constructor(private readonly store: SandboxStore) {}

	/** Empties everything; the clock runs in real time again; the team's two default senders return. */
	reset(): void {
		this.senders.clear();
		this.templates.clear();
		this.campaigns.clear();
		this.outbox.length = 0;
		this.sentCount = 0;
		this.sendDurationMs = 1000;
		this.clock.reset();
		// Every team has the short code 88440 and one named after the team, both approved.
		this.createSender('88440', SENDER_STATUS.approved);
		this.createSender('Sandbox', SENDER_STATUS.approved);
	}

	/** `YYYY-MM-DD HH:MM:SS` on London's clock, for the sandbox's clock or the given instant. */
	date(instant: number = this.clock.now()): string {
		return londonClock(instant);
	}

	createSender(sender: string, status: string = SENDER_STATUS.moderation): StoredSender {
		const now = this.date();
		const created = { uuid: randomUUID(), sender, status, created_at: now, updated_at: now };
		this.senders.set(created.uuid, created);
		return created;
	}

	findSender(text: string): StoredSender | undefined {
		return [...this.senders.values()].find((sender) => sender.sender === text);
	}

	/**
	 * Campaigns sending as of the last tick(). The server ticks before every request and the clock
	 * control after moving the clock, so a handler sees them up to date without ticking again.
	 */
	sendingCampaigns(): StoredCampaign[] {
		return [...this.campaigns.values()].filter(
			(campaign) => campaign.status === CAMPAIGN_STATUS.sending,
		);
	}

	/** Whether a campaign sending right now uses this template. */
	templateLocked(uuid: string): boolean {
		return this.sendingCampaigns().some((campaign) => campaign.template_uuid === uuid);
	}

	/**
	 * Whether a campaign sending right now includes or excludes this contact group. Derived, like
	 * templateLocked, so it never touches the group's own `locked` (the lock set by hand).
	 */
	groupLocked(uuid: string): boolean {
		return this.sendingCampaigns().some((campaign) => this.groupsOf(campaign).includes(uuid));
	}

	createCampaign(
		fields: Omit<
			StoredCampaign,
			'uuid' | 'status' | 'started_sending_at' | 'finished_sending_at' | 'created_at' | 'updated_at'
		>,
	): StoredCampaign {
		const now = this.date();
		const campaign: StoredCampaign = {
			uuid: randomUUID(),
			...fields,
			status: CAMPAIGN_STATUS.scheduled,
			started_sending_at: '',
			finished_sending_at: '',
			created_at: now,
			updated_at: '',
		};
		this.campaigns.set(campaign.uuid, campaign);
		return campaign;
	}

	/**
	 * Brings every campaign up to the clock: a scheduled one whose send date has come starts (its
	 * messages go to the outbox at once; while it sends, its groups and template are locked); one
	 * sending for `sendDurationMs` is sent. Runs on every request, so no timers are involved.
	 */
	tick(): void {
		const now = this.clock.now();
		for (const campaign of this.campaigns.values()) {
			if (campaign.status === CAMPAIGN_STATUS.scheduled) {
				const start = readPassonaDate(campaign.scheduled_send_date);
				if (start > now) continue;
				// Only a campaign that expires before its send date never starts (Create refuses that).
				if (readPassonaDate(campaign.expiry_date) <= start) {
					campaign.status = CAMPAIGN_STATUS.expired;
					campaign.updated_at = this.date(now);
					continue;
				}
				this.start(campaign, start);
			}
			if (campaign.status === CAMPAIGN_STATUS.sending) {
				const finish = readPassonaDate(campaign.started_sending_at) + this.sendDurationMs;
				if (finish <= now) this.finish(campaign, finish);
			}
		}
	}

	/** A template as a phone would show it: example custom fields, links as tracked links. */
	preview(template: StoredTemplate): string {
		return renderMessage(
			template.body,
			{ first_name: 'Jane', last_name: 'Doe' },
			`preview:${template.uuid}`,
		);
	}

	/** Who a campaign reaches: its groups' contacts, once each, minus everyone in an excluded group. */
	recipients(
		campaign: StoredCampaign,
	): Array<{ phone_number: string; custom_fields: CustomFields }> {
		if (campaign.test)
			return [
				{ phone_number: campaign.test.contact_number, custom_fields: campaign.test.custom_fields },
			];
		const excluded = campaign.excluded_contact_groups.map(
			(uuid) => this.store.contactsOf(uuid) ?? new Map(),
		);
		const seen = new Map<string, { phone_number: string; custom_fields: CustomFields }>();
		for (const uuid of campaign.included_contact_groups) {
			for (const [phone, contact] of this.store.contactsOf(uuid) ?? []) {
				if (seen.has(phone) || excluded.some((contacts) => contacts.has(phone))) continue;
				seen.set(phone, contact);
			}
		}
		return [...seen.values()];
	}

	private groupsOf(campaign: StoredCampaign): string[] {
		return [...campaign.included_contact_groups, ...campaign.excluded_contact_groups];
	}

	private start(campaign: StoredCampaign, at: number): void {
		const sentAt = this.date(at);
		campaign.status = CAMPAIGN_STATUS.sending;
		campaign.started_sending_at = sentAt;
		campaign.updated_at = sentAt;
		const template = this.templates.get(campaign.template_uuid);
		for (const recipient of this.recipients(campaign)) {
			this.outbox.push({
				id: ++this.sentCount,
				campaign_uuid: campaign.uuid,
				kind: campaign.test ? 'test' : 'campaign',
				to: recipient.phone_number,
				from: campaign.sender,
				body: renderMessage(
					template?.body ?? '',
					recipient.custom_fields,
					`${campaign.uuid}:${recipient.phone_number}`,
				),
				sent_at: sentAt,
			});
		}
	}

	private finish(campaign: StoredCampaign, at: number): void {
		campaign.status = CAMPAIGN_STATUS.sent;
		campaign.finished_sending_at = this.date(at);
		campaign.updated_at = campaign.finished_sending_at;
	}
}

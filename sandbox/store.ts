// The sandbox's in-memory team: contact groups (with their contacts), keywords and webhooks.
import { randomUUID } from 'node:crypto';
import { SendingStore } from './sending';

export type CustomFields = Record<string, unknown>;

export interface StoredContact {
	phone_number: string;
	custom_fields: CustomFields;
	created_at: string;
}

export interface StoredContactGroup {
	uuid: string;
	name: string;
	description: string;
	created_at: string;
	updated_at: string;
	deletable: boolean;
	centralised: boolean;
	/** Background contact jobs still running (status Modifying while above 0). */
	scheduled_jobs_number: number;
	/**
	 * Locked by hand (/_sandbox/contact-groups/{uuid}/lock): updates, contact changes and deletion
	 * answer 423. A sending campaign locks its groups too, without this flag (isLocked).
	 */
	locked: boolean;
	/** Custom field names used by the group's contacts, in first-seen order. */
	headers: Set<string>;
	/** phone number → contact, in insertion order. */
	contacts: Map<string, StoredContact>;
}

export interface StoredKeyword {
	uuid: string;
	keyword: string;
	message: string;
	status: string;
	help: string;
	add_contact_to_group: boolean;
	contact_groups_uuid: string[];
	call_webhook: boolean;
	webhooks_uuid: string[];
}

export interface StoredWebhook {
	uuid: string;
	name: string;
	url: string;
	headers: Record<string, string>;
}

export interface StoredVanityDomain {
	uuid: string;
	domain: string;
	dns_status: string;
	/** A string holding a JSON list, as Passona sends it ("[]"). */
	nameservers: string;
	status: string;
	created_at: string;
	updated_at: string;
	zone_id: string;
}

export interface StoredLink {
	uuid: string;
	vanity_domain_uuid: string;
	template_uuid: string;
	name: string;
	destination: string;
	created_at: string;
	updated_at: string;
	/** In use by a sending campaign: changes and deletion answer 423. */
	locked: boolean;
}

export type ContactGroupStatus = 'Empty' | 'Modifying' | 'Ready';

export interface SeedContactGroupOptions {
	name: string;
	/** How many generated numbers (447000000000, 447000000001, …) or the numbers themselves. */
	contacts: number | string[];
	/** Give every contact `first_name` and `last_name` custom fields. */
	customFields?: boolean;
	description?: string;
	deletable?: boolean;
}

/** `YYYY-MM-DD HH:mm:ss` in UTC, as Passona writes its timestamps. */
export function timestamp(date = new Date()): string {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function newVanityDomain(domain: string): StoredVanityDomain {
	const now = timestamp();
	const uuid = randomUUID();
	return {
		uuid,
		domain,
		dns_status: 'Pending Validation',
		nameservers: '[]',
		status: '1',
		created_at: now,
		updated_at: now,
		zone_id: '',
	};
}

export class SandboxStore {
	readonly contactGroups = new Map<string, StoredContactGroup>();
	readonly keywords = new Map<string, StoredKeyword>();
	readonly webhooks = new Map<string, StoredWebhook>();
	readonly vanityDomains = new Map<string, StoredVanityDomain>();
	readonly links = new Map<string, StoredLink>();
	/** Every team's https://psms.io (kept by reset(), same uuid). */
	readonly defaultVanityDomain = newVanityDomain('https://psms.io');
	/** Senders, templates, campaigns, the outbox and the clock (sandbox/sending.ts). */
	readonly sending: SendingStore = new SendingStore(this);
	/** How long an asynchronous contact job runs before the group is Ready (or Empty) again. */
	jobDelayMs: number;
	private readonly timers = new Set<NodeJS.Timeout>();
	private defaultOptouts!: StoredContactGroup;

	constructor(options: { jobDelayMs?: number } = {}) {
		this.jobDelayMs = options.jobDelayMs ?? 200;
		this.reset();
	}

	/** The team's `default_optouts` group (kept by reset()). */
	get defaultOptoutsGroup(): StoredContactGroup {
		return this.defaultOptouts;
	}

	/** Empties the store and cancels running jobs; `default_optouts` stays (same uuid, no contacts). */
	reset(): void {
		this.cancelJobs();
		this.keywords.clear();
		this.webhooks.clear();
		this.links.clear();
		this.vanityDomains.clear();
		this.vanityDomains.set(this.defaultVanityDomain.uuid, this.defaultVanityDomain);
		this.sending.reset();
		this.contactGroups.clear();
		if (this.defaultOptouts) {
			this.defaultOptouts.contacts.clear();
			this.defaultOptouts.headers.clear();
			this.defaultOptouts.locked = false;
			this.defaultOptouts.scheduled_jobs_number = 0;
			this.contactGroups.set(this.defaultOptouts.uuid, this.defaultOptouts);
		} else {
			this.defaultOptouts = this.createContactGroup({
				name: 'default_optouts',
				description: 'The default contact group created on team creation.',
				deletable: false,
			});
			this.defaultOptouts.centralised = true;
		}
	}

	/** Clears the job timers (the server calls this on close). */
	cancelJobs(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const group of this.contactGroups.values()) group.scheduled_jobs_number = 0;
	}

	createContactGroup(input: {
		name: string;
		description?: string;
		deletable?: boolean;
	}): StoredContactGroup {
		const now = timestamp();
		const group: StoredContactGroup = {
			uuid: randomUUID(),
			name: input.name,
			description: input.description ?? '',
			created_at: now,
			updated_at: now,
			deletable: input.deletable ?? true,
			centralised: false,
			scheduled_jobs_number: 0,
			locked: false,
			headers: new Set(),
			contacts: new Map(),
		};
		this.contactGroups.set(group.uuid, group);
		return group;
	}

	/** A Ready group with its contacts in place at once (no job): for tests and benchmarks. */
	seedContactGroup(options: SeedContactGroupOptions): StoredContactGroup {
		const group = this.createContactGroup(options);
		const now = group.created_at;
		const count = typeof options.contacts === 'number' ? options.contacts : options.contacts.length;
		const contacts = group.contacts;
		for (let i = 0; i < count; i++) {
			const phone =
				typeof options.contacts === 'number' ? String(447000000000 + i) : options.contacts[i];
			const custom_fields: CustomFields = options.customFields
				? { first_name: `First${i}`, last_name: `Last${i}` }
				: {};
			contacts.set(phone, { phone_number: phone, custom_fields, created_at: now });
		}
		if (options.customFields && count > 0) {
			group.headers.add('first_name');
			group.headers.add('last_name');
		}
		return group;
	}

	/** Whether changes to the group answer 423: locked by hand, or in use by a sending campaign. */
	isLocked(group: StoredContactGroup): boolean {
		return group.locked || this.sending.groupLocked(group.uuid);
	}

	contactsOf(uuid: string): Map<string, StoredContact> | undefined {
		return this.contactGroups.get(uuid)?.contacts;
	}

	/** Sets or clears the lock by hand (as if a campaign were sending); false when there is no such group. */
	lockGroup(uuid: string, locked: boolean): boolean {
		const group = this.contactGroups.get(uuid);
		if (!group) return false;
		group.locked = locked;
		return true;
	}

	statusOf(group: StoredContactGroup): ContactGroupStatus {
		if (group.scheduled_jobs_number > 0) return 'Modifying';
		return group.contacts.size > 0 ? 'Ready' : 'Empty';
	}

	/** Adds (or updates the custom fields of) contacts, as one background job. */
	addContacts(
		group: StoredContactGroup,
		contacts: { phone_number: string; custom_fields?: CustomFields }[],
	): void {
		const now = timestamp();
		for (const contact of contacts) {
			const custom_fields = contact.custom_fields ?? {};
			const existing = group.contacts.get(contact.phone_number);
			if (existing) existing.custom_fields = custom_fields;
			else
				group.contacts.set(contact.phone_number, {
					phone_number: contact.phone_number,
					custom_fields,
					created_at: now,
				});
			for (const name of Object.keys(custom_fields)) group.headers.add(name);
		}
		this.scheduleJob(group);
	}

	removeContacts(group: StoredContactGroup, phoneNumbers: string[]): void {
		for (const phone of phoneNumbers) group.contacts.delete(phone);
		if (group.headers.size > 0) {
			const headers = new Set<string>();
			for (const contact of group.contacts.values()) {
				for (const name of Object.keys(contact.custom_fields)) headers.add(name);
			}
			group.headers = headers;
		}
		this.scheduleJob(group);
	}

	flush(group: StoredContactGroup): void {
		group.contacts.clear();
		group.headers.clear();
		this.scheduleJob(group);
	}

	/** Whether any keyword adds its senders to this group. */
	keywordsUsing(groupUuid: string): StoredKeyword[] {
		return [...this.keywords.values()].filter((keyword) =>
			keyword.contact_groups_uuid.includes(groupUuid),
		);
	}

	deleteWebhook(uuid: string): void {
		this.webhooks.delete(uuid);
		for (const keyword of this.keywords.values()) {
			keyword.webhooks_uuid = keyword.webhooks_uuid.filter((id) => id !== uuid);
		}
	}

	findKeyword(word: string): StoredKeyword | undefined {
		const wanted = word.toLowerCase();
		for (const keyword of this.keywords.values()) {
			if (keyword.keyword.toLowerCase() === wanted) return keyword;
		}
		return undefined;
	}

	/** The change is already applied; the group reads Modifying until the job's delay has passed. */
	private scheduleJob(group: StoredContactGroup): void {
		group.updated_at = timestamp();
		group.scheduled_jobs_number++;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			group.scheduled_jobs_number = Math.max(0, group.scheduled_jobs_number - 1);
		}, this.jobDelayMs);
		timer.unref();
		this.timers.add(timer);
	}
}

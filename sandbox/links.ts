// Links, vanity domains, contact sync and the link lock: the rest of Passona's API in the sandbox.
import { randomUUID } from 'node:crypto';
import { isHttpUrl, resourceRoutes } from './api';
import { API_PREFIX, type Context, find, noContent, ok, type Route } from './context';
import { lockRoute } from './control';
import { newVanityDomain, type StoredLink, type StoredVanityDomain, timestamp } from './store';
import { HttpError, locked, Validator } from './validation';

function vanityDomainJson(ctx: Context, domain: StoredVanityDomain) {
	const { uuid } = domain;
	return {
		...domain,
		links: [{ rel: 'self', uri: `${ctx.origin}${API_PREFIX}/vanity-domains/${uuid}` }],
	};
}

function linkJson(link: StoredLink) {
	const { locked: _locked, ...json } = link;
	return json;
}

function notTheDefault(ctx: Context, uuid: string): void {
	if (uuid === ctx.store.defaultVanityDomain.uuid) {
		throw new HttpError(409, {
			message: 'The default vanity domain https://psms.io cannot be changed or deleted.',
		});
	}
}

/** `domain`: a URL with scheme and host, unique in the team. */
function vanityDomainFields(
	ctx: Context,
	existing?: StoredVanityDomain,
): Omit<StoredVanityDomain, 'uuid'> {
	if (existing) notTheDefault(ctx, existing.uuid);
	const v = new Validator(ctx.body());
	const domain = v.string('domain', { required: true, max: 255 });
	if (domain !== undefined && !isHttpUrl(domain)) v.add('domain', 'The domain format is invalid.');
	const taken = [...ctx.store.vanityDomains.values()].some(
		(other) => other.domain === domain && other !== existing,
	);
	if (taken) v.add('domain', 'The domain has already been taken.');
	v.check();
	const { uuid: _uuid, ...fresh } = newVanityDomain(domain!);
	return existing ? { ...existing, domain: domain!, updated_at: timestamp() } : fresh;
}

/** Locked by hand (/_sandbox/links/{uuid}/lock), or while a campaign sends its template. */
function unlockedLink(ctx: Context): StoredLink {
	const link = find(ctx.store.links, ctx.params[0], 'Link');
	if (link.locked || ctx.store.sending.templateLocked(link.template_uuid)) throw locked('link');
	return link;
}

/** vanity_domain_uuid and template_uuid (the team's), name, destination; all required on create. */
function linkFields(ctx: Context, existing?: StoredLink): Omit<StoredLink, 'uuid'> {
	const v = new Validator(ctx.body());
	const required = (field: string) => !existing || v.has(field);
	const domain = v.string('vanity_domain_uuid', { required: required('vanity_domain_uuid') });
	if (domain !== undefined && !ctx.store.vanityDomains.has(domain))
		v.add('vanity_domain_uuid', 'The selected vanity domain uuid is invalid.');
	const template = v.string('template_uuid', { required: required('template_uuid') });
	if (template !== undefined && !ctx.store.sending.templates.has(template))
		v.add('template_uuid', 'The selected template uuid is invalid.');
	const name = v.string('name', { required: required('name'), max: 255 });
	const destination = v.string('destination', { required: required('destination'), max: 2048 });
	if (destination !== undefined && !isHttpUrl(destination))
		v.add('destination', 'The destination format is invalid.');
	v.check();
	const now = timestamp();
	return {
		vanity_domain_uuid: domain ?? existing?.vanity_domain_uuid ?? '',
		template_uuid: template ?? existing?.template_uuid ?? '',
		name: name ?? existing?.name ?? '',
		destination: destination ?? existing?.destination ?? '',
		created_at: existing?.created_at ?? now,
		updated_at: now,
		locked: existing?.locked ?? false,
	};
}

/**
 * Sync replaces (the sandbox's reading of Passona's undocumented endpoint, as Laravel's sync()
 * does): the contact ends up in exactly the groups listed and leaves every other group.
 */
function syncGroups(ctx: Context) {
	const v = new Validator(ctx.body());
	const contact = v.phone('contact', v.body.contact);
	const wanted = v.uuids('groups', ctx.store.contactGroups, { required: true }) ?? [];
	v.check();
	const changes = [...ctx.store.contactGroups.values()].filter(
		(group) => wanted.includes(group.uuid) !== group.contacts.has(contact!),
	);
	if (changes.some((group) => ctx.store.isLocked(group))) throw locked('contact group');
	for (const group of changes) {
		if (wanted.includes(group.uuid)) ctx.store.addContacts(group, [{ phone_number: contact! }]);
		else ctx.store.removeContacts(group, [contact!]);
	}
	return { status: 200, body: [] };
}

export const moreApiRoutes: Route[] = [
	...resourceRoutes<StoredVanityDomain>({
		path: 'vanity-domains',
		model: 'VanityDomain',
		items: (ctx) => ctx.store.vanityDomains,
		json: vanityDomainJson,
		fields: vanityDomainFields,
		remove: (ctx, uuid) => {
			notTheDefault(ctx, uuid);
			if ([...ctx.store.links.values()].some((link) => link.vanity_domain_uuid === uuid)) {
				throw new HttpError(409, { message: 'The vanity domain is used by links.' });
			}
			ctx.store.vanityDomains.delete(uuid);
		},
	}),
	{
		// Passona documents no list of links.
		pattern: /^\/links$/,
		methods: {
			POST: (ctx) => {
				const link = { uuid: randomUUID(), ...linkFields(ctx) };
				ctx.store.links.set(link.uuid, link);
				return ok(linkJson(link), 201);
			},
		},
	},
	{
		pattern: /^\/links\/([^/]+)$/,
		methods: {
			GET: (ctx) => ok(linkJson(find(ctx.store.links, ctx.params[0], 'Link'))),
			PUT: (ctx) => {
				const link = unlockedLink(ctx);
				Object.assign(link, linkFields(ctx, link));
				return ok(linkJson(link));
			},
			DELETE: (ctx) => {
				ctx.store.links.delete(unlockedLink(ctx).uuid);
				return noContent();
			},
		},
	},
	{ pattern: /^\/contact\/sync\/groups$/, methods: { POST: syncGroups } },
];

/** PUT /_sandbox/links/{uuid}/lock { locked }: a sending campaign's hold on a link, by hand. */
export const moreControlRoutes: Route[] = [
	lockRoute({
		path: 'links',
		model: 'Link',
		items: (ctx) => ctx.store.links,
		json: (_ctx, link) => linkJson(link),
	}),
];

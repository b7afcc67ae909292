// The Passona API 2.0 routes: balance, contact groups, keywords, webhooks.
import { randomUUID } from 'node:crypto';
import { API_PREFIX, type Context, find, noContent, ok, type Reply, type Route } from './context';
import {
	type CustomFields,
	type StoredContact,
	type StoredContactGroup,
	type StoredKeyword,
	type StoredWebhook,
	timestamp,
} from './store';
import { paginate, parsePage } from './pages';
import { HttpError, isObject, type JsonObject, locked, Validator } from './validation';

const selfLinks = (ctx: Context, resource: string, uuid: string) => [
	{ rel: 'self', uri: `${ctx.origin}${API_PREFIX}/${resource}/${uuid}` },
];

export function contactGroupJson(ctx: Context, group: StoredContactGroup) {
	return {
		uuid: group.uuid,
		name: group.name,
		description: group.description,
		created_at: group.created_at,
		updated_at: group.updated_at,
		deletable: group.deletable,
		centralised: group.centralised,
		number_of_contacts: group.contacts.size,
		scheduled_jobs_number: group.scheduled_jobs_number,
		status: ctx.store.statusOf(group),
		headers: [...group.headers],
		links: selfLinks(ctx, 'contact-groups', group.uuid),
	};
}

function keywordJson(ctx: Context, keyword: StoredKeyword) {
	return {
		uuid: keyword.uuid,
		keyword: keyword.keyword,
		message: keyword.message,
		status: keyword.status,
		help: keyword.help,
		add_contact_to_group: keyword.add_contact_to_group,
		contact_groups_uuid: [...keyword.contact_groups_uuid],
		call_webhook: keyword.call_webhook,
		webhooks_uuid: [...keyword.webhooks_uuid],
		links: selfLinks(ctx, 'keywords', keyword.uuid),
	};
}

function webhookJson(ctx: Context, webhook: StoredWebhook) {
	return {
		name: webhook.name,
		uuid: webhook.uuid,
		url: webhook.url,
		headers: { ...webhook.headers },
		links: selfLinks(ctx, 'webhooks', webhook.uuid),
	};
}

const contactJson = (contact: StoredContact) => ({
	phone_number: contact.phone_number,
	created_at: contact.created_at,
});

export function listPage<S, T>(
	ctx: Context,
	items: Iterable<S> & { size: number },
	perPage: number,
	map: (item: S) => T,
): Reply {
	const page = paginate(
		items,
		items.size,
		parsePage(ctx.query, perPage),
		`${ctx.origin}${API_PREFIX}${ctx.path}`,
		map,
	);
	return { status: 200, body: page };
}

const group = (ctx: Context) => find(ctx.store.contactGroups, ctx.params[0], 'ContactGroup');

function unlockedGroup(ctx: Context): StoredContactGroup {
	const found = group(ctx);
	if (ctx.store.isLocked(found)) throw locked('contact group');
	return found;
}

/** name / description / deletable of a contact group; name is required on create. */
function groupFields(body: JsonObject, creating: boolean) {
	const v = new Validator(body);
	const fields = {
		name: v.string('name', { required: creating || v.has('name'), max: 255 }),
		description: v.string('description'),
		deletable: v.boolean('deletable'),
	};
	return { v, fields };
}

function contactsToAdd(v: Validator): { phone_number: string; custom_fields: CustomFields }[] {
	const list = v.array('contacts', { required: true }) ?? [];
	const contacts: { phone_number: string; custom_fields: CustomFields }[] = [];
	list.forEach((item, index) => {
		const field = `contacts.${index}`;
		if (!isObject(item)) {
			v.add(field, `The ${field} field must be an array.`);
			return;
		}
		const phone = v.phone(`${field}.phone_number`, item.phone_number);
		const customFields = item.custom_fields ?? {};
		if (!isObject(customFields))
			v.add(`${field}.custom_fields`, `The ${field}.custom_fields field must be an array.`);
		if (phone && isObject(customFields))
			contacts.push({ phone_number: phone, custom_fields: customFields });
	});
	return contacts;
}

function phoneList(v: Validator, field: string): string[] {
	const list = v.array(field, { required: true }) ?? [];
	const phones: string[] = [];
	list.forEach((item, index) => {
		const phone = v.phone(`${field}.${index}`, item);
		if (phone) phones.push(phone);
	});
	return phones;
}

/** included/excluded uuid lists from the JSON body, or from the query (`name[]=…` or `name=…`). */
function uniqueContactsInput(ctx: Context): JsonObject {
	const body = ctx.body();
	if (Object.keys(body).length > 0) return body;
	const input: JsonObject = {};
	for (const name of ['included_contact_group_uuids', 'excluded_contact_group_uuids']) {
		const values = [...ctx.query.getAll(`${name}[]`), ...ctx.query.getAll(name)].flatMap((value) =>
			value.split(','),
		);
		if (values.length) input[name] = values.filter(Boolean);
	}
	return input;
}

function uniqueContacts(ctx: Context): Reply {
	const v = new Validator(uniqueContactsInput(ctx));
	const included =
		v.uuids('included_contact_group_uuids', ctx.store.contactGroups, { required: true }) ?? [];
	const excluded = v.uuids('excluded_contact_group_uuids', ctx.store.contactGroups) ?? [];
	v.check();
	const excludedGroups = excluded.map((uuid) => ctx.store.contactGroups.get(uuid)!.contacts);
	const seen = new Map<string, StoredContact>();
	for (const uuid of included) {
		for (const [phone, contact] of ctx.store.contactGroups.get(uuid)!.contacts) {
			if (seen.has(phone) || excludedGroups.some((contacts) => contacts.has(phone))) continue;
			seen.set(phone, contact);
		}
	}
	return ok([...seen.values()].map(contactJson));
}

function keywordFields(ctx: Context, existing?: StoredKeyword): Omit<StoredKeyword, 'uuid'> {
	const body = ctx.body();
	const v = new Validator(body);
	const keyword = v.string('keyword', { required: !existing || v.has('keyword'), max: 255 });
	if (keyword !== undefined && /\s/.test(keyword))
		v.add('keyword', 'The keyword field must be a single word.');
	const taken = keyword !== undefined && ctx.store.findKeyword(keyword);
	if (taken && taken !== existing) v.add('keyword', 'The keyword has already been taken.');
	const fields = {
		keyword: keyword ?? existing?.keyword ?? '',
		status: existing?.status ?? '1',
		message: v.string('message') ?? existing?.message ?? '',
		help: v.string('help') ?? existing?.help ?? '',
		add_contact_to_group:
			v.boolean('add_contact_to_group') ?? existing?.add_contact_to_group ?? false,
		contact_groups_uuid:
			v.uuids('contact_groups_uuid', ctx.store.contactGroups) ??
			existing?.contact_groups_uuid ??
			[],
		call_webhook: v.boolean('call_webhook') ?? existing?.call_webhook ?? false,
		webhooks_uuid: v.uuids('webhooks_uuid', ctx.store.webhooks) ?? existing?.webhooks_uuid ?? [],
	};
	if (
		fields.add_contact_to_group &&
		fields.contact_groups_uuid.length === 0 &&
		!v.failed('contact_groups_uuid')
	) {
		v.add(
			'contact_groups_uuid',
			'The contact_groups_uuid field is required when add contact to group is true.',
		);
	}
	if (fields.call_webhook && fields.webhooks_uuid.length === 0 && !v.failed('webhooks_uuid')) {
		v.add('webhooks_uuid', 'The webhooks_uuid field is required when call webhook is true.');
	}
	v.check();
	return fields;
}

function webhookFields(ctx: Context, existing?: StoredWebhook): Omit<StoredWebhook, 'uuid'> {
	const body = ctx.body();
	const v = new Validator(body);
	const name = v.string('name', { required: !existing || v.has('name'), max: 255 });
	const url = v.string('url', { required: !existing || v.has('url'), max: 2048 });
	if (url !== undefined && !isHttpUrl(url)) v.add('url', 'The url field must be a valid URL.');
	let headers: Record<string, string> | undefined;
	if (body.headers !== undefined && body.headers !== null) {
		if (!isObject(body.headers)) v.add('headers', 'The headers field must be an array.');
		else {
			headers = {};
			for (const [key, value] of Object.entries(body.headers)) {
				if (typeof value === 'string') headers[key] = value;
				else v.add(`headers.${key}`, `The headers.${key} field must be a string.`);
			}
		}
	}
	v.check();
	return {
		name: name ?? existing?.name ?? '',
		url: url ?? existing?.url ?? '',
		headers: headers ?? existing?.headers ?? {},
	};
}

export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

export const UUID = '([^/]+)';

/** List (15 a page), create, show, update (given fields only) and delete of a uuid-keyed resource. */
export function resourceRoutes<T extends { uuid: string }>(resource: {
	path: string;
	model: string;
	items: (ctx: Context) => Map<string, T>;
	json: (ctx: Context, item: T) => unknown;
	fields: (ctx: Context, existing?: T) => Omit<T, 'uuid'>;
	remove: (ctx: Context, uuid: string) => void;
}): Route[] {
	const one = (ctx: Context) => find(resource.items(ctx), ctx.params[0], resource.model);
	return [
		{
			pattern: new RegExp(`^/${resource.path}$`),
			methods: {
				GET: (ctx) =>
					listPage(ctx, resource.items(ctx), 15, (entry) => resource.json(ctx, entry[1])),
				POST: (ctx) => {
					const item = { uuid: randomUUID(), ...resource.fields(ctx) } as T;
					resource.items(ctx).set(item.uuid, item);
					return ok(resource.json(ctx, item), 201);
				},
			},
		},
		{
			pattern: new RegExp(`^/${resource.path}/${UUID}$`),
			methods: {
				GET: (ctx) => ok(resource.json(ctx, one(ctx))),
				PUT: (ctx) => {
					const item = one(ctx);
					Object.assign(item, resource.fields(ctx, item));
					return ok(resource.json(ctx, item));
				},
				DELETE: (ctx) => {
					resource.remove(ctx, one(ctx).uuid);
					return noContent();
				},
			},
		},
	];
}

export const apiRoutes: Route[] = [
	{
		pattern: /^\/balance$/,
		methods: { GET: () => ok({ balance: 1000, currency: 'GBP' }) },
	},
	{
		pattern: /^\/contact-groups$/,
		methods: {
			GET: (ctx) => listPage(ctx, ctx.store.contactGroups, 50, (g) => contactGroupJson(ctx, g[1])),
			POST: (ctx) => {
				const { v, fields } = groupFields(ctx.body(), true);
				v.check();
				return ok(
					contactGroupJson(ctx, ctx.store.createContactGroup({ ...fields, name: fields.name! })),
					201,
				);
			},
		},
	},
	{
		pattern: /^\/contact-groups\/bulk-contacts$/,
		methods: {
			POST: (ctx) => {
				const { v, fields } = groupFields(ctx.body(), true);
				const phones = phoneList(v, 'contacts');
				v.check();
				const created = ctx.store.createContactGroup({ ...fields, name: fields.name! });
				ctx.store.addContacts(
					created,
					phones.map((phone_number) => ({ phone_number })),
				);
				return ok(contactGroupJson(ctx, created), 201);
			},
		},
	},
	{
		pattern: /^\/contact-groups\/unique-contacts$/,
		methods: { GET: uniqueContacts, POST: uniqueContacts },
	},
	{
		pattern: new RegExp(`^/contact-groups/${UUID}$`),
		methods: {
			GET: (ctx) => ok(contactGroupJson(ctx, group(ctx))),
			PUT: (ctx) => {
				const found = unlockedGroup(ctx);
				const { v, fields } = groupFields(ctx.body(), false);
				v.check();
				if (fields.name !== undefined) found.name = fields.name;
				if (fields.description !== undefined) found.description = fields.description;
				if (fields.deletable !== undefined) found.deletable = fields.deletable;
				found.updated_at = timestamp();
				return ok(contactGroupJson(ctx, found));
			},
			DELETE: (ctx) => {
				const found = unlockedGroup(ctx);
				if (found.centralised)
					throw new HttpError(409, { message: 'The default opt-out group cannot be deleted.' });
				const keywords = ctx.store.keywordsUsing(found.uuid);
				if (keywords.length > 0) {
					const names = keywords.map((keyword) => keyword.keyword).join(', ');
					throw new HttpError(409, {
						message: `The contact group has keywords attached: ${names}.`,
					});
				}
				ctx.store.contactGroups.delete(found.uuid);
				return noContent();
			},
		},
	},
	{
		pattern: new RegExp(`^/contact-groups/${UUID}/add-contacts$`),
		methods: {
			PUT: (ctx) => {
				const found = unlockedGroup(ctx);
				const v = new Validator(ctx.body());
				const contacts = contactsToAdd(v);
				v.check();
				ctx.store.addContacts(found, contacts);
				return ok(contactGroupJson(ctx, found));
			},
		},
	},
	{
		pattern: new RegExp(`^/contact-groups/${UUID}/remove-contacts$`),
		methods: {
			PUT: (ctx) => {
				const found = unlockedGroup(ctx);
				const v = new Validator(ctx.body());
				const phones = phoneList(v, 'phone_numbers');
				v.check();
				ctx.store.removeContacts(found, phones);
				return ok(contactGroupJson(ctx, found));
			},
		},
	},
	{
		pattern: new RegExp(`^/contact-groups/${UUID}/list-contacts$`),
		methods: {
			GET: (ctx) => listPage(ctx, group(ctx).contacts, 50, (entry) => contactJson(entry[1])),
		},
	},
	{
		pattern: new RegExp(`^/contact-groups/${UUID}/flush$`),
		methods: {
			PUT: (ctx) => {
				const found = unlockedGroup(ctx);
				ctx.store.flush(found);
				return ok(contactGroupJson(ctx, found));
			},
		},
	},
	...resourceRoutes<StoredKeyword>({
		path: 'keywords',
		model: 'Keyword',
		items: (ctx) => ctx.store.keywords,
		json: keywordJson,
		fields: keywordFields,
		remove: (ctx, uuid) => ctx.store.keywords.delete(uuid),
	}),
	...resourceRoutes<StoredWebhook>({
		path: 'webhooks',
		model: 'Webhook',
		items: (ctx) => ctx.store.webhooks,
		json: webhookJson,
		fields: webhookFields,
		remove: (ctx, uuid) => ctx.store.deleteWebhook(uuid),
	}),
];

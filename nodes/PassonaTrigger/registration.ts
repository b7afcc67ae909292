/**
 * The Passona side of the trigger: one Passona webhook per registration (production URL, test
 * URL), attached to the chosen keywords. Activation first removes webhooks left behind for the
 * same URL, and undoes itself on failure; deactivation leaves the keywords as they were (other
 * triggers' webhooks keep `call_webhook` on) and treats "already gone" (404) as done.
 *
 * The secret Passona sends with each delivery goes to Passona once, when the webhook is created;
 * n8n keeps only its SHA-256 digest: n8n copies a workflow's static data into stored executions.
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { passonaApiRequest, passonaApiRequestAllItems, withNote } from '../../core/transport';
import { VERIFICATION_HEADER } from '../../core/constants';
import { secretDigest, secretMatches } from './delivery';

export interface AttachedKeyword {
	uuid: string;
	/** `call_webhook` before we switched it on, restored when we leave the keyword. */
	callWebhookBefore: boolean;
	/** The webhooks attached before ours: one not among them was added after ours. */
	webhooksBefore?: string[];
}

/** How often an attach (or detach) is written again when a concurrent change undid it. */
export const ATTACH_ATTEMPTS = 5;

export interface Registration {
	webhookId: string;
	/** SHA-256 of the secret, hex (`secretDigest`); the secret itself is not kept. */
	secretDigest: string;
	/**
	 * Whether it is the test URL's registration: a delivery is let in by the registrations of its
	 * own kind, whatever host its process puts in the URL. Not recorded by 0.1.0.
	 */
	isTest?: boolean;
	/**
	 * n8n's instance id where it was made: a copy of the workflow's static data in another n8n
	 * (another encryption key) never removes it. Not recorded by 0.1.0.
	 */
	instanceId?: string;
	keywords: AttachedKeyword[];
}

/** A registration saved by 0.1.0: the secret itself, replaced by its digest when read. */
interface LegacyRegistration extends Omit<Registration, 'secretDigest'> {
	secret: string;
}

interface TriggerStaticData {
	/** By webhook URL: test and production registrations live side by side. */
	registrations?: Record<string, Registration | LegacyRegistration>;
}

interface PassonaKeyword {
	uuid: string;
	call_webhook?: boolean;
	webhooks_uuid?: string[];
}

interface PassonaWebhook {
	uuid: string;
	url: string;
	headers?: Record<string, string> | null;
}

type StaticDataContext =
	| IHookFunctions
	| { getWorkflowStaticData: IHookFunctions['getWorkflowStaticData'] };

/** A stored registration with a 0.1.0 `secret` given as its digest. */
function upgraded(stored: Registration | LegacyRegistration): Registration {
	if (typeof (stored as Partial<LegacyRegistration> | null)?.secret !== 'string')
		return stored as Registration;
	const { secret, ...rest } = stored as LegacyRegistration;
	return { ...rest, secretDigest: secretDigest(secret) };
}

/** The registrations by URL, for activation, check and deactivation, which n8n saves afterwards. */
export function registrations(context: StaticDataContext) {
	const data = context.getWorkflowStaticData('node') as TriggerStaticData;
	data.registrations ??= {};
	for (const [url, stored] of Object.entries(data.registrations)) {
		const current = upgraded(stored);
		if (current !== stored) data.registrations[url] = current;
	}
	return data.registrations as Record<string, Registration>;
}

/**
 * The URLs registered and the registration of one, read without writing: n8n saves a delivery's
 * static data when it changed, and a delivery that arrives while the trigger is being activated
 * would otherwise save it back without the registration the activation is about to save.
 */
export function readRegistrations(context: StaticDataContext): Record<string, Registration> {
	const stored = (context.getWorkflowStaticData('node') as TriggerStaticData).registrations ?? {};
	return Object.fromEntries(
		Object.entries(stored).map(([url, registration]) => [url, upgraded(registration)]),
	);
}

/** The path of a URL: what stays the same when processes name different hosts. */
export function pathOf(url: string | undefined): string | undefined {
	try {
		return url === undefined ? undefined : new URL(url).pathname;
	} catch {
		return undefined;
	}
}

/**
 * The URLs of this node's registrations of the same kind (test or production) as `url` under
 * another address: left when n8n's webhook URL changed (WEBHOOK_URL), and still called by Passona
 * there with every inbound SMS. Found in this node's own static data only, so they are this
 * node's own webhooks; one made by another n8n (a copy of the static data, told apart by n8n's
 * instance id) is left alone. A registration saved before its kind was recorded counts when its
 * URL has the same path.
 */
export function earlierRegistrations(context: IHookFunctions, url: string): string[] {
	const isTest = context.getMode() === 'manual';
	const instanceId = context.getInstanceId();
	return Object.entries(readRegistrations(context))
		.filter(
			([other, registration]) =>
				other !== url &&
				(registration.isTest !== undefined
					? registration.isTest === isTest
					: pathOf(other) === pathOf(url)) &&
				(registration.instanceId === undefined || registration.instanceId === instanceId),
		)
		.map(([other]) => other);
}

/** Named so that a person in Passona's dashboard sees which n8n workflow owns it. */
export function webhookName(workflow: { id?: string; name?: string }, nodeName: string): string {
	const name = `n8n: ${workflow.name ?? 'workflow'} (workflow ${workflow.id ?? '?'}, node "${nodeName}")`;
	return name.length > 255 ? `${name.slice(0, 252)}...` : name;
}

async function getKeyword(context: IHookFunctions, uuid: string, tolerateMissing: boolean) {
	const body = (await passonaApiRequest.call(
		context,
		'GET',
		`/keywords/${uuid}`,
		{ subject: 'keyword', uuid },
		{
			notFoundIsEmpty: tolerateMissing,
		},
	)) as { data?: PassonaKeyword } | undefined;
	return body?.data;
}

async function putKeyword(
	context: IHookFunctions,
	uuid: string,
	body: IDataObject,
	tolerateMissing: boolean,
) {
	await passonaApiRequest.call(
		context,
		'PUT',
		`/keywords/${uuid}`,
		{ subject: 'keyword', uuid },
		{
			body,
			notFoundIsEmpty: tolerateMissing,
		},
	);
}

/**
 * Adds the webhook to the keyword, keeping every webhook already attached (minus `stale` ones
 * of ours). Passona takes the whole list on each write, so a concurrent activation can replace
 * it: the keyword is read back after writing, and the write made again until ours is there.
 */
async function attach(
	context: IHookFunctions,
	registration: Registration,
	uuid: string,
	stale: string[],
): Promise<void> {
	let keyword = (await getKeyword(context, uuid, false))!;
	const before = (keyword.webhooks_uuid ?? []).filter((id) => !stale.includes(id));
	// Recorded before the write: if the answer is lost, the undo still visits this keyword.
	registration.keywords.push({
		uuid,
		callWebhookBefore: keyword.call_webhook === true,
		webhooksBefore: before,
	});
	for (let attempt = 1; ; attempt++) {
		const others = (keyword.webhooks_uuid ?? []).filter(
			(id) => id !== registration.webhookId && !stale.includes(id),
		);
		await putKeyword(
			context,
			uuid,
			{ call_webhook: true, webhooks_uuid: [...others, registration.webhookId] },
			false,
		);
		keyword = (await getKeyword(context, uuid, false))!;
		if (
			keyword.call_webhook === true &&
			(keyword.webhooks_uuid ?? []).includes(registration.webhookId)
		)
			return;
		if (attempt >= ATTACH_ATTEMPTS) {
			throw new NodeOperationError(
				context.getNode(),
				`Passona keyword ${uuid} kept losing this trigger's webhook`,
				{
					description: `It was attached ${ATTACH_ATTEMPTS} times and each time another change to the keyword replaced its list of webhooks. Activate the workflow again in a moment.`,
				},
			);
		}
	}
}

/**
 * Takes the webhook off the keyword, leaving the others. `call_webhook` goes off when no
 * webhook remains (also when ours was already gone: deleting a webhook in Passona takes it off
 * its keywords but leaves `call_webhook` on); with others remaining it stays on, unless it was
 * off before ours and only the webhooks that were there before ours remain. Read back like an
 * attach: another trigger leaving at the same moment may write back a list that still has ours.
 */
async function detach(
	context: IHookFunctions,
	webhookId: string,
	keyword: AttachedKeyword,
): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		const current = await getKeyword(context, keyword.uuid, true);
		if (!current) return;
		const listed = current.webhooks_uuid ?? [];
		// Passona calls nothing with call_webhook on and no webhook left: that is switched off too.
		const switchedOnForNothing = listed.length === 0 && current.call_webhook === true;
		if (!listed.includes(webhookId) && !switchedOnForNothing) return;
		if (attempt >= ATTACH_ATTEMPTS) {
			throw new NodeOperationError(
				context.getNode(),
				`Passona keyword ${keyword.uuid} kept this trigger's webhook`,
				{
					description: `It was taken off ${ATTACH_ATTEMPTS} times and each time another change to the keyword put it back.`,
				},
			);
		}
		const rest = listed.filter((id) => id !== webhookId);
		const addedAfterOurs =
			keyword.webhooksBefore === undefined ||
			rest.some((id) => !keyword.webhooksBefore!.includes(id));
		await putKeyword(
			context,
			keyword.uuid,
			{
				call_webhook: rest.length > 0 && (addedAfterOurs || keyword.callWebhookBefore),
				webhooks_uuid: rest,
			},
			true,
		);
	}
}

/**
 * Webhooks in Passona that call `url` (it holds n8n's unique webhook id, so only this node's
 * own registrations match): left behind when the answer to a create was lost.
 */
export async function findStale(context: IHookFunctions, url: string): Promise<string[]> {
	const webhooks = (await passonaApiRequestAllItems.call(context, '/webhooks', {
		subject: 'webhook',
	})) as PassonaWebhook[];
	return webhooks
		.filter((webhook) => webhook?.url === url && typeof webhook.uuid === 'string')
		.map((webhook) => webhook.uuid);
}

async function deleteWebhook(context: IHookFunctions, uuid: string): Promise<void> {
	await passonaApiRequest.call(
		context,
		'DELETE',
		`/webhooks/${uuid}`,
		{ subject: 'webhook', uuid },
		{
			notFoundIsEmpty: true,
		},
	);
}

/** Detaches from every keyword (last first), then deletes the webhook; 404s mean already gone. */
export async function unregister(
	context: IHookFunctions,
	registration: Registration,
): Promise<void> {
	for (const keyword of [...registration.keywords].reverse()) {
		await detach(context, registration.webhookId, keyword);
	}
	await deleteWebhook(context, registration.webhookId);
}

/**
 * Removes what was left behind for `url`, creates the webhook and attaches it; on any failure
 * undoes what was done and reports it.
 */
export async function register(
	context: IHookFunctions,
	url: string,
	keywordUuids: string[],
): Promise<Registration> {
	const stale = await findStale(context, url);
	for (const uuid of stale) await deleteWebhook(context, uuid);
	const secret = randomBytes(32).toString('hex');
	const created = (await passonaApiRequest.call(
		context,
		'POST',
		'/webhooks',
		{ subject: 'webhook' },
		{
			body: {
				name: webhookName(context.getWorkflow(), context.getNode().name),
				url,
				headers: { [VERIFICATION_HEADER]: secret },
			},
		},
	)) as { data?: Partial<PassonaWebhook> } | undefined;
	const webhookId = created?.data?.uuid;
	if (typeof webhookId !== 'string' || webhookId === '') {
		throw new NodeOperationError(
			context.getNode(),
			"Passona's answer named no ID for the new webhook",
			{
				description:
					'The trigger cannot attach a webhook it cannot name. Activate the workflow again: activation first removes webhooks left behind for this URL.',
			},
		);
	}
	const registration: Registration = {
		webhookId,
		secretDigest: secretDigest(secret),
		// n8n registers the test URL in manual mode.
		isTest: context.getMode() === 'manual',
		instanceId: context.getInstanceId(),
		keywords: [],
	};
	try {
		for (const uuid of keywordUuids) await attach(context, registration, uuid, stale);
	} catch (error) {
		throw withNote(context.getNode(), error, await undoQuietly(context, registration));
	}
	return registration;
}

/** What a failed deactivation leaves in Passona, and how it gets removed. */
export function leftBehindNote(registration: Registration): string {
	return `The trigger's webhook ${registration.webhookId} could not be removed from Passona now. It stays recorded in this workflow: the next activation or deactivation removes it. If you delete the workflow before then, delete that webhook in Passona (its name starts "n8n:") and take it off its keywords.`;
}

/**
 * Removes the registration stored under `url` from Passona, then from the static data. If that
 * fails it stays recorded, and the error says what is left; `earlier` names the old address.
 */
export async function removeRegistration(
	context: IHookFunctions,
	url: string,
	earlier = false,
): Promise<void> {
	const stored = registrations(context);
	const registration = stored[url];
	if (!registration) return;
	try {
		await unregister(context, registration);
	} catch (error) {
		const where = earlier
			? `Passona still sends inbound messages to ${url}, where this trigger was registered before n8n's webhook address changed. `
			: '';
		throw withNote(context.getNode(), error, `${where}${leftBehindNote(registration)}`);
	}
	delete stored[url];
}

/** The undo after a failed activation; its own failure is reported, not thrown over the cause. */
async function undoQuietly(context: IHookFunctions, registration: Registration): Promise<string> {
	try {
		await unregister(context, registration);
		return 'Activation was undone: nothing was left behind in Passona.';
	} catch (undoError) {
		return `Undoing the activation also failed (${(undoError as Error).message}): check webhook ${registration.webhookId} and its keywords in Passona.`;
	}
}

/**
 * True when Passona still has exactly this registration: the webhook, its URL, the secret whose
 * digest is stored, and the keywords.
 */
export async function isRegistered(
	context: IHookFunctions,
	url: string,
	registration: Registration,
	keywordUuids: string[],
): Promise<boolean> {
	const wanted = [...keywordUuids].sort().join();
	if (
		registration.keywords
			.map((keyword) => keyword.uuid)
			.sort()
			.join() !== wanted
	)
		return false;
	const webhook = (await passonaApiRequest.call(
		context,
		'GET',
		`/webhooks/${registration.webhookId}`,
		{ subject: 'webhook' },
		{
			notFoundIsEmpty: true,
		},
	)) as { data?: PassonaWebhook } | undefined;
	if (!webhook?.data || webhook.data.url !== url) return false;
	const secret = Object.entries(webhook.data.headers ?? {}).find(
		([name]) => name.toLowerCase() === VERIFICATION_HEADER.toLowerCase(),
	)?.[1];
	if (!secretMatches(secret, [registration.secretDigest])) return false;
	for (const uuid of keywordUuids) {
		const keyword = await getKeyword(context, uuid, true);
		if (!keyword?.call_webhook || !(keyword.webhooks_uuid ?? []).includes(registration.webhookId))
			return false;
	}
	return true;
}

/**
 * What Send SMS to One Number and Campaign Create output: Passona's campaign record, unchanged,
 * plus what that record does not say (it answers `status: 0` and ids only): to whom, with which
 * text, and, for a campaign, the groups it goes to and those excluded, by name.
 *
 * Cost: the template (`GET /templates/{uuid}`) and, for Campaign Create, the team's group list
 * (`GET /contact-groups`, 1,000 a page) are read once per node run, whatever the number of
 * items. These reads come after Passona has accepted the SMS, so they never fail the item (a
 * failed item would be sent again by Retry On Fail): what they could not find is null.
 */
import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { OPTOUTS_GROUP_NAME } from '../../../../core/constants';
import { fillCustomFields, parseCustomFields } from '../../../../core/contacts';
import { pairsToObject } from '../../../../core/input';
import { normalisePhoneNumber } from '../../../../core/phone';
import { passonaApiRequest, passonaApiRequestAllItems } from '../../../../core/transport';
import { defaultCountryCode } from '../../shared/routing';

interface Template {
	name?: unknown;
	body?: unknown;
}

interface Group {
	uuid?: unknown;
	name?: unknown;
	number_of_contacts?: unknown;
}

/** Reads shared by the items of one node run (n8n gives them one execute data object). */
const runs = new WeakMap<object, Map<string, Promise<unknown>>>();

function oncePerRun<T>(
	context: IExecuteSingleFunctions,
	key: string,
	read: () => Promise<T>,
): Promise<T | undefined> {
	const run = (context.getExecuteData() as object | undefined) ?? context;
	let reads = runs.get(run);
	if (!reads) runs.set(run, (reads = new Map()));
	if (!reads.has(key))
		reads.set(
			key,
			read().catch(() => undefined),
		);
	return reads.get(key) as Promise<T | undefined>;
}

async function template(
	context: IExecuteSingleFunctions,
	uuid: unknown,
): Promise<Template | undefined> {
	if (typeof uuid !== 'string') return undefined;
	const answer = (await oncePerRun(context, `template:${uuid}`, async () =>
		passonaApiRequest.call(context, 'GET', `/templates/${encodeURIComponent(uuid)}`, {
			subject: 'template',
			uuid,
		}),
	)) as { data?: Template } | undefined;
	return answer?.data !== null && typeof answer?.data === 'object' ? answer.data : undefined;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

type OutputStep = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;

/** The SMS has gone: whatever goes wrong while describing it, the items go out as Passona answered. */
function neverFails(step: OutputStep): OutputStep {
	const safe = async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
		try {
			return await step.call(this, items);
		} catch {
			return items;
		}
	};
	return Object.defineProperty(safe, 'name', { value: step.name });
}

/** Send SMS to One Number: the record, plus the number and the text sent. */
export const sentSmsOutput = neverFails(async function sentSmsOutput(this, items) {
	const [to, customFields] = await Promise.all([
		defaultCountryCode(this)
			.then((code) => normalisePhoneNumber(this.getNodeParameter('phoneNumber', ''), code))
			.catch(() => null),
		Promise.resolve()
			.then(() => parseCustomFields(pairsToObject(this.getNodeParameter('customFields.field', []))))
			.catch(() => ({})),
	]);
	return await Promise.all(
		items.map(async (item) => {
			const used = await template(this, item.json.template_uuid);
			const body = text(used?.body);
			return {
				...item,
				json: {
					...item.json,
					to,
					text: body === null ? null : fillCustomFields(body, customFields),
					template_name: text(used?.name),
					custom_fields: customFields,
				},
			};
		}),
	);
});

/** Campaign Create: the record, plus its text and its groups by name, opt-outs visible. */
export const campaignOutput = neverFails(async function campaignOutput(this, items) {
	const groups = (await oncePerRun(this, 'groups', async () =>
		passonaApiRequestAllItems.call(this, '/contact-groups', { subject: 'contact group' }),
	)) as Group[] | undefined;
	const byUuid = new Map((groups ?? []).map((group) => [group?.uuid, group]));
	const named = (uuids: unknown): IDataObject[] =>
		(Array.isArray(uuids) ? uuids : []).map((uuid) => {
			const group = byUuid.get(uuid);
			return {
				uuid,
				name: text(group?.name),
				number_of_contacts:
					typeof group?.number_of_contacts === 'number' ? group.number_of_contacts : null,
			};
		});
	return await Promise.all(
		items.map(async (item) => {
			const used = await template(this, item.json.template_uuid);
			const excluded = named(item.json.excluded_contact_groups);
			return {
				...item,
				json: {
					...item.json,
					text: text(used?.body),
					template_name: text(used?.name),
					included_groups: named(item.json.included_contact_groups),
					excluded_groups: excluded,
					opted_out_excluded: groups
						? excluded.some((group) => group.name === OPTOUTS_GROUP_NAME)
						: null,
				},
			};
		}),
	);
});

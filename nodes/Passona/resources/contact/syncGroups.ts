import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { OPTOUTS_GROUP_NAME } from '../../../../core/constants';
import { parseBoolean, parseUuidList } from '../../../../core/input';
import { normalisePhoneNumber } from '../../../../core/phone';
import { contactGroupsPicker, phoneNumberField, withoutRouting } from '../../shared/descriptions';
import { checkInput, checkResponse, defaultCountryCode } from '../../shared/routing';
import { optOutsHolding } from '../campaign/optOuts';

const show = { resource: ['contact'], operation: ['syncGroups'] };

/**
 * The body of Sync Groups from all its fields at once. Sync replaces the contact's groups, so it
 * would take a number that opted out out of `default_optouts`: unless Keep Opt-Out is off, the
 * opt-out groups holding the number are added to the groups sent. Every field is checked before
 * that lookup (its requests), whatever the order of the fields. Custom: the lookup decides the body.
 */
async function syncBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const countryCode = await defaultCountryCode(this);
	const contact = checkInput(this, 'Phone Number', () =>
		normalisePhoneNumber(this.getNodeParameter('phoneNumber', ''), countryCode),
	);
	const groups = checkInput(this, 'Contact Groups', () =>
		parseUuidList(this.getNodeParameter('contactGroups', []), { allowEmpty: false }),
	);
	const keep = checkInput(this, 'Keep Opt-Out', () =>
		parseBoolean(this.getNodeParameter('keepOptout', true)),
	);
	const holding = keep ? await optOutsHolding.call(this, contact, groups) : [];
	requestOptions.body = { contact, groups: [...groups, ...holding] };
	return requestOptions;
}

/**
 * Passona answers an empty body (`[]`): the output says what the contact's groups now are, as
 * sent. Custom, through routing's pagination hook: only it sees the request after every step
 * (the opt-out groups kept are added by one); an output step sees the answer alone.
 */
async function syncedResult(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	await this.makeRoutingRequest(requestData);
	const { contact, groups } = requestData.options.body as { contact: string; groups: string[] };
	return [{ json: { contact, groups } }];
}

export const syncGroupsOperation: INodePropertyOptions = {
	name: 'Sync Groups',
	value: 'syncGroups',
	action: "Set a contact's contact groups",
	description:
		'Make a phone number a member of exactly the chosen contact groups: it is removed from every other group (an opted-out number stays opted out unless you choose otherwise)',
	routing: {
		request: { method: 'POST', url: '/contact/sync/groups' },
		send: { paginate: true, preSend: [syncBody] },
		operations: { pagination: syncedResult },
		output: { postReceive: [checkResponse] },
	},
};

export const syncGroupsDescription: INodeProperties[] = [
	{
		displayName: `Sync replaces: the contact ends up in exactly the groups chosen here and is removed from all its other groups. A number that opted out stays in ${OPTOUTS_GROUP_NAME} unless Keep Opt-Out is off. To add a contact to a group and keep its other groups, use Contact Group → Add Contacts.`,
		name: 'syncNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	// The operation's own step (syncBody) reads these fields: none sends anything itself.
	withoutRouting(phoneNumberField(show, 'contact', 'The contact whose groups are set')),
	withoutRouting(
		contactGroupsPicker({
			show,
			name: 'contactGroups',
			label: 'Contact Groups',
			property: 'groups',
			hint: 'The only groups the contact will belong to afterwards (with its opt-out, see below)',
			allowEmpty: false,
		}),
	),
	{
		displayName: 'Keep Opt-Out',
		name: 'keepOptout',
		type: 'boolean',
		default: true,
		description: `Whether a number in the team's "${OPTOUTS_GROUP_NAME}" group (people who texted OPTOUT or STOP) stays there. Turn off only when the person has opted in again: the sync then takes the number out of that group, like any group not chosen above.`,
		hint: `On: the node looks the number up in ${OPTOUTS_GROUP_NAME} first (one listing of that group) and keeps it there`,
		displayOptions: { show },
	},
];

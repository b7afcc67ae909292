import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { listFields, withoutRouting } from '../../shared/descriptions';
import { checkResponse, listSettings, routingPages } from '../../shared/routing';
import { audienceBody, audienceNumbers, UNIQUE_CONTACTS_PATH } from './audience';
import { chosenGroups, excludedGroups, excludeOptoutsField, includedGroups } from './fields';
import { excludedWithOptouts } from './optOuts';

const show = { resource: ['campaign'], operation: ['getAudience'] };

/**
 * The groups a campaign would go to, with the opt-out groups excluded exactly as Create excludes
 * them; every field is checked before the opt-out lookup. Custom: that lookup decides the body.
 */
async function audienceRequest(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const { included, excluded, excludeOptouts } = chosenGroups.call(this);
	listSettings.call(this);
	requestOptions.body = audienceBody(
		included,
		await excludedWithOptouts.call(this, excluded, excludeOptouts),
	);
	return requestOptions;
}

/**
 * One item: how many people the campaign would reach (all of them, whatever the Limit), and their
 * numbers up to the Limit. Custom, through routing's pagination hook: every page is read to count.
 */
async function audienceResult(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { limit, parallel } = listSettings.call(this);
	const numbers = await audienceNumbers.call(this, routingPages.call(this, requestData), parallel);
	const body = requestData.options.body as ReturnType<typeof audienceBody>;
	const json = {
		count: numbers.length,
		included_contact_groups: body.included_contact_group_uuids,
		excluded_contact_groups: body.excluded_contact_group_uuids,
		phone_numbers: numbers.slice(0, limit),
	};
	return [{ json, pairedItem: { item: this.getItemIndex() } }];
}

export const getAudienceOperation: INodePropertyOptions = {
	name: 'Get Audience',
	value: 'getAudience',
	action: 'Get the audience of a campaign',
	description:
		'Count and list the people a campaign to these groups would reach, opted-out contacts left out as Create leaves them out. Nothing is sent.',
	routing: {
		// The documented call sends a JSON body, which makes it a POST.
		request: { method: 'POST', url: UNIQUE_CONTACTS_PATH },
		send: { preSend: [audienceRequest], paginate: true },
		operations: { pagination: audienceResult },
		output: { postReceive: [checkResponse] },
	},
};

export const getAudienceDescription: INodeProperties[] = [
	{
		displayName:
			'Sends nothing. Outputs one item: "count" (everyone the campaign would reach, once each) and "phone_numbers" (up to the Limit, or all with Return All). Check it, for example with an If node, before Create.',
		name: 'getAudienceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	// The operation's own step (audienceRequest) reads these fields: none sends anything itself.
	...[includedGroups(show), excludedGroups(show)].map(withoutRouting),
	excludeOptoutsField(show, 'to the excluded groups, as Create does'),
	...listFields(show),
];

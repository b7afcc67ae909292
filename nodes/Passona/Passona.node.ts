import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { searchCampaigns } from './listSearch/searchCampaigns';
import { searchContactGroups } from './listSearch/searchContactGroups';
import { searchKeywords } from './listSearch/searchKeywords';
import { searchSenderNames } from './listSearch/searchSenderNames';
import { searchSenders } from './listSearch/searchSenders';
import { searchTemplates } from './listSearch/searchTemplates';
import { searchVanityDomains } from './listSearch/searchVanityDomains';
import { searchWebhooks } from './listSearch/searchWebhooks';
import { getContactGroups } from './loadOptions/getContactGroups';
import { getWebhooks } from './loadOptions/getWebhooks';
import { accountDescription } from './resources/account';
import { campaignDescription } from './resources/campaign';
import { contactDescription } from './resources/contact';
import { contactGroupDescription } from './resources/contactGroup';
import { keywordDescription } from './resources/keyword';
import { linkDescription } from './resources/link';
import { senderDescription } from './resources/sender';
import { templateDescription } from './resources/template';
import { vanityDomainDescription } from './resources/vanityDomain';
import { webhookDescription } from './resources/webhook';
import { BASE_URL_EXPRESSION, JSON_HEADERS, NO_REDIRECTS } from '../../core/transport';
import { DEFAULT_REQUESTS_IN_FLIGHT, MAX_REQUESTS_IN_FLIGHT } from '../../core/pacing';
import { PACED_REQUESTS, pacedProperties } from './shared/pacing';
import { DOCS_URL, PASSONA_DESCRIPTION } from '../../core/constants';

const resourceField: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	routing: PACED_REQUESTS,
	options: [
		{ name: 'Account', value: 'account' },
		{ name: 'Campaign', value: 'campaign' },
		{ name: 'Contact', value: 'contact' },
		{ name: 'Contact Group', value: 'contactGroup' },
		{ name: 'Keyword', value: 'keyword' },
		{ name: 'Link', value: 'link' },
		{ name: 'Sender', value: 'sender' },
		{ name: 'Template', value: 'template' },
		{ name: 'Vanity Domain', value: 'vanityDomain' },
		{ name: 'Webhook', value: 'webhook' },
	],
	default: 'contactGroup',
};

const properties: INodeProperties[] = [
	resourceField,
	...accountDescription,
	...campaignDescription,
	...contactDescription,
	...contactGroupDescription,
	...keywordDescription,
	...linkDescription,
	...senderDescription,
	...templateDescription,
	...vanityDomainDescription,
	...webhookDescription,
	{
		// n8n adds its own Request Options (Batching, Timeout, Proxy…) to this collection.
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		isNodeSetting: true,
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Requests in Flight',
				name: 'requestsInFlight',
				type: 'number',
				noDataExpression: true,
				typeOptions: { minValue: 1, maxValue: MAX_REQUESTS_IN_FLIGHT },
				default: DEFAULT_REQUESTS_IN_FLIGHT,
				description:
					'At most this many requests to Passona at once in a run, across all items (pages of a list included; a higher Parallel Requests on a list raises it). Passona limits the requests of an API token in a while: a "too many requests" answer is waited out as Passona asks, and the request sent again. Batching spaces the items out in time on top of this.',
			},
		],
	},
];

/** Each option's display name by its value, from every field called `name`. */
function displayNames(name: string): Record<string, string> {
	return Object.fromEntries(
		properties
			.filter((field) => field.name === name)
			.flatMap((field) => field.options as INodePropertyOptions[])
			.map((option) => [option.value, option.name]),
	);
}

/**
 * The canvas subtitle, "Add Contacts: Contact Group": the panel's names, not the stored values
 * (`addContacts: contactGroup`). An operation's name is the same under every resource.
 */
const subtitle = `={{ (${JSON.stringify(displayNames('operation'))})[$parameter["operation"]] + ": " + (${JSON.stringify(displayNames('resource'))})[$parameter["resource"]] }}`;

export class Passona implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Passona',
		name: 'passona',
		icon: { light: 'file:../../icons/passona.svg', dark: 'file:../../icons/passona.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle,
		description: PASSONA_DESCRIPTION,
		documentationUrl: `${DOCS_URL}#operations`,
		defaults: { name: 'Passona' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'passonaApi', required: true }],
		requestDefaults: {
			baseURL: BASE_URL_EXPRESSION,
			headers: JSON_HEADERS,
			// Passona's 4xx/5xx reach `checkResponse`, which words them for the user.
			ignoreHttpStatusErrors: true,
			...NO_REDIRECTS,
		},
		// Every request of a run paced, and an item not safe to repeat done once (shared/pacing.ts).
		properties: pacedProperties(properties),
	};

	methods = {
		listSearch: {
			searchCampaigns,
			searchContactGroups,
			searchKeywords,
			searchSenderNames,
			searchSenders,
			searchTemplates,
			searchVanityDomains,
			searchWebhooks,
		},
		loadOptions: { getContactGroups, getWebhooks },
	};
}

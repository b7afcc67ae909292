import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
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

export class Passona implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Passona',
		name: 'passona',
		icon: { light: 'file:../../icons/passona.svg', dark: 'file:../../icons/passona.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send SMS campaigns with Passona and manage contact groups, keywords, templates, senders, links and webhooks',
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
		properties: pacedProperties([
			{
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
			},
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
		]),
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

/** Link fields shared by Create (as fields) and Update (inside Update Fields), and the link picker. */
import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	PreSendAction,
} from 'n8n-workflow';
import { locatorField, type Show } from '../../shared/descriptions';
import { uuidFromLocator } from '../../shared/input';
import { bodyText, bodyUrl, bodyUuid, checkInput, LOCATORS } from '../../shared/routing';

/** Passona documents no list of links: a link is chosen By ID or By URL only. */
export function linkLocator(show: Show): INodeProperties {
	const field = locatorField(
		'link',
		show,
		'The link to act on (Passona has no list of links: use its ID, for example from Create)',
	);
	return {
		...field,
		default: { mode: 'id', value: '' },
		modes: field.modes!.filter((mode) => mode.name !== 'list'),
	};
}

/** Puts the vanity domain chosen at `parameter` into the body as `vanity_domain_uuid`. */
function bodyVanityDomain(parameter: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const { collection, displayName } = LOCATORS.vanityDomain;
		const uuid = checkInput(this, displayName, () =>
			uuidFromLocator(this.getNodeParameter(parameter, undefined), collection),
		);
		requestOptions.body = { ...(requestOptions.body as object), vanity_domain_uuid: uuid };
		return requestOptions;
	};
}

/** The vanity domain a link's tracked address uses; `parameter` is where the picker lives. */
export function linkVanityDomain(parameter: string): INodeProperties {
	const field = locatorField(
		'vanityDomain',
		{},
		'The domain of the tracked link; every team has https://psms.io',
	);
	delete field.displayOptions;
	delete field.required;
	return { ...field, routing: { send: { preSend: [bodyVanityDomain(parameter)] } } };
}

export const linkTemplate: INodeProperties = {
	displayName: 'Template ID',
	name: 'templateId',
	type: 'string',
	default: '',
	placeholder: 'e.g. ae17d458-fa63-11e9-83fe-0a58646001fd',
	description:
		'The template the link belongs to (its "uuid"); a link belongs to exactly one template',
	routing: {
		send: {
			type: 'body',
			property: 'template_uuid',
			preSend: [bodyUuid('template_uuid', 'Template ID')],
		},
	},
};

export const linkName: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. NEW_LINK',
	description:
		"The link's name; the template body uses it between double colons, e.g. ::NEW_LINK::",
	routing: {
		send: {
			type: 'body',
			property: 'name',
			preSend: [bodyText('name', 'Name', { required: true, maxLength: 255 })],
		},
	},
};

export const linkDestination: INodeProperties = {
	displayName: 'Destination',
	name: 'destination',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/offer',
	description: 'The address a recipient reaches through the tracked link',
	routing: {
		send: {
			type: 'body',
			property: 'destination',
			preSend: [bodyUrl('destination', 'Destination')],
		},
	},
};

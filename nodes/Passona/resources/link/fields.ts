/** Link fields shared by Create (as fields) and Update (inside Update Fields), and the link picker. */
import type { INodeProperties } from 'n8n-workflow';
import {
	locatorField,
	nameProperty,
	type Show,
	templateIdProperty,
} from '../../shared/descriptions';
import { bodyLocator, bodyUrl } from '../../shared/routing';

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

/** The vanity domain a link's tracked address uses; `parameter` is where the picker lives. */
export function linkVanityDomain(parameter: string): INodeProperties {
	const field = locatorField(
		'vanityDomain',
		{},
		'The domain of the tracked link; every team has https://psms.io',
	);
	delete field.displayOptions;
	delete field.required;
	return {
		...field,
		routing: { send: { preSend: [bodyLocator('vanityDomain', 'vanity_domain_uuid', parameter)] } },
	};
}

export const linkTemplate = templateIdProperty(
	'The template the link belongs to (its "uuid"); a link belongs to exactly one template',
	'e.g. ae17d458-fa63-11e9-83fe-0a58646001fd',
);

export const linkName = nameProperty(
	"The link's name; the template body uses it between double colons, e.g. ::NEW_LINK::",
	'e.g. NEW_LINK',
);

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

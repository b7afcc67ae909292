import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { backgroundNotice, dataRouting, locatorField } from '../../shared/descriptions';
import { waitFields, withWaiting } from './waitForGroup';

export const flushOperation: INodePropertyOptions = {
	name: 'Remove All Contacts',
	value: 'flush',
	action: 'Remove every contact from a contact group',
	description: 'Remove every contact from a contact group; Passona empties it in the background',
	routing: withWaiting(dataRouting('PUT', '/contact-groups/{contactGroup}/flush')),
};

const show = { resource: ['contactGroup'], operation: ['flush'] };

export const flushDescription: INodeProperties[] = [
	locatorField('contactGroup', show, 'The contact group to empty'),
	backgroundNotice(show),
	...waitFields(show),
];

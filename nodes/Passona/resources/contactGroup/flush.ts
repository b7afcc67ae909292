import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField } from '../../shared/descriptions';
import { waitFields, withWaiting } from '../../shared/waitForGroup';

export const flushOperation: INodePropertyOptions = {
	name: 'Flush',
	value: 'flush',
	action: 'Remove every contact from a contact group',
	description: 'Remove every contact from a contact group; Passona empties it in the background',
	routing: withWaiting(dataRouting('PUT', '/contact-groups/{contactGroup}/flush')),
};

export const flushDescription: INodeProperties[] = [
	locatorField('contactGroup', { resource: ['contactGroup'], operation: ['flush'] }, 'The contact group to empty'),
	...waitFields({ resource: ['contactGroup'], operation: ['flush'] }),
];

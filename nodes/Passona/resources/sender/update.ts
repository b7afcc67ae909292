import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField } from '../../shared/descriptions';
import { moderationNotice, senderTextField } from './fields';

const show = { resource: ['sender'], operation: ['update'] };

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a sender',
	description: 'Change the name of a sender; Passona moderates the new name',
	routing: dataRouting('PUT', '/senders/{sender}'),
};

export const updateDescription: INodeProperties[] = [
	locatorField('sender', show),
	moderationNotice(show),
	senderTextField(show, 'New Sender'),
];

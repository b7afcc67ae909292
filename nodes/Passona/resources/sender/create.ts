import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting } from '../../shared/descriptions';
import { moderationNotice, senderTextField } from './fields';

const show = { resource: ['sender'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a sender',
	description: 'Add a sender name (3 to 11 characters); Passona moderates it before it can send',
	routing: dataRouting('POST', '/senders'),
};

export const createDescription: INodeProperties[] = [
	moderationNotice(show),
	senderTextField(show, 'Sender'),
];

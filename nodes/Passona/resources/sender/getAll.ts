import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { listFields, pagedRouting } from '../../shared/descriptions';

export const getAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many senders',
	description: "List your team's senders",
	routing: pagedRouting('/senders'),
};

export const getAllDescription: INodeProperties[] = listFields({
	resource: ['sender'],
	operation: ['getAll'],
});

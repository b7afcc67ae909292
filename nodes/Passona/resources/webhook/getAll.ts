import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { listFields } from '../../shared/descriptions';
import { webhookPagedRouting } from './hideSecret';

export const getAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many webhooks',
	description: "List your team's webhooks",
	routing: webhookPagedRouting('/webhooks'),
};

export const getAllDescription: INodeProperties[] = listFields({
	resource: ['webhook'],
	operation: ['getAll'],
});

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { listFields, pagedRouting } from '../../shared/descriptions';

export const getAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many webhooks',
	description: "List your team's webhooks",
	routing: pagedRouting('/webhooks'),
};

export const getAllDescription: INodeProperties[] = listFields({ resource: ['webhook'], operation: ['getAll'] });

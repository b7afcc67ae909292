import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { listFields, pagedRouting } from '../../shared/descriptions';

export const getAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many templates',
	description: "List your team's templates",
	routing: pagedRouting('/templates'),
};

export const getAllDescription: INodeProperties[] = listFields({
	resource: ['template'],
	operation: ['getAll'],
});

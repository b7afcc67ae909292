import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { listFields, pagedRouting } from '../../shared/descriptions';

export const getAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many keywords',
	description: "List your team's keywords",
	routing: pagedRouting('/keywords'),
};

export const getAllDescription: INodeProperties[] = listFields({
	resource: ['keyword'],
	operation: ['getAll'],
});

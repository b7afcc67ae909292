import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { listFields, pagedRouting } from '../../shared/descriptions';

export const getAllOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many contact groups',
	description: "List your team's contact groups",
	routing: pagedRouting('/contact-groups'),
};

export const getAllDescription: INodeProperties[] = listFields({
	resource: ['contactGroup'],
	operation: ['getAll'],
});

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { deleteRouting, locatorField } from '../../shared/descriptions';

export const deleteOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a contact group',
	description:
		'Delete a contact group (refused while keywords are attached or a campaign is sending)',
	routing: deleteRouting('contactGroup'),
};

export const deleteDescription: INodeProperties[] = [
	locatorField('contactGroup', { resource: ['contactGroup'], operation: ['delete'] }),
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { deleteRouting, locatorField } from '../../shared/descriptions';

export const deleteOperation: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a campaign',
	description: 'Delete a campaign that is not sending right now',
	routing: deleteRouting('campaign'),
};

export const deleteDescription: INodeProperties[] = [
	locatorField('campaign', { resource: ['campaign'], operation: ['delete'] }),
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, nameField } from '../../shared/descriptions';
import { senderNameField } from '../sender/fields';
import { TEMPLATE_BODY_NOTICE, templateBodyProperty } from './fields';

const show = { resource: ['template'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a template',
	description: 'Create the text of an SMS, for campaigns and test sends',
	routing: dataRouting('POST', '/templates'),
};

export const createDescription: INodeProperties[] = [
	nameField(show, 'Name of the template, as shown in Passona', 'e.g. Welcome message'),
	{
		displayName: TEMPLATE_BODY_NOTICE,
		name: 'bodyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{ ...templateBodyProperty('The text of the SMS'), required: true, displayOptions: { show } },
	senderNameField(show),
];

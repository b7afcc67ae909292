import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField, nameProperty, updateFields } from '../../shared/descriptions';
import { senderTextProperty } from '../sender/fields';
import { TEMPLATE_BODY_NOTICE, templateBodyProperty } from './fields';

const show = { resource: ['template'], operation: ['update'] };

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a template',
	description:
		'Change a template; refused while a campaign using it is sending. Fields not added are left as they are.',
	routing: dataRouting('PUT', '/templates/{template}'),
};

export const updateDescription: INodeProperties[] = [
	locatorField('template', show),
	{
		displayName: TEMPLATE_BODY_NOTICE,
		name: 'bodyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	updateFields(show, [
		templateBodyProperty('New text of the SMS'),
		nameProperty('New name of the template', 'e.g. Welcome message'),
		senderTextProperty,
	]),
];

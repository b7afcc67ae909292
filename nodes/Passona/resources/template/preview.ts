import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, locatorField } from '../../shared/descriptions';

export const previewOperation: INodePropertyOptions = {
	name: 'Preview',
	value: 'preview',
	action: 'Preview a template',
	description:
		'Get the template as a phone would show it: links and custom fields filled in with example values',
	routing: dataRouting('GET', '/templates/{template}/preview'),
};

export const previewDescription: INodeProperties[] = [
	locatorField('template', { resource: ['template'], operation: ['preview'] }),
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import {
	additionalFields,
	contactGroupDescriptionOption,
	dataRouting,
	deletableField,
	nameField,
} from '../../shared/descriptions';

const show = { resource: ['contactGroup'], operation: ['create'] };

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a contact group',
	description: 'Create an empty contact group',
	routing: dataRouting('POST', '/contact-groups'),
};

export const createDescription: INodeProperties[] = [
	nameField(show, 'Name of the new contact group'),
	deletableField(show),
	additionalFields(show, [contactGroupDescriptionOption]),
];

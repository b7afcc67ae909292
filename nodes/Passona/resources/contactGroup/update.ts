import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import {
	contactGroupDescriptionOption,
	dataRouting,
	locatorField,
	nameProperty,
	updateFields,
} from '../../shared/descriptions';

const show = { resource: ['contactGroup'], operation: ['update'] };

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a contact group',
	description: "Change a contact group's name or description",
	routing: dataRouting('PUT', '/contact-groups/{contactGroup}'),
};

export const updateDescription: INodeProperties[] = [
	locatorField('contactGroup', show),
	updateFields(show, [
		contactGroupDescriptionOption,
		nameProperty('New name of the contact group'),
	]),
];

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting, updateFields } from '../../shared/descriptions';
import { linkDestination, linkLocator, linkName, linkTemplate, linkVanityDomain } from './fields';

const show = { resource: ['link'], operation: ['update'] };

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a link',
	description:
		"Change a link's name, destination, template or vanity domain; refused while a sending campaign uses it",
	routing: dataRouting('PUT', '/links/{link}'),
};

export const updateDescription: INodeProperties[] = [
	linkLocator(show),
	updateFields(show, [
		linkDestination,
		linkName,
		linkTemplate,
		linkVanityDomain('updateFields.vanityDomain'),
	]),
];

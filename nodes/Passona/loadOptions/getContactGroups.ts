import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { contactCount } from '../listSearch/searchContactGroups';
import { pickerOptions } from '../../../core/pickers';
import { passonaApiRequestAllItems } from '../../../core/transport';

async function listContactGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const groups = (await passonaApiRequestAllItems.call(this, '/contact-groups', {
		subject: 'contact group',
	})) as Array<{ uuid: string; name: string; number_of_contacts?: number }>;
	return groups.map((group) => ({
		name: group.name,
		value: group.uuid,
		description: contactCount(group.number_of_contacts),
	}));
}

/** The contact groups as options, or a line saying what to do when there are none to show. */
export async function getContactGroups(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await pickerOptions.call(this, 'contact group', listContactGroups);
}

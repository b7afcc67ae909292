import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { contactCount } from '../listSearch/searchContactGroups';
import { passonaApiRequestAllItems } from '../../../core/transport';

export async function getContactGroups(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const groups = (await passonaApiRequestAllItems.call(this, '/contact-groups', {
		subject: 'contact group',
	})) as Array<{ uuid: string; name: string; number_of_contacts?: number }>;
	return groups.map((group) => ({
		name: group.name,
		value: group.uuid,
		description: contactCount(group.number_of_contacts),
	}));
}

import { collectionSearch } from './searchCollection';

/** "1 contact", "12 contacts". */
export function contactCount(count: unknown): string {
	return `${String(count ?? 0)} ${Number(count) === 1 ? 'contact' : 'contacts'}`;
}

export const searchContactGroups = collectionSearch('contact-groups', 'contact group', {
	name: (group) => String(group.name),
	label: (group) => `${String(group.name)} (${contactCount(group.number_of_contacts)})`,
});

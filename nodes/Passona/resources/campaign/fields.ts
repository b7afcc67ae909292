/** Campaign fields shared by Create (as fields) and Update (inside Update Fields). */
import type { INodeProperties } from 'n8n-workflow';
import { bodyUuidList } from '../../shared/routing';

export const includedGroups = (allowEmpty: boolean): INodeProperties => ({
	displayName: 'Send to Contact Group Names or IDs',
	name: 'includedGroups',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getContactGroups' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'Everyone in these groups gets the message, once, unless they are in an excluded group',
	routing: {
		send: {
			type: 'body',
			property: 'included_contact_groups',
			preSend: [bodyUuidList('included_contact_groups', 'Send to Contact Groups', { allowEmpty })],
		},
	},
});

export const excludedGroups: INodeProperties = {
	displayName: 'Exclude Contact Group Names or IDs',
	name: 'excludedGroups',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getContactGroups' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'Nobody in these groups gets the message, even if they are in a group above',
	routing: {
		send: {
			type: 'body',
			property: 'excluded_contact_groups',
			preSend: [
				bodyUuidList('excluded_contact_groups', 'Exclude Contact Groups', { allowEmpty: true }),
			],
		},
	},
};

import type { IExecuteSingleFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { parseUuidList } from '../../../../core/input';
import { contactGroupsPicker, phoneNumberField } from '../../shared/descriptions';
import { normalisePhoneNumber } from '../../../../core/phone';
import { checkInput, checkResponse, defaultCountryCode } from '../../shared/routing';

const show = { resource: ['contact'], operation: ['syncGroups'] };

/** Passona answers an empty body (`[]`): the output says what the contact's groups now are. */
async function syncedResult(this: IExecuteSingleFunctions) {
	// Read as the request read it: with the credential's Default Country Code.
	const countryCode = await defaultCountryCode(this);
	const contact = checkInput(this, 'Phone Number', () =>
		normalisePhoneNumber(this.getNodeParameter('phoneNumber'), countryCode),
	);
	const groups = checkInput(this, 'Contact Groups', () =>
		parseUuidList(this.getNodeParameter('contactGroups'), { allowEmpty: false }),
	);
	return [{ json: { contact, groups } }];
}

export const syncGroupsOperation: INodePropertyOptions = {
	name: 'Sync Groups',
	value: 'syncGroups',
	action: "Set a contact's contact groups",
	description:
		'Make a phone number a member of exactly the chosen contact groups: it is removed from every other group',
	routing: {
		request: { method: 'POST', url: '/contact/sync/groups' },
		output: { postReceive: [checkResponse, syncedResult] },
	},
};

export const syncGroupsDescription: INodeProperties[] = [
	{
		displayName:
			'Sync replaces: the contact ends up in exactly the groups chosen here and is removed from all its other groups (default_optouts too, unless you choose it). To add a contact to a group and keep its other groups, use Contact Group → Add Contacts.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	phoneNumberField(show, 'contact', 'The contact whose groups are set'),
	contactGroupsPicker({
		show,
		name: 'contactGroups',
		label: 'Contact Groups',
		property: 'groups',
		hint: 'The only groups the contact will belong to afterwards',
		allowEmpty: false,
	}),
];

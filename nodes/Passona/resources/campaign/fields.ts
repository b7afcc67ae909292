/** Campaign fields shared by Create (as fields) and Update (inside Update Fields, without `show`). */
import type { INodeProperties } from 'n8n-workflow';
import { contactGroupsPicker, type Show } from '../../shared/descriptions';

export const includedGroups = (show?: Show): INodeProperties =>
	contactGroupsPicker({
		show,
		name: 'includedGroups',
		label: 'Send to Contact Groups',
		property: 'included_contact_groups',
		hint: 'Everyone in these groups gets the message, once, unless they are in an excluded group',
		allowEmpty: false,
	});

export const excludedGroups = (
	show?: Show,
	hint = 'Nobody in these groups gets the message, even if they are in a group above',
): INodeProperties =>
	contactGroupsPicker({
		show,
		name: 'excludedGroups',
		label: 'Exclude Contact Groups',
		property: 'excluded_contact_groups',
		hint,
		allowEmpty: true,
	});

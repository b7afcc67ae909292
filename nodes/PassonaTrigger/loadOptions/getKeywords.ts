import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { pickerOptions } from '../../../core/pickers';
import { passonaApiRequestAllItems } from '../../../core/transport';

interface Keyword {
	uuid: string;
	keyword: string;
	add_contact_to_group?: boolean;
	contact_groups_uuid?: string[];
}

/** What Passona itself does on a match, beside starting this workflow (nothing said if nothing). */
function whatItDoes(keyword: Keyword): string | undefined {
	const groups = keyword.add_contact_to_group ? (keyword.contact_groups_uuid?.length ?? 0) : 0;
	if (groups === 0) return undefined;
	return `Also adds the sender to ${groups} contact group${groups === 1 ? '' : 's'}`;
}

async function listKeywords(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const keywords = (await passonaApiRequestAllItems.call(this, '/keywords', {
		subject: 'keyword',
	})) as Keyword[];
	return keywords.map((keyword) => ({
		name: keyword.keyword,
		value: keyword.uuid,
		description: whatItDoes(keyword),
	}));
}

/** The keywords as options, or a line saying what to do when there are none to show. */
export async function getKeywords(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await pickerOptions.call(this, 'keyword', listKeywords);
}

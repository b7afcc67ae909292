import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { searchCollection } from './searchCollection';

export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchCollection(
		this,
		'campaigns',
		'campaign',
		{
			name: (campaign) => String(campaign.name),
			label: (campaign) =>
				`${String(campaign.name)} (${String(campaign.scheduled_send_date ?? '')})`,
		},
		filter,
		paginationToken,
	);
}

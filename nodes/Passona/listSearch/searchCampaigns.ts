import { collectionSearch } from './searchCollection';

export const searchCampaigns = collectionSearch('campaigns', 'campaign', {
	name: (campaign) => String(campaign.name),
	label: (campaign) => `${String(campaign.name)} (${String(campaign.scheduled_send_date ?? '')})`,
});

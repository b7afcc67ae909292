import { resourceDescription } from '../../shared/descriptions';
import { createDescription, createOperation } from './create';
import { deleteDescription, deleteOperation } from './delete';
import { getAudienceDescription, getAudienceOperation } from './getAudience';
import { getAllDescription, getAllOperation } from './getAll';
import { sendTestDescription, sendTestOperation } from './sendTest';
import { updateDescription, updateOperation } from './update';

export const campaignDescription = resourceDescription('campaign', [
	[createOperation, createDescription],
	[deleteOperation, deleteDescription],
	[getAudienceOperation, getAudienceDescription],
	[getAllOperation, getAllDescription],
	[sendTestOperation, sendTestDescription],
	[updateOperation, updateDescription],
]);

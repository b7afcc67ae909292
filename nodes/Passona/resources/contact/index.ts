import { resourceDescription } from '../../shared/descriptions';
import { syncGroupsDescription, syncGroupsOperation } from './syncGroups';

export const contactDescription = resourceDescription(
	'contact',
	[[syncGroupsOperation, syncGroupsDescription]],
	'syncGroups',
);

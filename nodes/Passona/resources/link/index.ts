import { resourceDescription } from '../../shared/descriptions';
import { createDescription, createOperation } from './create';
import { deleteDescription, deleteOperation } from './delete';
import { getDescription, getOperation } from './get';
import { updateDescription, updateOperation } from './update';

/** Passona documents no list endpoint for links: there is no Get Many. */
export const linkDescription = resourceDescription(
	'link',
	[
		[createOperation, createDescription],
		[deleteOperation, deleteDescription],
		[getOperation, getDescription],
		[updateOperation, updateDescription],
	],
	'get',
);

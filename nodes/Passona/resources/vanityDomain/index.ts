import { resourceDescription } from '../../shared/descriptions';
import { createDescription, createOperation } from './create';
import { deleteDescription, deleteOperation } from './delete';
import { getDescription, getOperation } from './get';
import { getAllDescription, getAllOperation } from './getAll';
import { updateDescription, updateOperation } from './update';

export const vanityDomainDescription = resourceDescription('vanityDomain', [
	[createOperation, createDescription],
	[deleteOperation, deleteDescription],
	[getOperation, getDescription],
	[getAllOperation, getAllDescription],
	[updateOperation, updateDescription],
]);

import { resourceDescription } from '../../shared/descriptions';
import { createDescription, createOperation } from './create';
import { deleteDescription, deleteOperation } from './delete';
import { getDescription, getOperation } from './get';
import { getAllDescription, getAllOperation } from './getAll';
import { previewDescription, previewOperation } from './preview';
import { updateDescription, updateOperation } from './update';

export const templateDescription = resourceDescription('template', [
	[createOperation, createDescription],
	[deleteOperation, deleteDescription],
	[getOperation, getDescription],
	[getAllOperation, getAllDescription],
	[previewOperation, previewDescription],
	[updateOperation, updateDescription],
]);

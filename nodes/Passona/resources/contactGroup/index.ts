import { resourceDescription } from '../../shared/descriptions';
import { addContactsDescription, addContactsOperation } from './addContacts';
import { createDescription, createOperation } from './create';
import { createWithContactsDescription, createWithContactsOperation } from './createWithContacts';
import { deleteDescription, deleteOperation } from './delete';
import { flushDescription, flushOperation } from './flush';
import { getDescription, getOperation } from './get';
import { getContactsDescription, getContactsOperation } from './getContacts';
import { getAllDescription, getAllOperation } from './getAll';
import { getUniqueContactsDescription, getUniqueContactsOperation } from './getUniqueContacts';
import { removeContactsDescription, removeContactsOperation } from './removeContacts';
import { updateDescription, updateOperation } from './update';

export const contactGroupDescription = resourceDescription('contactGroup', [
	[addContactsOperation, addContactsDescription],
	[createOperation, createDescription],
	[createWithContactsOperation, createWithContactsDescription],
	[deleteOperation, deleteDescription],
	[getOperation, getDescription],
	[getContactsOperation, getContactsDescription],
	[getAllOperation, getAllDescription],
	[getUniqueContactsOperation, getUniqueContactsDescription],
	[flushOperation, flushDescription],
	[removeContactsOperation, removeContactsDescription],
	[updateOperation, updateDescription],
]);

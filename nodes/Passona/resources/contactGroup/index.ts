import type { INodeProperties } from 'n8n-workflow';
import { addContactsDescription, addContactsOperation } from './addContacts';
import { createDescription, createOperation } from './create';
import { createWithContactsDescription, createWithContactsOperation } from './createWithContacts';
import { deleteDescription, deleteOperation } from './delete';
import { flushDescription, flushOperation } from './flush';
import { getDescription, getOperation } from './get';
import { getAllDescription, getAllOperation } from './getAll';
import { getContactsDescription, getContactsOperation } from './getContacts';
import { getUniqueContactsDescription, getUniqueContactsOperation } from './getUniqueContacts';
import { removeContactsDescription, removeContactsOperation } from './removeContacts';
import { updateDescription, updateOperation } from './update';

export const contactGroupDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contactGroup'] } },
		options: [
			addContactsOperation,
			createOperation,
			createWithContactsOperation,
			deleteOperation,
			flushOperation,
			getOperation,
			getContactsOperation,
			getAllOperation,
			getUniqueContactsOperation,
			removeContactsOperation,
			updateOperation,
		],
		default: 'getAll',
	},
	...addContactsDescription,
	...createDescription,
	...createWithContactsDescription,
	...deleteDescription,
	...flushDescription,
	...getDescription,
	...getContactsDescription,
	...getAllDescription,
	...getUniqueContactsDescription,
	...removeContactsDescription,
	...updateDescription,
];

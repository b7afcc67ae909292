import type { INodeProperties } from 'n8n-workflow';
import { createDescription, createOperation } from './create';
import { deleteDescription, deleteOperation } from './delete';
import { getDescription, getOperation } from './get';
import { getAllDescription, getAllOperation } from './getAll';
import { updateDescription, updateOperation } from './update';

export const keywordDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['keyword'] } },
		options: [createOperation, deleteOperation, getOperation, getAllOperation, updateOperation],
		default: 'getAll',
	},
	...createDescription,
	...deleteDescription,
	...getDescription,
	...getAllDescription,
	...updateDescription,
];

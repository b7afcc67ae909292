import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { dataRouting } from '../../shared/descriptions';

export const getBalanceOperation: INodePropertyOptions = {
	name: 'Get Balance',
	value: 'getBalance',
	action: "Get the team's balance",
	description: "Get your Passona team's credit balance, for example to alert before it runs out",
	routing: dataRouting('GET', '/balance'),
};

export const getBalanceDescription: INodeProperties[] = [];

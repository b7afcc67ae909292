import { resourceDescription } from '../../shared/descriptions';
import { getBalanceDescription, getBalanceOperation } from './getBalance';

export const accountDescription = resourceDescription(
	'account',
	[[getBalanceOperation, getBalanceDescription]],
	'getBalance',
);

/**
 * Listing over real HTTP against the sandbox: Return All with pages in parallel gives exactly the
 * list one-after-the-other listing gives, and the From List filter finds a name past page one.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { loadOptionsContext, passonaType } from '../../harness/engine';
import { byId } from '../../harness/locators';
import { useContract } from './helpers';

const { sandbox, ok } = useContract();

test('Return All of 5,500 contacts: the same list, in the same order, in parallel and one page at a time', async () => {
	const group = sandbox().store.seedContactGroup({ name: 'Big', contacts: 5500 });
	const parameters = {
		resource: 'contactGroup',
		operation: 'getContacts',
		contactGroup: byId(group.uuid),
		returnAll: true,
	};
	const parallel = await ok(parameters);
	const sequential = await ok({ ...parameters, options: { parallelRequests: 1 } });
	expect(parallel).toHaveLength(5500);
	expect(parallel).toEqual(sequential);
	const limited = await ok({ ...parameters, returnAll: false, limit: 2500 });
	expect(limited).toEqual(sequential.slice(0, 2500));
});

test('From List finds "Team 217" among 230 groups and "K120" among 130 keywords', async () => {
	for (let n = 1; n <= 230; n++) sandbox().store.createContactGroup({ name: `Team ${n}` });
	const credentials = { apiToken: sandbox().token, baseUrl: sandbox().url };
	const type = await passonaType();
	const context = (await loadOptionsContext(
		{ resource: 'contactGroup', operation: 'get' },
		credentials,
	)) as unknown as ILoadOptionsFunctions;
	const groups = await type.methods!.listSearch!.searchContactGroups.call(context, 'Team 217');
	expect(groups.results.map((result) => result.name)).toEqual(['Team 217 (0 contacts)']);

	for (let n = 1; n <= 130; n++) {
		const created = await fetch(`${sandbox().url}/keywords`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${sandbox().token}`,
				'Content-Type': 'application/json',
				Accept: 'application/json',
			},
			body: JSON.stringify({ keyword: `K${n}` }),
		});
		expect(created.status).toBe(201);
	}
	const keywords = await type.methods!.listSearch!.searchKeywords.call(context, 'k120');
	expect(keywords.results.map((result) => result.name)).toEqual(['K120']);
});

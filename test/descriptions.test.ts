/**
 * The descriptions n8n loads (every field, option, routing step and panel text of the three nodes
 * and the credential), held against a reviewed snapshot: a change that moves code must leave it
 * as it was, and a change meant to alter what users see shows up here, to be named in its commit
 * (`npx jest test/descriptions.test.ts -u` after checking the difference).
 */
import { loadPackage } from '../harness/engine';

/** Plain data, with each routing hook shown by its function's name (anonymous for factories). */
function plain(value: unknown): unknown {
	if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
	if (Array.isArray(value)) return value.map(plain);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((key) => [key, plain((value as Record<string, unknown>)[key])]),
		);
	}
	return value;
}

test.each(['passona', 'passonaTrigger', 'passonaCampaignTrigger'])(
	'the %s node loads as reviewed',
	async (name) => {
		const loaded = (await loadPackage()).nodeTypes[name].type as {
			description: unknown;
			methods?: unknown;
		};
		expect(plain({ description: loaded.description, methods: loaded.methods })).toMatchSnapshot();
	},
);

test('the Passona API credential loads as reviewed', async () => {
	const { type } = (await loadPackage()).credentialTypes.passonaApi;
	expect(plain(type)).toMatchSnapshot();
});

test('no words of the sandbox or of the tests reach what users see', async () => {
	const loaded = await loadPackage();
	const shown = JSON.stringify([
		...Object.values(loaded.nodeTypes).map(
			({ type }) => (type as { description: unknown }).description,
		),
		...Object.values(loaded.credentialTypes).map(({ type }) => type),
	]);
	expect(shown).not.toMatch(/sandbox|nock|jest|fixture/i);
});

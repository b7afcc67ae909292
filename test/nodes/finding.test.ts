/**
 * How a newcomer finds and reads the nodes in n8n's editor, by n8n's own rules: the node panel's
 * search (n8n's sublime search over display names and codex aliases), the app entry n8n makes of
 * Passona and Passona Trigger ("What happens next?"), the subtitles on the canvas, and the Docs
 * link of each node's settings.
 */
import type { INode, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeDescription, PACKAGE_NAME, PROJECT_ROOT, workflowWith } from '../../harness/engine';

// The editor's search, as n8n 2.40 ships it (a dependency of n8n-core).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sublimeSearch } = require('@n8n/utils/search/sublime-search') as {
	sublimeSearch: <T extends object>(
		filter: string,
		data: readonly T[],
	) => Array<{ score: number; item: T }>;
};

type Described = INodeTypeDescription & {
	codex?: { alias?: string[]; resources?: { primaryDocumentation?: Array<{ url: string }> } };
};

const described = async (name: string) => (await nodeDescription(name)) as Described;

describe('finding the node in the node panel', () => {
	test.each(['SMS', 'send sms', 'Passona send', 'contact group', 'text message'])(
		'a search for "%s" lists Passona',
		async (query) => {
			const passona = await described('passona');
			// The editor searches each node's properties.displayName and properties.codex.alias.
			const found = sublimeSearch(query, [{ properties: passona }]);
			expect(found.map(({ item }) => item.properties.displayName)).toEqual(['Passona']);
		},
	);

	test('a search for "SMS" matches Passona as well as the nodes n8n lists for it (alias "SMS")', async () => {
		const passona = await described('passona');
		const twilio = { properties: { displayName: 'Twilio', codex: { alias: ['SMS'] } } };
		const [first, second] = sublimeSearch('SMS', [twilio, { properties: passona }]);
		expect(second.score).toBe(first.score);
	});

	test('"What happens next?" shows what the Passona node does, not what its trigger does', async () => {
		const passona = await described('passona');
		const trigger = await described('passonaTrigger');
		// n8n merges a trigger into the node named like it without "Trigger" (one app entry) and gives
		// that entry the trigger's description (editor-ui generateMergedNodesAndActions, n8n 2.40).
		expect(trigger.name.replace('Trigger', '')).toBe(passona.name);
		const merged = { ...passona, description: trigger.description };
		expect(merged.description).toBe(passona.description);
		expect(passona.description).toMatch(/^Send SMS/);
		expect(passona.description).toMatch(/inbound SMS/);
	});
});

/** The subtitle n8n shows under a node on the canvas, evaluated as the editor does. */
async function subtitle(type: string, parameters: INode['parameters']): Promise<string> {
	const description = await described(type);
	const node: INode = {
		id: 'b1',
		name: 'Node',
		type: `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = await workflowWith(node);
	return String(
		workflow.expression.getSimpleParameterValue(
			node,
			description.subtitle as string,
			'internal',
			{},
		),
	);
}

describe('canvas subtitles', () => {
	test('the Passona node shows the operation and resource as the panel names them', async () => {
		expect(await subtitle('passona', { resource: 'contactGroup', operation: 'addContacts' })).toBe(
			'Add Contacts: Contact Group',
		);
		expect(await subtitle('passona', { resource: 'campaign', operation: 'sendTest' })).toBe(
			'Send SMS to One Number: Campaign',
		);
		expect(await subtitle('passona', { resource: 'account', operation: 'getBalance' })).toBe(
			'Get Balance: Account',
		);
	});

	test('every operation of every resource has its display name in the subtitle', async () => {
		const passona = await described('passona');
		const resources = passona.properties.find((field) => field.name === 'resource')!
			.options as INodePropertyOptions[];
		for (const resource of resources) {
			const operations = passona.properties.find(
				(field) =>
					field.name === 'operation' &&
					field.displayOptions?.show?.resource?.includes(resource.value),
			)!.options as INodePropertyOptions[];
			for (const operation of operations)
				expect(
					await subtitle('passona', { resource: resource.value, operation: operation.value }),
				).toBe(`${operation.name}: ${resource.name}`);
		}
	});

	test('the Campaign Trigger names its events as the panel does', async () => {
		expect(
			await subtitle('passonaCampaignTrigger', {
				events: ['startedSending', 'finishedSending'],
			}),
		).toBe('Started Sending, Finished Sending');
	});
});

describe('the Docs link of each node', () => {
	/** What n8n 2.40's node settings link to (NodeSettings docsUrl): the node's own URL if it has one. */
	function docsLink(description: Described): string {
		if (description.documentationUrl?.startsWith('http')) return description.documentationUrl;
		const utm = new URLSearchParams({ utm_source: 'n8n_app', utm_campaign: description.name });
		return `${description.codex!.resources!.primaryDocumentation![0].url}?${utm.toString()}`;
	}

	const readmeAnchors = () =>
		readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')
			.split('\n')
			.filter((line) => /^#{2,3} /.test(line))
			.map((line) =>
				line
					.replace(/^#+ /, '')
					.toLowerCase()
					.replace(/[^a-z0-9 -]/g, '')
					.replace(/ /g, '-'),
			);

	test.each([
		['passona', 'operations'],
		['passonaTrigger', 'passona-trigger'],
		['passonaCampaignTrigger', 'passona-campaign-trigger'],
	])('%s opens the README of the package at #%s', async (name, anchor) => {
		const link = new URL(docsLink(await described(name)));
		expect(`${link.origin}${link.pathname}`).toBe(`https://www.npmjs.com/package/${PACKAGE_NAME}`);
		// A query after the # (as n8n adds to a codex link) would leave the page at its top.
		expect(link.hash).toBe(`#${anchor}`);
		expect(readmeAnchors()).toContain(anchor);
	});
});

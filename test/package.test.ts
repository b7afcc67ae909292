/** The package as n8n installs and verifies it: manifest, loaded description, icons, scanner. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { loadPackage, PROJECT_ROOT } from '../harness/engine';

const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));

/** The Operation field shown for `resource`. */
const operationField = (description: INodeTypeDescription, resource: string) =>
	description.properties.find(
		(property: INodeProperties) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);

function operationsOf(description: INodeTypeDescription, resource: string): string[] {
	return (operationField(description, resource)?.options as INodePropertyOptions[]).map(
		(option) => `${option.name} (${option.value})`,
	);
}

/** Create, Delete, Get, Get Many and Update, as n8n lists them (alphabetically). */
const CRUD = [
	'Create (create)',
	'Delete (delete)',
	'Get (get)',
	'Get Many (getAll)',
	'Update (update)',
];

/** Every node and the credential show the same light and dark icons. */
const ICONS = {
	light: 'icons/n8n-nodes-passona/dist/icons/passona.svg',
	dark: 'icons/n8n-nodes-passona/dist/icons/passona.dark.svg',
};

const codexCategories = (description: INodeTypeDescription) =>
	(description as unknown as { codex?: { categories: string[] } }).codex?.categories;

describe('package.json', () => {
	test('follows the community package conventions', () => {
		expect(manifest.name).toBe('n8n-nodes-passona');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.files).toEqual(['dist']);
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.n8n).toEqual({
			n8nNodesApiVersion: 1,
			strict: true,
			credentials: ['dist/credentials/PassonaApi.credentials.js'],
			nodes: [
				'dist/nodes/Passona/Passona.node.js',
				'dist/nodes/PassonaCampaignTrigger/PassonaCampaignTrigger.node.js',
				'dist/nodes/PassonaTrigger/PassonaTrigger.node.js',
			],
		});
		for (const file of [...manifest.n8n.credentials, ...manifest.n8n.nodes]) {
			expect(existsSync(join(PROJECT_ROOT, file))).toBe(true);
		}
	});
});

describe('as n8n loads it', () => {
	test.each([
		[
			'Contact Group',
			'contactGroup',
			[
				'Add Contacts (addContacts)',
				'Create (create)',
				'Create With Contacts (createWithContacts)',
				'Delete (delete)',
				'Get (get)',
				'Get Contacts (getContacts)',
				'Get Many (getAll)',
				'Get Unique Contacts (getUniqueContacts)',
				'Remove All Contacts (flush)',
				'Remove Contacts (removeContacts)',
				'Update (update)',
			],
		],
		['Keyword', 'keyword', CRUD],
		['Webhook', 'webhook', CRUD],
		[
			'Campaign',
			'campaign',
			[
				'Create (create)',
				'Delete (delete)',
				'Get Audience (getAudience)',
				'Get Many (getAll)',
				'Send SMS to One Number (sendTest)',
				'Update (update)',
			],
		],
		[
			'Template',
			'template',
			[
				'Create (create)',
				'Delete (delete)',
				'Get (get)',
				'Get Many (getAll)',
				'Preview (preview)',
				'Update (update)',
			],
		],
		['Sender', 'sender', CRUD],
		// No Get Many: Passona has no list of links.
		['Link', 'link', ['Create (create)', 'Delete (delete)', 'Get (get)', 'Update (update)']],
		['Vanity Domain', 'vanityDomain', CRUD],
		['Contact', 'contact', ['Sync Groups (syncGroups)']],
		['Account', 'account', ['Get Balance (getBalance)']],
	])('the Passona node offers every %s operation', async (_name, resource, operations) => {
		const { types } = await loadPackage();
		const passona = types.nodes.find((node) => node.name === 'passona')!;
		expect(operationsOf(passona, resource)).toEqual(operations);
	});

	test('the Passona node is usable as a tool; Link, Contact and Account open on Get, Sync Groups and Get Balance', async () => {
		const { types } = await loadPackage();
		const passona = types.nodes.find((node) => node.name === 'passona')!;
		expect(passona.usableAsTool).toBe(true);
		expect(
			['link', 'contact', 'account'].map((resource) => operationField(passona, resource)?.default),
		).toEqual(['get', 'syncGroups', 'getBalance']);
	});

	test('the Passona Campaign Trigger loads as a polling trigger with the same icons and its own codex', async () => {
		const { types } = await loadPackage();
		const trigger = types.nodes.find((node) => node.name === 'passonaCampaignTrigger')!;
		expect(trigger.group).toEqual(['trigger']);
		expect(trigger.polling).toBe(true);
		expect(trigger.iconUrl).toEqual(ICONS);
		expect(codexCategories(trigger)).toEqual(['Communication', 'Marketing']);
	});

	test('light and dark icons and the codex reach dist/ and resolve for node and credential', async () => {
		const { types, known } = await loadPackage();
		const passona = types.nodes.find((node) => node.name === 'passona')!;
		const credential = types.credentials.find((type) => type.name === 'passonaApi')!;
		expect(passona.iconUrl).toEqual(ICONS);
		expect(credential.iconUrl).toEqual(ICONS);
		for (const iconUrl of Object.values(ICONS)) {
			const svg = readFileSync(
				join(PROJECT_ROOT, iconUrl.replace('icons/n8n-nodes-passona/', '')),
				'utf8',
			);
			expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 60 60"/);
		}
		expect(codexCategories(passona)).toEqual(['Communication', 'Marketing']);
		expect(known.credentials.passonaApi).toBeDefined();
	});

	test('the Passona Trigger loads as a webhook trigger with the same icons and its own codex', async () => {
		const { types } = await loadPackage();
		const trigger = types.nodes.find((node) => node.name === 'passonaTrigger')!;
		expect(trigger.group).toEqual(['trigger']);
		expect(trigger.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		]);
		expect(trigger.iconUrl).toEqual(ICONS);
		expect(codexCategories(trigger)).toEqual(['Communication', 'Marketing']);
	});
});

test("n8n's community package scanner passes on the packed tarball", () => {
	const output = execFileSync('node', [join(PROJECT_ROOT, 'scripts/scan-package.mjs')], {
		encoding: 'utf8',
	});
	expect(output).toContain('scan-package: passed n8n community package scan');
	expect(output).not.toMatch(/^\s+(test|sandbox|scripts|nodes\/.*\.ts)/m);
}, 60_000);

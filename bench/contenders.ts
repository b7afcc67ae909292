/**
 * What is timed: our node through n8n's engine, n8n's own nodes set up as a user would without
 * this package, and the limit (Node's fetch in a plain loop) for each scenario.
 */
import type { IConnections, IDataObject, INode, INodeExecutionData, INodeType } from 'n8n-workflow';
import { type PassonaCredentials, passonaNode, runNode, workflowWith } from '../harness/engine';
import { byId } from '../harness/locators';
import type { N8nNodes } from './n8nNodesBase';

export const PAGE_SIZE = 1000;

export interface Target {
	url: string;
	token: string;
}

const credentialsOf = (target: Target): PassonaCredentials => ({
	apiToken: target.token,
	baseUrl: target.url,
});

/** Runs a workflow of nodes connected in a line; the last node's items are returned. */
async function runLine(
	nodes: INode[],
	items: IDataObject[],
	credentials: PassonaCredentials,
	extra: Record<string, INodeType> = {},
): Promise<INodeExecutionData[]> {
	const connections: IConnections = {};
	nodes.slice(1).forEach((next, index) => {
		connections[nodes[index].name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	const workflow = await workflowWith(nodes[0], extra, { nodes: nodes.slice(1), connections });
	const last = nodes[nodes.length - 1].name;
	const { items: output, error } = await runNode(
		nodes[0],
		{ items, credentials },
		extra,
		workflow,
		last,
	);
	if (error) throw error;
	return output;
}

/** A node of n8n-nodes-base in the bench's workflows; `index` keeps ids and positions apart. */
const n8nNode = (
	index: number,
	name: string,
	type: string,
	typeVersion: number,
	parameters: INode['parameters'],
): INode => ({
	id: `b1b2c3d4-0000-4000-8000-00000000000${index}`,
	name,
	type: `n8n-nodes-base.${type}`,
	typeVersion,
	position: [200 * index, 0],
	parameters,
});

const runPassonaNode = (
	target: Target,
	parameters: INode['parameters'],
	items: IDataObject[] = [{}],
) => runLine([passonaNode(parameters)], items, credentialsOf(target));

async function fetchJson(
	target: Target,
	url: string,
	init: { method?: string; body?: unknown } = {},
) {
	const response = await fetch(url, {
		method: init.method ?? 'GET',
		headers: {
			Authorization: `Bearer ${target.token}`,
			Accept: 'application/json',
			...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
	if (!response.ok)
		throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}`);
	return (await response.json()) as { data: unknown; links?: { next?: string | null } };
}

// 1. Get Contacts, Return All

/** Return All with the node's default Parallel Requests, or with `parallelRequests` set. */
export const getContactsNode = (target: Target, group: string, parallelRequests?: number) =>
	runPassonaNode(target, {
		resource: 'contactGroup',
		operation: 'getContacts',
		contactGroup: byId(group),
		returnAll: true,
		...(parallelRequests === undefined ? {} : { options: { parallelRequests } }),
	});

/** The limit: the same pages of 1,000, one after another, following links.next. */
export async function getContactsRaw(target: Target, group: string): Promise<unknown[]> {
	const contacts: unknown[] = [];
	let url: string | null | undefined =
		`${target.url}/contact-groups/${group}/list-contacts?page=1&per_page=${PAGE_SIZE}`;
	while (url) {
		const page = await fetchJson(target, url);
		for (const contact of page.data as unknown[]) contacts.push(contact);
		url = page.links?.next;
	}
	return contacts;
}

/**
 * Without this package: HTTP Request (v4.2) with a Header Auth credential and its Pagination
 * option (page query parameter = $pageCount + 1, complete when links.next is empty), giving one
 * item per page; with `splitOut`, a Split Out node on `data` then gives one item per contact.
 */
export function getContactsHttpRequest(n8n: N8nNodes, splitOut: boolean) {
	return async (target: Target, group: string): Promise<unknown[]> => {
		const httpRequest: INode = {
			...n8nNode(2, 'HTTP Request', 'httpRequest', 4.2, {
				method: 'GET',
				url: `${target.url}/contact-groups/${group}/list-contacts`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'per_page', value: String(PAGE_SIZE) }] },
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: {
								parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }],
							},
							paginationCompleteWhen: 'other',
							completeExpression: '={{ !$response.body.links.next }}',
						},
					},
				},
			}),
			credentials: { httpHeaderAuth: { id: '2', name: 'Passona header auth' } },
		};
		const nodes = [httpRequest];
		if (splitOut)
			nodes.push(
				n8nNode(3, 'Split Out', 'splitOut', 1, {
					fieldToSplitOut: 'data',
					include: 'noOtherFields',
				}),
			);
		// The Header Auth credential: the harness's credentials helper hands the same data to every type.
		const headerAuth = {
			name: 'Authorization',
			value: `Bearer ${target.token}`,
		} as unknown as PassonaCredentials;
		return await runLine(nodes, [{}], headerAuth, {
			'n8n-nodes-base.httpRequest': n8n.httpRequest,
			'n8n-nodes-base.splitOut': n8n.splitOut,
		});
	};
}

// 2. Add contacts from input items

export interface ContactRow extends IDataObject {
	phone: string;
	first_name: string;
	last_name: string;
}

export const contactRows = (count: number): ContactRow[] =>
	Array.from({ length: count }, (_, n) => ({
		phone: `4477${String(n).padStart(8, '0')}`,
		first_name: `First${n}`,
		last_name: `Last${n}`,
	}));

/** One input item per contact, Contacts From: Fields Below: one request per item. */
export const addContactsPerItem = (target: Target, group: string, rows: ContactRow[]) =>
	runPassonaNode(
		target,
		{
			resource: 'contactGroup',
			operation: 'addContacts',
			contactGroup: byId(group),
			contactSource: 'fields',
			phoneNumber: '={{ $json.phone }}',
			customFields: {
				field: [
					{ name: 'first_name', value: '={{ $json.first_name }}' },
					{ name: 'last_name', value: '={{ $json.last_name }}' },
				],
			},
		},
		rows,
	);

/** The path docs/behaviour.md advises: Aggregate (All Item Data into `data`), then Contacts From: JSON. */
export function addContactsAggregated(n8n: N8nNodes) {
	return async (target: Target, group: string, rows: ContactRow[]) => {
		const aggregate = n8nNode(4, 'Aggregate', 'aggregate', 1, {
			aggregate: 'aggregateAllItemData',
			destinationFieldName: 'data',
		});
		const passona = passonaNode({
			resource: 'contactGroup',
			operation: 'addContacts',
			contactGroup: byId(group),
			contactSource: 'json',
			contactsJson:
				'={{ $json.data.map(row => ({ phone_number: row.phone, custom_fields: { first_name: row.first_name, last_name: row.last_name } })) }}',
		});
		return await runLine([aggregate, passona], rows, credentialsOf(target), {
			'n8n-nodes-base.aggregate': n8n.aggregate,
		});
	};
}

/** The limit: the rows as requests of 1,000 contacts, one after another. */
export async function addContactsRaw(
	target: Target,
	group: string,
	rows: ContactRow[],
): Promise<unknown[]> {
	const answers: unknown[] = [];
	for (let start = 0; start < rows.length; start += PAGE_SIZE) {
		const contacts = rows.slice(start, start + PAGE_SIZE).map((row) => ({
			phone_number: row.phone,
			custom_fields: { first_name: row.first_name, last_name: row.last_name },
		}));
		answers.push(
			(
				await fetchJson(target, `${target.url}/contact-groups/${group}/add-contacts`, {
					method: 'PUT',
					body: { contacts },
				})
			).data,
		);
	}
	return answers;
}

// 3. Per-item overhead: Contact Group Get, one small answer per item

export const getGroupNode = (target: Target, group: string, count: number) =>
	runPassonaNode(
		target,
		{ resource: 'contactGroup', operation: 'get', contactGroup: byId(group) },
		Array.from({ length: count }, () => ({})),
	);

export async function getGroupRaw(
	target: Target,
	group: string,
	count: number,
): Promise<unknown[]> {
	const groups: unknown[] = [];
	for (let n = 0; n < count; n++)
		groups.push((await fetchJson(target, `${target.url}/contact-groups/${group}`)).data);
	return groups;
}

// 5. Pacing: 1,000 items against a rate limit, and without one against a keep-alive client

/** The items a run put out without an error (a paced run counts its failed items from these). */
const withoutErrors = (items: INodeExecutionData[]) => items.filter((item) => !item.error);

/** Contact Group Get for `count` items, On Error → Continue: the items that failed are left out. */
export const getGroupPaced = async (target: Target, group: string, count: number) =>
	withoutErrors(
		await runLine(
			[
				{
					...passonaNode({ resource: 'contactGroup', operation: 'get', contactGroup: byId(group) }),
					onError: 'continueRegularOutput',
				},
			],
			Array.from({ length: count }, () => ({})),
			credentialsOf(target),
		),
	);

/** The numbers a Send Test run texts, one an item (run `round` texts numbers of its own). */
export const testNumbers = (count: number, round: number) =>
	Array.from(
		{ length: count },
		(_, n) => `4477${String(round).padStart(2, '0')}${String(n).padStart(6, '0')}`,
	);

/** Send Test to each number, On Error → Continue: the items that failed are left out. */
export const sendTestPaced = async (target: Target, template: string, numbers: string[]) =>
	withoutErrors(
		await runLine(
			[
				{
					...passonaNode({
						resource: 'campaign',
						operation: 'sendTest',
						phoneNumber: '={{ $json.to }}',
						template: byId(template),
						senderName: { __rl: true, mode: 'name', value: 'Sandbox' },
						name: 'Bench test',
					}),
					onError: 'continueRegularOutput',
				},
			],
			numbers.map((to) => ({ to })),
			credentialsOf(target),
		),
	);

/**
 * The limit without a rate limit: Node's fetch, whose connections are kept alive, with `inFlight`
 * requests at a time (as many as the node keeps), each worker sending its next when one answers.
 */
export async function keepAliveLoop(
	count: number,
	inFlight: number,
	request: (n: number) => Promise<unknown>,
): Promise<unknown[]> {
	const answers: unknown[] = new Array(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const n = next++;
			answers[n] = await request(n);
		}
	};
	await Promise.all(Array.from({ length: inFlight }, worker));
	return answers;
}

export const getGroupKeepAlive = (target: Target, group: string, count: number, inFlight: number) =>
	keepAliveLoop(
		count,
		inFlight,
		async () => (await fetchJson(target, `${target.url}/contact-groups/${group}`)).data,
	);

export const sendTestKeepAlive = (
	target: Target,
	template: string,
	numbers: string[],
	inFlight: number,
) =>
	keepAliveLoop(
		numbers.length,
		inFlight,
		async (n) =>
			(
				await fetchJson(target, `${target.url}/campaigns/send-test`, {
					method: 'POST',
					body: {
						name: 'Bench test',
						template_uuid: template,
						sender: 'Sandbox',
						contact_number: numbers[n],
						custom_fields: {},
					},
				})
			).data,
	);

/** A template to send (from the sandbox's approved sender `Sandbox`); resolves with its uuid. */
export async function createTemplate(target: Target): Promise<string> {
	const answer = await fetchJson(target, `${target.url}/templates`, {
		method: 'POST',
		body: { name: 'Bench', body: 'Hi from the bench', sender: 'Sandbox' },
	});
	return (answer.data as { uuid: string }).uuid;
}

/** A sandbox control call (`/_sandbox…`) with the token, JSON in and out. */
export async function control(target: Target, method: string, path: string, body?: unknown) {
	const origin = new URL(target.url).origin;
	const response = await fetch(`${origin}/_sandbox${path}`, {
		method,
		headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${method} /_sandbox${path} answered ${response.status}`);
	return response.status === 204 ? undefined : ((await response.json()) as { data: any });
}

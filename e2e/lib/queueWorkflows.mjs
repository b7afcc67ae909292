// The workflows of the queue-mode test and bench: the Passona Trigger, or n8n's Webhook node (v2,
// header auth) for comparison, each followed by the same Passona node (Keyword → Get, which runs on a
// worker); and the Campaign Trigger.
import { randomUUID } from 'node:crypto';
import { CREDENTIAL_ID, CREDENTIAL_NAME } from './fixtures.mjs';

const passonaCredentials = { passonaApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
export const HEADER_AUTH_ID = 'PassonaHeaderAuth1';
export const SECRET_HEADER = 'X-Passona-N8n-Secret';

function chain(id, name, nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return {
		id,
		name,
		active: false,
		nodes: nodes.map((node, i) => ({ id: `${id}-${i}`, position: [i * 240, 0], ...node })),
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
		versionId: randomUUID(),
	};
}

/** What both inbound workflows run after their trigger: the keyword the message matched. */
const getKeyword = (uuidExpression) => ({
	name: 'Get Keyword',
	type: 'n8n-nodes-passona.passona',
	typeVersion: 1,
	credentials: passonaCredentials,
	parameters: {
		resource: 'keyword',
		operation: 'get',
		keyword: { __rl: true, mode: 'id', value: uuidExpression },
	},
});

/** `typeVersion`: 1.1, what new workflows get; 1, what workflows made with 0.1.0 have. */
export function passonaTriggerWorkflow({ id, webhookId, keywordUuid, typeVersion = 1.1 }) {
	return chain(id, 'Passona queue: inbound SMS', [
		{
			name: 'Passona Trigger',
			type: 'n8n-nodes-passona.passonaTrigger',
			typeVersion,
			webhookId,
			credentials: passonaCredentials,
			parameters: { keywords: [keywordUuid], options: {} },
		},
		getKeyword('={{ $json.keyword.uuid }}'),
	]);
}

/** The header auth credential n8n's Webhook node checks: Passona's secret header and its value. */
export function headerAuthCredential(secret) {
	return {
		id: HEADER_AUTH_ID,
		name: 'Passona secret header',
		type: 'httpHeaderAuth',
		data: { name: SECRET_HEADER, value: secret },
	};
}

export function webhookNodeWorkflow({ id, webhookId }) {
	return chain(id, 'Passona queue: inbound SMS through the Webhook node', [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId,
			credentials: { httpHeaderAuth: { id: HEADER_AUTH_ID, name: 'Passona secret header' } },
			parameters: {
				httpMethod: 'POST',
				path: webhookId,
				authentication: 'headerAuth',
				responseMode: 'onReceived',
				options: {},
			},
		},
		getKeyword('={{ $json.body.keyword.uuid }}'),
	]);
}

export function campaignTriggerWorkflow({ id }) {
	return chain(id, 'Passona queue: campaign events', [
		{
			name: 'Passona Campaign Trigger',
			type: 'n8n-nodes-passona.passonaCampaignTrigger',
			typeVersion: 1,
			credentials: passonaCredentials,
			parameters: {
				events: ['startedSending', 'finishedSending'],
				pollTimes: { item: [{ mode: 'everyMinute' }] },
			},
		},
	]);
}

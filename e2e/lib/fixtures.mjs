// What the e2e run imports into n8n: the sandbox credential, an action workflow and a trigger workflow.
import { randomUUID } from 'node:crypto';
export const CREDENTIAL_ID = 'PassonaSandbox01';
export const CREDENTIAL_NAME = 'Passona Sandbox';
export const ACTION_WORKFLOW_ID = 'PassonaE2eAction';
// 16 characters at most: n8n 1.x saves a workflow's static data (the trigger's secret) only for such IDs.
export const TRIGGER_WORKFLOW_ID = 'PassonaE2eTrig01';
export const TRIGGER_WEBHOOK_ID = '6f1d2a4e-6c1b-4d8e-9a57-0e2e5a550a11';
export const GROUP_NAME = 'E2E Supporters';
export const ACTION_KEYWORD = 'E2EJOIN';
export const TRIGGER_KEYWORD = 'E2ETRIGGER';
export const PHONE = '447700900123';

const passona = 'n8n-nodes-passona.passona';
const credentials = { passonaApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };

export function credential(sandbox) {
	return {
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: 'passonaApi',
		data: { apiToken: sandbox.token, baseUrl: sandbox.url },
	};
}

function workflow(id, name, nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		active: false,
		nodes: nodes.map((node, i) => ({ position: [i * 240, 0], typeVersion: 1, ...node })),
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
		// n8n 2.0 refuses to import a workflow without one (2.40 makes one up).
		versionId: randomUUID(),
	};
}

/** Contact group and keyword operations in a row: create a group, add a contact, make a keyword that adds to it, list keywords. */
export function actionWorkflow() {
	return workflow(ACTION_WORKFLOW_ID, 'Passona e2e: contact groups and keywords', [
		{ id: 'a0', name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
		{
			id: 'a1',
			name: 'Create Group',
			type: passona,
			credentials,
			parameters: {
				resource: 'contactGroup',
				operation: 'create',
				name: GROUP_NAME,
				deletable: true,
				additionalFields: { description: 'made by the e2e test' },
			},
		},
		{
			id: 'a2',
			name: 'Add Contact',
			type: passona,
			credentials,
			parameters: {
				resource: 'contactGroup',
				operation: 'addContacts',
				contactGroup: { __rl: true, mode: 'id', value: '={{ $json.uuid }}' },
				contactSource: 'fields',
				phoneNumber: '+44 7700 900123',
				customFields: { field: [{ name: 'first_name', value: 'Jane' }] },
			},
		},
		{
			id: 'a3',
			name: 'Create Keyword',
			type: passona,
			credentials,
			parameters: {
				resource: 'keyword',
				operation: 'create',
				keyword: ACTION_KEYWORD,
				addContactToGroup: true,
				contactGroups: '={{ [$("Create Group").item.json.uuid] }}',
				callWebhook: false,
				additionalFields: { message: 'Thanks for joining' },
			},
		},
		{
			id: 'a4',
			name: 'Get Keywords',
			type: passona,
			credentials,
			parameters: { resource: 'keyword', operation: 'getAll', returnAll: true },
		},
	]);
}

export function triggerWorkflow(keywordUuid) {
	return workflow(TRIGGER_WORKFLOW_ID, 'Passona e2e: inbound SMS', [
		{
			id: 't1',
			name: 'Passona Trigger',
			type: 'n8n-nodes-passona.passonaTrigger',
			webhookId: TRIGGER_WEBHOOK_ID,
			credentials,
			parameters: { keywords: [keywordUuid], options: {} },
		},
	]);
}

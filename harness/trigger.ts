/**
 * The Passona Trigger in n8n's own contexts: HookContext for checkExists/create/delete (as n8n's
 * WebhookService drives them) and WebhookContext for deliveries, whose items then start a
 * workflow run through WorkflowExecute as n8n's webhook helpers do.
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import {
	additionalDataFor,
	defaultCredentials,
	lifecycleHooks,
	loadPackage,
	PACKAGE_NAME,
	type PassonaCredentials,
	runNode,
	type RunResult,
	type WorkflowRecord,
	workflowWith,
} from './engine';
import { secretSentFor } from './secretsSent';
import { guardSecret } from './secrets';

export { SECRET_HEADER } from './secretsSent';

export const TRIGGER_NAME = 'Passona Trigger';
export const WEBHOOK_ID = '8f2b7f6e-1d1c-4a51-9c55-2f1a0c7d9e01';
export const PRODUCTION_URL = `http://127.0.0.1:5678/webhook/${WEBHOOK_ID}/webhook`;
export const TEST_URL = `http://127.0.0.1:5678/webhook-test/${WEBHOOK_ID}/webhook`;

type HookMethod = (this: HookContext) => Promise<boolean>;

export interface TriggerSetup {
	workflow: Workflow;
	node: INode;
	nodeType: INodeType;
	additionalData: IWorkflowExecuteAdditionalData;
	credentials: PassonaCredentials;
	/**
	 * The secret Passona was given for a registration (n8n keeps only its digest): the sandbox's
	 * stored webhook; by default the POST /webhooks the PassonaMock answered.
	 */
	secretSent?: (url: string, webhookId: string) => string | undefined;
}

/** One workflow holding the trigger; its static data lives as long as the setup. */
export async function triggerSetup(
	parameters: IDataObject,
	credentials: PassonaCredentials = defaultCredentials,
): Promise<TriggerSetup> {
	const node: INode = {
		id: 'a1b2c3d4-0000-4000-8000-000000000002',
		name: TRIGGER_NAME,
		type: `${PACKAGE_NAME}.passonaTrigger`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: parameters as INode['parameters'],
		credentials: { passonaApi: { id: '1', name: 'Passona account' } },
	};
	const workflow = await workflowWith(node);
	return await triggerSetupOf(workflow, node, credentials, {
		id: 'test',
		name: 'Inbound replies',
		nodes: [node],
	});
}

/**
 * The setup of trigger `node` in `workflow`, whose executions n8n starts in trigger mode as runs
 * of `workflowData`: the last step of triggerSetup and of optIn's workflowTriggerSetup.
 */
export async function triggerSetupOf(
	workflow: Workflow,
	node: INode,
	credentials: PassonaCredentials,
	workflowData: WorkflowRecord,
): Promise<TriggerSetup> {
	const additionalData = await additionalDataFor(
		credentials,
		lifecycleHooks('trigger', workflowData),
	);
	const nodeType = (await loadPackage()).nodeTypes.passonaTrigger.type as INodeType;
	return { workflow, node, nodeType, additionalData, credentials };
}

function webhookData(setup: TriggerSetup, isTest: boolean): IWebhookData {
	return {
		httpMethod: 'POST',
		node: setup.node.name,
		path: `${WEBHOOK_ID}/webhook`,
		webhookDescription: setup.nodeType.description.webhooks![0],
		workflowId: 'test',
		workflowExecuteAdditionalData: setup.additionalData,
		webhookId: WEBHOOK_ID,
		isTest,
	} as IWebhookData;
}

export function hookContext(setup: TriggerSetup, isTest = false): HookContext {
	return new HookContext(
		setup.workflow,
		setup.node,
		setup.additionalData,
		isTest ? 'manual' : 'trigger',
		isTest ? 'manual' : 'activate',
		webhookData(setup, isTest),
	);
}

const methods = (setup: TriggerSetup) =>
	setup.nodeType.webhookMethods!.default as unknown as Record<
		'checkExists' | 'create' | 'delete',
		HookMethod
	>;

export async function checkExists(setup: TriggerSetup, isTest = false): Promise<boolean> {
	return await methods(setup).checkExists.call(hookContext(setup, isTest));
}

/** What n8n does on activation: checkExists, and create only when it answers false. */
export async function activate(setup: TriggerSetup, isTest = false): Promise<void> {
	const context = hookContext(setup, isTest);
	try {
		if (!(await methods(setup).checkExists.call(context)))
			await methods(setup).create.call(context);
	} finally {
		guardTriggerSecrets(setup);
	}
}

export type Registrations = Record<string, { webhookId: string; secretDigest: string }>;

/**
 * The registrations the trigger keeps in its static data, by webhook URL: undefined until an
 * activation, check or deactivation first reads them.
 */
export function registrationsOf(setup: TriggerSetup): Registrations {
	return (setup.workflow.getStaticData('node', setup.node) as { registrations: Registrations })
		.registrations;
}

/**
 * The secret of each registration the trigger holds, as Passona received it (the node stores only
 * digests); each joins the secrets the log check looks for.
 */
export function guardTriggerSecrets(setup: TriggerSetup): string[] {
	const sent = setup.secretSent ?? ((url: string) => secretSentFor(url));
	const secrets = Object.entries(registrationsOf(setup) ?? {})
		.map(([url, registration]) => sent(url, registration.webhookId))
		.filter((secret): secret is string => typeof secret === 'string');
	secrets.forEach(guardSecret);
	return secrets;
}

export async function deactivate(setup: TriggerSetup, isTest = false): Promise<void> {
	await methods(setup).delete.call(hookContext(setup, isTest));
}

/** The requests Passona received (a PassonaMock's), each as its method, path and body. */
export const brief = (passona: {
	requests: ReadonlyArray<{ method: string; path: string; body?: unknown }>;
}) => passona.requests.map(({ method, path, body }) => ({ method, path, body }));

export interface Delivery {
	/** A call on the test URL (…/webhook-test/…) rather than the production one. */
	isTest?: boolean;
	headers?: Record<string, string>;
	body?: unknown;
	query?: Record<string, string>;
	/** As older n8n (2.0.3, 1.123.81): the WebhookContext has no getWebhookResourceUrl. */
	withoutResourceUrl?: boolean;
}

export interface DeliveryResult {
	response: IWebhookResponseData;
	/** The HTTP answer the node wrote itself (401), if it did. */
	answered?: { status: number; body: unknown };
	/** The workflow run the delivery started, if it started one. */
	run?: RunResult;
}

/** The part of Express's response the node may use (it answers 401 itself). */
export interface ResponseWriter {
	status(code: number): ResponseWriter;
	json(body: unknown): ResponseWriter;
	send(body: unknown): ResponseWriter;
	end(): ResponseWriter;
}

/**
 * What n8n does with one call on the webhook URL: the node's `webhook()` in a WebhookContext over
 * the parsed request, then, if it returned items, a workflow run started from them.
 */
export async function handleDelivery(
	setup: TriggerSetup,
	request: {
		headers: Record<string, string | string[] | undefined>;
		body: unknown;
		query?: Record<string, unknown>;
	},
	response: ResponseWriter,
	afterAnswer: (response: IWebhookResponseData) => void = () => {},
	isTest = false,
	withoutResourceUrl = false,
): Promise<{ response: IWebhookResponseData; run?: RunResult }> {
	const additionalData = {
		...setup.additionalData,
		httpRequest: {
			method: 'POST',
			headers: request.headers,
			body: request.body,
			query: request.query ?? {},
			params: {},
		},
		httpResponse: response,
	} as unknown as IWorkflowExecuteAdditionalData;
	// n8n marks a test webhook's data isTest and runs it in manual mode.
	const mode = isTest ? 'manual' : 'webhook';
	const context = new WebhookContext(
		setup.workflow,
		setup.node,
		additionalData,
		mode,
		webhookData(setup, isTest),
		[],
		null,
	);
	if (withoutResourceUrl)
		Object.defineProperty(context, 'getWebhookResourceUrl', { value: undefined });
	const answer = await setup.nodeType.webhook!.call(context);
	afterAnswer(answer);
	if (!answer.workflowData) return { response: answer };
	const run = await runNode(
		setup.node,
		{ credentials: setup.credentials, mode: 'webhook', input: answer.workflowData[0] },
		{},
		setup.workflow,
	);
	return { response: answer, run };
}

/** A call on the webhook URL, handled by the node in n8n's WebhookContext. */
export async function deliver(setup: TriggerSetup, delivery: Delivery): Promise<DeliveryResult> {
	const result: DeliveryResult = { response: {} };
	const response: ResponseWriter = {
		status(code: number) {
			result.answered = { status: code, body: undefined };
			return response;
		},
		json(body: unknown) {
			result.answered = { status: result.answered?.status ?? 200, body };
			return response;
		},
		send(body: unknown) {
			return response.json(body);
		},
		end() {
			return response;
		},
	};
	const headers = Object.fromEntries(
		Object.entries({ 'content-type': 'application/json', ...delivery.headers }).map(
			([name, value]) => [name.toLowerCase(), value],
		),
	);
	const handled = await handleDelivery(
		setup,
		{ headers, body: delivery.body, query: delivery.query },
		response,
		undefined,
		delivery.isTest,
		delivery.withoutResourceUrl,
	);
	return { ...result, ...handled };
}

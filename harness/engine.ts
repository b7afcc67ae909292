/**
 * Runs the built package through n8n-core's real execution engine (WorkflowExecute → RoutingNode),
 * loaded from dist/ by n8n's own PackageDirectoryLoader, as n8n loads a community package.
 */
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import type {
	IConnections,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-passona';

/** The folder of this package's package.json, whether run from test/ (jest) or compiled into build/ (bench). */
function findProjectRoot(start: string): string {
	for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (
			existsSync(manifest) &&
			(JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
		) {
			return dir;
		}
	}
	throw new Error(`${PACKAGE_NAME}'s package.json not found above ${start}`);
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export { TOKEN } from './secrets';
import { TOKEN } from './secrets';
export const BASE_URL = 'https://passona.test/api/2.0';

let loader: Promise<PackageDirectoryLoader> | undefined;

/** The built package as n8n sees it (run `npm run build` first; `npm test` does). */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loader ??= (async () => {
		const directoryLoader = new PackageDirectoryLoader(PROJECT_ROOT);
		await directoryLoader.loadAll();
		return directoryLoader;
	})();
	return await loader;
}

/** The Passona node's type as the package loads it (for its pickers and dropdowns). */
export async function passonaType(): Promise<INodeType> {
	return (await loadPackage()).nodeTypes.passona.type as INodeType;
}

/** A node's description as the package loads it (`passona`, `passonaTrigger`, …). */
export async function nodeDescription(name: string): Promise<INodeTypeDescription> {
	return (await loadPackage()).nodeTypes[name].type.description as INodeTypeDescription;
}

export class PackageNodeTypes implements INodeTypes {
	constructor(
		private readonly directoryLoader: PackageDirectoryLoader,
		private readonly extra: Record<string, INodeType> = {},
	) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		return (
			this.extra[type] ?? this.directoryLoader.nodeTypes[type.replace(`${PACKAGE_NAME}.`, '')].type
		);
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return this.directoryLoader.known.nodes;
	}
}

/** n8n's CredentialsHelper reduced to what execution needs, with its generic authentication. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: ICredentialType[],
		private readonly data: ICredentialDataDecryptedObject,
	) {
		super();
	}

	private typeOf(name: string) {
		return this.types.find((type) => type.name === name);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.typeOf(typeName)?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type !== 'generic' || !workflow || !node) return requestOptions;
		const resolveText = (value: string) => {
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return typeof resolved === 'string' ? resolved : JSON.stringify(resolved ?? '');
		};
		const resolveAll = (values: IDataObject | undefined) =>
			Object.fromEntries(
				Object.entries(values ?? {}).map(([key, value]) => [
					key,
					typeof value === 'string' ? resolveText(value) : value,
				]),
			);
		const { headers, qs } = authenticate.properties;
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, ...resolveAll(headers) },
			...(qs ? { qs: { ...requestOptions.qs, ...resolveAll(qs) } } : {}),
		};
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getParentTypes(): string[] {
		return [];
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}
}

export interface PassonaCredentials {
	apiToken: string;
	baseUrl: string;
	/** Absent in credentials saved before the field existed: 44 then. */
	defaultCountryCode?: string;
}

export const defaultCredentials: PassonaCredentials = { apiToken: TOKEN, baseUrl: BASE_URL };

/** The workflow an execution belongs to, as its lifecycle hooks get it (no connections unless given). */
export interface WorkflowRecord {
	id: string;
	name?: string;
	nodes: INode[];
	connections?: IConnections;
	settings?: IWorkflowSettings;
}

/** The lifecycle hooks of execution '1' of `workflow` in `mode`, as n8n creates them for a run. */
export function lifecycleHooks(
	mode: WorkflowExecuteMode,
	workflow: WorkflowRecord,
): ExecutionLifecycleHooks {
	const workflowData = { connections: {}, ...workflow } as unknown as IWorkflowBase;
	return new ExecutionLifecycleHooks(mode, '1', workflowData);
}

export async function additionalDataFor(
	credentials: PassonaCredentials,
	hooks: ExecutionLifecycleHooks,
): Promise<IWorkflowExecuteAdditionalData> {
	const { types } = await loadPackage();
	return {
		hooks,
		credentialsHelper: new TestCredentialsHelper(types.credentials, { ...credentials }),
		currentNodeParameters: undefined,
		executionId: '1',
		userId: 'test-user',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not part of these tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not part of these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	parameters: INodeParameters;
	/** Input items' JSON; one empty item by default, as after a Manual Trigger. */
	items?: IDataObject[];
	credentials?: PassonaCredentials;
	/** n8n's "On Error" setting; 'continueRegularOutput' is "Continue" (Continue On Fail). */
	onError?: INode['onError'];
	/** The node's Retry On Fail settings, as n8n's Settings tab sets them on the node. */
	retry?: Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
	/** A failed run to retry as n8n's Executions list does (its stored data, the failed node's last run dropped). */
	retryOf?: RunResult;
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	/** Items the Passona node put out (error items included, as n8n passes them on). */
	items: INodeExecutionData[];
	/** The error that stopped the workflow, if one did. */
	error?: Error & { description?: string | null; context?: IDataObject };
	run: IRun;
}

export const NODE_NAME = 'Passona';

export async function workflowWith(
	node: INode,
	extra: Record<string, INodeType> = {},
	more: { nodes?: INode[]; connections?: IConnections } = {},
): Promise<Workflow> {
	const nodeTypes = new PackageNodeTypes(await loadPackage(), extra);
	return new Workflow({
		id: 'test',
		name: 'Inbound replies',
		nodes: [node, ...(more.nodes ?? [])],
		connections: more.connections ?? {},
		nodeTypes,
		active: false,
		staticData: {},
	});
}

export function passonaNode(parameters: INodeParameters, onError?: INode['onError']): INode {
	return {
		id: 'a1b2c3d4-0000-4000-8000-000000000001',
		name: NODE_NAME,
		type: `${PACKAGE_NAME}.passona`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { passonaApi: { id: '1', name: 'Passona account' } },
		...(onError ? { onError } : {}),
	};
}

/** One Passona node in a workflow, fed `items`, executed by WorkflowExecute. */
export async function runPassona(options: RunOptions): Promise<RunResult> {
	const node = { ...passonaNode(options.parameters, options.onError), ...options.retry };
	return await runNode(node, options);
}

/**
 * The node type n8n's CredentialsTester (packages/cli, 2.40) makes for a credential's declarative
 * test: a throw-away node whose one property routes the credential's test request.
 */
async function credentialTestNodeType(
	name: string,
): Promise<{ nodeType: INodeType; credentialType: ICredentialType }> {
	const { types } = await loadPackage();
	const credentialType = types.credentials.find((type) => type.name === 'passonaApi')!;
	const nodeType = {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'passonaApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credentialType.test!.request },
				},
			],
		},
	} as INodeType;
	return { nodeType, credentialType };
}

/** The credential's test request run through the workflow engine, as a workflow run (`RunResult`). */
export async function runCredentialTest(credentials: PassonaCredentials): Promise<RunResult> {
	const { nodeType } = await credentialTestNodeType('credentialTest');
	const node = { ...passonaNode({}), type: 'credentialTest', name: NODE_NAME };
	return await runNode(node, { credentials }, { credentialTest: nodeType });
}

/**
 * n8n's CredentialsTester.testCredentials (packages/cli, 2.40) for a credential whose type has a
 * `test` request, step by step: the throw-away node type run by n8n-core's RoutingNode in an
 * ExecuteContext with the decrypted credential; a thrown error with an HTTP answer is checked
 * against the `rules` (responseCode), then worded by its status text, as the tester does.
 */
export async function testCredential(
	credentials: PassonaCredentials,
): Promise<{ status: 'OK' | 'Error'; message: string; error?: unknown }> {
	const { nodeType, credentialType } = await credentialTestNodeType('noOp');
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { passonaApi: { id: '1', name: 'Passona account' } },
	};
	const workflow = await workflowWith(node, { noOp: nodeType });
	const additionalData = await additionalDataForNode(node, credentials);
	const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{
			main: [[{ json: {} }]],
		},
		{ node, data: {}, source: null },
		[],
	);
	const decrypted = {
		id: '1',
		name: 'Passona account',
		type: 'passonaApi',
		data: { ...credentials },
	};
	try {
		await new RoutingNode(context, nodeType, decrypted).runNode();
	} catch (error) {
		const cause = (
			error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }
		).cause;
		if (cause?.response) {
			const { status, statusText } = cause.response;
			const rule = (credentialType.test!.rules ?? []).find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
			);
			if (rule) return { status: 'Error', message: rule.properties.message, error };
			if (status < 199 || status > 299) {
				return {
					status: 'Error',
					message: statusText || `Received HTTP status code: ${status}`,
					error,
				};
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code, error };
		}
		return { status: 'Error', message: (error as Error).message, error };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * Executes `node` fed with the input; with a `workflow` holding further nodes connected after it,
 * the engine runs them too and `outputOf` names the node whose output is returned.
 */
export async function runNode(
	node: INode,
	options: Pick<RunOptions, 'credentials' | 'mode' | 'retryOf'> & {
		items?: IDataObject[];
		input?: INodeExecutionData[];
	},
	extra: Record<string, INodeType> = {},
	workflow?: Workflow,
	outputOf: string = node.name,
): Promise<RunResult> {
	workflow ??= await workflowWith(node, extra);
	const mode = options.mode ?? 'manual';
	const hooks = lifecycleHooks(mode, { id: 'test', name: 'test', nodes: [node] });
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));
	const additionalData = await additionalDataFor(options.credentials ?? defaultCredentials, hooks);

	const input =
		options.input ??
		(options.items ?? [{}]).map((json, index) => ({ json, pairedItem: { item: index } }));
	const runExecutionData: IRunExecutionData = options.retryOf
		? retriedData(options.retryOf.run)
		: ({
				resultData: { runData: {} },
				executionData: {
					contextData: {},
					metadata: {},
					waitingExecution: {},
					waitingExecutionSource: null,
					nodeExecutionStack: [{ node, data: { main: [input] }, source: null }],
				},
			} as unknown as IRunExecutionData);

	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	const run = await finished;
	const taskData = run.data.resultData.runData[outputOf]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: run.data.resultData.error as RunResult['error'],
		run,
	};
}

/**
 * What n8n 2.40's ExecutionService.retry starts a retried execution from: the failed execution's
 * stored data (copied here as the database would hand it back), without its error and without the
 * failed node's last run; the node then runs again from the execution stack.
 */
function retriedData(failed: IRun): IRunExecutionData {
	const data = JSON.parse(JSON.stringify(failed.data)) as IRunExecutionData;
	delete data.resultData.error;
	const last = data.resultData.lastNodeExecuted;
	const runs = last ? data.resultData.runData[last] : undefined;
	if (runs && runs.length > 0 && runs[runs.length - 1].error !== undefined) runs.pop();
	return data;
}

/** n8n-core's additional data for running `node` alone with `credentials`, as the editor does. */
async function additionalDataForNode(node: INode, credentials: PassonaCredentials) {
	return await additionalDataFor(
		credentials,
		lifecycleHooks('internal', { id: 'test', name: 'test', nodes: [node] }),
	);
}

/** A real LoadOptionsContext, as the editor uses for From List and dropdowns. */
export async function loadOptionsContext(
	parameters: INodeParameters,
	credentials: PassonaCredentials = defaultCredentials,
): Promise<LoadOptionsContext> {
	const node = passonaNode(parameters);
	const workflow = await workflowWith(node);
	const additionalData = await additionalDataForNode(node, credentials);
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters');
}

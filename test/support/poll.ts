/**
 * The Passona Campaign Trigger in n8n-core's own PollContext, as n8n's poll executor drives it:
 * `poll()` is called on each tick, and what it returns starts a workflow run through
 * WorkflowExecute (where a polling trigger passes its items on). A "restart" is a new workflow
 * built from the old one's static data, as n8n reloads it from its database.
 */
import { PollContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import {
	additionalDataFor,
	defaultCredentials,
	lifecycleHooks,
	loadPackage,
	PACKAGE_NAME,
	PackageNodeTypes,
	type PassonaCredentials,
	runNode,
} from '../../harness/engine';

export const POLL_TRIGGER_NAME = 'Passona Campaign Trigger';

export interface PollSetup {
	workflow: Workflow;
	node: INode;
	credentials: PassonaCredentials;
}

export async function pollSetup(
	parameters: IDataObject,
	credentials: PassonaCredentials = defaultCredentials,
	staticData: IDataObject = {},
): Promise<PollSetup> {
	const node: INode = {
		id: 'a1b2c3d4-0000-4000-8000-000000000003',
		name: POLL_TRIGGER_NAME,
		type: `${PACKAGE_NAME}.passonaCampaignTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { passonaApi: { id: '1', name: 'Passona account' } },
	};
	const workflow = new Workflow({
		id: 'campaigns',
		name: 'Campaign events',
		nodes: [node],
		connections: {},
		nodeTypes: new PackageNodeTypes(await loadPackage()),
		active: true,
		staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
	});
	return { workflow, node, credentials };
}

/** n8n restarted: the same workflow, loaded again with the static data it had saved. */
export async function restart(setup: PollSetup): Promise<PollSetup> {
	return await pollSetup(
		setup.node.parameters as IDataObject,
		setup.credentials,
		setup.workflow.staticData,
	);
}

export interface PollResult {
	/** What poll() returned: null when there was nothing to report. */
	returned: INodeExecutionData[][] | null;
	/** The trigger's items after the workflow run they started (empty when none started). */
	items: INodeExecutionData[];
}

/** "Fetch Test Event" in the editor: WorkflowExecute calls poll() itself, in manual mode. */
async function fetchTestEvent(setup: PollSetup): Promise<PollResult> {
	const run = await runNode(
		setup.node,
		{ credentials: setup.credentials, mode: 'manual', input: [] },
		{},
		setup.workflow,
	);
	if (run.error) throw run.error;
	return { returned: run.items.length > 0 ? [run.items] : null, items: run.items };
}

/** One poll tick (mode 'trigger'), or "Fetch Test Event" in the editor (mode 'manual'). */
export async function pollOnce(
	setup: PollSetup,
	mode: WorkflowExecuteMode = 'trigger',
): Promise<PollResult> {
	if (mode === 'manual') return await fetchTestEvent(setup);
	const additionalData = await additionalDataFor(
		setup.credentials,
		lifecycleHooks(mode, { id: 'campaigns', name: 'Campaign events', nodes: [setup.node] }),
	);
	const context = new PollContext(setup.workflow, setup.node, additionalData, mode, 'activate');
	const nodeType = setup.workflow.nodeTypes.getByNameAndVersion(setup.node.type, 1) as INodeType;
	const returned = await nodeType.poll!.call(context);
	if (returned === null) return { returned, items: [] };
	const run = await runNode(
		setup.node,
		{ credentials: setup.credentials, mode, input: returned[0] },
		{},
		setup.workflow,
	);
	if (run.error) throw run.error;
	return { returned, items: run.items };
}

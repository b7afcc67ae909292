/**
 * Runs a whole workflow, as n8n exports it (File → Download), through n8n-core's WorkflowExecute,
 * from its trigger node, with the built Passona package and a stand-in Manual Trigger.
 */
import { WorkflowExecute } from 'n8n-core';
import type {
	IConnections,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import {
	additionalDataFor,
	lifecycleHooks,
	loadPackage,
	PackageNodeTypes,
	type PassonaCredentials,
	type RunResult,
} from './engine';

export const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/** n8n's sticky note: a note on the canvas, never run (and not in this package). */
export const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

/**
 * Our package has no n8n-nodes-base: this stands in for its Manual Trigger, which (run by hand)
 * puts out one empty item.
 */
export const manualTrigger: INodeType = {
	description: {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Stand-in for n8n-nodes-base.manualTrigger: one empty item',
		defaults: { name: "When clicking 'Execute workflow'" },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [[{ json: {} }]];
	},
} as INodeType;

/** What n8n exports: the fields the engine needs (ids, tags, meta and the rest are ignored). */
export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

export interface WorkflowResult {
	/** Each executed node's first output (first run), by node name. */
	outputs: Record<string, INodeExecutionData[]>;
	/** Node names in the order the engine ran them. */
	executed: string[];
	/** The error that stopped the workflow, if one did. */
	error?: RunResult['error'];
	/** The node that raised `error`. */
	failedNode?: string;
	run: IRun;
}

/** The trigger to start from: a node nothing feeds whose type is a trigger. */
function triggerOf(workflow: WorkflowJson): INode {
	const fed = new Set(
		Object.values(workflow.connections).flatMap((byType) =>
			Object.values(byType).flatMap((outputs) =>
				(outputs ?? []).flatMap((targets) => (targets ?? []).map((target) => target.node)),
			),
		),
	);
	const trigger = workflow.nodes.find(
		(node) => !node.disabled && !fed.has(node.name) && /trigger/i.test(node.type),
	);
	if (!trigger)
		throw new Error(`Workflow "${workflow.name ?? ''}" has no trigger node to start from`);
	return trigger;
}

/** Executes `workflowJson` from its trigger; every `passonaApi` credential reference gets `credentials`. */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	credentials: PassonaCredentials,
	mode: WorkflowExecuteMode = 'manual',
): Promise<WorkflowResult> {
	const nodeTypes = new PackageNodeTypes(await loadPackage(), { [MANUAL_TRIGGER]: manualTrigger });
	const workflow = new Workflow({
		id: 'example',
		name: workflowJson.name,
		nodes: workflowJson.nodes.filter((node) => node.type !== STICKY_NOTE),
		connections: workflowJson.connections,
		settings: workflowJson.settings,
		nodeTypes,
		active: false,
	});
	const additionalData = await additionalDataFor(
		credentials,
		lifecycleHooks(mode, { id: 'example', name: workflowJson.name ?? 'example', ...workflowJson }),
	);
	const startNode = workflow.getNode(triggerOf(workflowJson).name)!;

	const run = await new WorkflowExecute(additionalData, mode).run({ workflow, startNode });
	const { runData, error, lastNodeExecuted } = run.data.resultData;
	const executed = Object.entries(runData)
		.sort(([, a], [, b]) => (a[0]?.executionIndex ?? 0) - (b[0]?.executionIndex ?? 0))
		.map(([name]) => name);
	return {
		outputs: Object.fromEntries(
			executed.map((name) => [name, runData[name][0]?.data?.main?.[0] ?? []]),
		),
		executed,
		error: error as RunResult['error'],
		failedNode: error ? lastNodeExecuted : undefined,
		run,
	};
}

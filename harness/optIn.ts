/**
 * The opt-in example (examples/3-opt-in.json) as an active n8n workflow: its Passona Trigger
 * registered in Passona, and each delivery running the trigger and every node after it.
 */
import type { INode } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, type PassonaCredentials, workflowWith } from './engine';
import { triggerSetupOf, type TriggerSetup } from './trigger';
import { STICKY_NOTE, type WorkflowJson } from './workflow';

export const OPT_IN_EXAMPLE = '3-opt-in.json';

export interface OptInChoices {
	/** The keyword (JOIN) the trigger listens on. */
	keyword: string;
	/** The contact group joiners are added to. */
	group: string;
	/** The template of the welcome SMS. */
	template: string;
}

/** The example as a user leaves it after picking the keyword, the group and the template. */
export function optInWorkflow(choices: OptInChoices): WorkflowJson {
	const workflow = JSON.parse(
		readFileSync(join(PROJECT_ROOT, 'examples', OPT_IN_EXAMPLE), 'utf8'),
	) as WorkflowJson;
	for (const node of workflow.nodes) {
		const parameters = node.parameters as Record<string, unknown>;
		if (node.type.endsWith('.passonaTrigger')) parameters.keywords = [choices.keyword];
		if (parameters.operation === 'addContacts')
			parameters.contactGroup = { __rl: true, mode: 'id', value: choices.group };
		if (parameters.operation === 'sendTest')
			parameters.template = { __rl: true, mode: 'id', value: choices.template };
	}
	return workflow;
}

/** A TriggerSetup whose workflow holds every node of `workflowJson`, connected as exported. */
export async function workflowTriggerSetup(
	workflowJson: WorkflowJson,
	credentials: PassonaCredentials,
): Promise<TriggerSetup> {
	const node = workflowJson.nodes.find((candidate) =>
		candidate.type.endsWith('.passonaTrigger'),
	) as INode;
	// Sticky notes are notes on the canvas: n8n never runs them.
	const others = workflowJson.nodes.filter(
		(candidate) => candidate !== node && candidate.type !== STICKY_NOTE,
	);
	const workflow = await workflowWith(
		node,
		{},
		{ nodes: others, connections: workflowJson.connections },
	);
	// n8n reads the zone from the workflow's settings; workflowWith builds none.
	if (workflowJson.settings?.timezone)
		Object.assign(workflow, { timezone: workflowJson.settings.timezone });
	return await triggerSetupOf(workflow, node, credentials, { id: 'opt-in', ...workflowJson });
}

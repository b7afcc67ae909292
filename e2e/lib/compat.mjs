// What differs between the n8n versions of the e2e matrix, in one place.

/**
 * Saves the workflow once through n8n's REST API with its first node moved a little, as a person
 * saving it in the editor would, and returns it with its new versionId. Activation needs a saved
 * version in the workflow's history, and n8n 2.0's `import:workflow` makes none (2.40 and 1.123 do).
 */
export async function saveAsNewVersion(rest, id) {
	const workflow = await rest.get(`/workflows/${id}`);
	const nodes = workflow.nodes.map((node, index) =>
		index === 0 ? { ...node, position: [node.position[0], node.position[1] + 20] } : node,
	);
	return rest.patch(`/workflows/${id}`, {
		versionId: workflow.versionId,
		nodes,
		connections: workflow.connections,
	});
}

// Small workflows the scenarios open in the editor (created through n8n's REST API, the way the
// editor saves them). Nodes of the package are placed at their default version.

export const MANUAL_TRIGGER = { id: 'c0ffee00-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

let counter = 1;

/** A workflow node of package node `node` (from packageNodes.mjs) at its default version. */
export function nodeAt(node, name, column, parameters, extra = {}) {
	counter++;
	return {
		id: `c0ffee00-0000-4000-8000-${String(counter).padStart(12, '0')}`,
		name,
		type: node.type,
		typeVersion: node.version,
		position: [column * 260, 0],
		parameters,
		...extra,
	};
}

/** Start → `target` (the node named `target.name`). */
export const startTo = (target) => ({ Start: { main: [[{ node: target.name, type: 'main', index: 0 }]] } });

/** The credentials entry of a workflow node for a saved credential { id, name, type }. */
export const credentialsOf = (credential) => ({ [credential.type]: { id: credential.id, name: credential.name } });

// The Moment node as an AI Agent's tool ("Moment Tool") in the editor: its Resource dropdown offers
// every resource an agent can use and neither of the two that mean nothing to an agent: Event
// (Pass Each Once filters a workflow's trigger items, issue 21) and Moment API (Check
// Compatibility, issue 22). The plain Moment node in the same workflow offers both.
//
// Why a browser test: the rule is an option-level display rule (`displayOptions` on one option of
// Resource, with n8n's `@tool`, true for a node type whose description name ends in "Tool"). The
// editor filters a dropdown's options with it (n8n 2.41.3 editor-ui: ParameterInput's options go
// through `getParameterDisplayableOptions` -> NodeHelpers.displayParameter with the node type's
// description; n8n 1.123.81 the same function), so this shows what a user really gets, not what
// NodeHelpers says in jest. Both options carry the rule (Moment.node.ts); Event's Operation is also
// shown only when `@tool` is false. A runtime refusal backs both (test/events/screen.test.ts,
// test/compatibility/failures.test.ts).
import { createRequire } from 'node:module';
import { closeNdv, createWorkflow, openNode, openWorkflow } from '../lib/editor.mjs';
import { shownOptions } from '../lib/formExpectations.mjs';
import { chooseOption, dropdownOptions } from '../lib/ndv.mjs';
import { MANUAL_TRIGGER, nodeAt, startTo } from './workflows.mjs';

const { NodeHelpers } = createRequire(import.meta.url)('n8n-workflow');

/** The AI Agent at a version both n8n 2.41.3 (default 3.1) and 1.123.81 (default 3) have. */
const AGENT = { id: 'c0ffee00-0000-4000-8000-0000000000a1', name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3, position: [520, -200], parameters: {} };

/** Not for agents: the Resource options the tool must not offer (issue 21, issue 22). */
const NOT_FOR_AGENTS = ['Event', 'Moment API'];

/**
 * The Resource options the editor shows for the node at `variant` ("moment" or "momentTool"): the
 * description's options (plus the server's Custom API Call), each kept when its own display rule
 * holds for that node type, as the editor's getParameterDisplayableOptions decides.
 */
function expectedResources(ctx, node, variant) {
	const property = node.description.properties.find((p) => p.name === 'resource' && NodeHelpers.displayParameter({}, { ...p, displayOptions: { show: { '@version': p.displayOptions?.show?.['@version'] ?? [node.version] } } }, { typeVersion: node.version }, node.description));
	const description = { ...node.description, name: variant };
	const hidden = (property.options ?? []).filter((o) => o.displayOptions && !NodeHelpers.displayParameter({ resource: property.default }, o, { typeVersion: node.version }, description)).map((o) => o.name);
	return shownOptions(node, property, ctx.pkg.credentials).filter((name) => !hidden.includes(name));
}

export async function toolVariantInEditor(ctx) {
	const { page, baseUrl, pkg, checks } = ctx;
	const node = pkg.nodes.find((n) => n.description.usableAsTool);
	if (!node) throw new Error('the package has no node usable as a tool');
	const plain = nodeAt(node, 'Moment', 1, {});
	const tool = { ...nodeAt(node, 'Moment Tool', 2, {}), type: `${node.type}Tool`, position: [520, 120] };
	const workflow = await createWorkflow(page, baseUrl, {
		name: 'UI: Moment as a tool',
		nodes: [MANUAL_TRIGGER, plain, AGENT, tool],
		connections: { ...startTo(plain), [tool.name]: { ai_tool: [[{ node: AGENT.name, type: 'ai_tool', index: 0 }]] } },
	});
	await openWorkflow(page, baseUrl, workflow);

	// the plain node: everything, Event and Moment API included, each with its operation
	let ndv = await openNode(page, plain.name);
	const plainResources = await dropdownOptions(page, ndv, 'resource');
	await checks.equal(plainResources, expectedResources(ctx, node, node.description.name), `Moment: the Resource dropdown offers ${plainResources.length} resources`);
	await checks.equal(NOT_FOR_AGENTS.filter((name) => !plainResources.includes(name)), [], `Moment: the Resource dropdown offers ${NOT_FOR_AGENTS.join(' and ')}`);
	for (const [resource, value, operation] of [['Event', 'event', 'Pass Each Once'], ['Moment API', 'momentApi', 'Check Compatibility']]) {
		if (!plainResources.includes(resource)) continue;
		await chooseOption(page, ndv, 'resource', resource);
		// with the Custom API Call n8n's server adds to every Operation list of the node
		const property = node.description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(value));
		const expected = shownOptions(node, property, pkg.credentials);
		const offered = await dropdownOptions(page, ndv, 'operation');
		await checks.equal({ offered, [operation]: offered.includes(operation) }, { offered: expected, [operation]: true }, `Moment > ${resource}: the Operation dropdown offers ${operation}`);
	}
	await closeNdv(page);

	// the tool: every other resource, and neither of the two
	ndv = await openNode(page, tool.name);
	const toolResources = await dropdownOptions(page, ndv, 'resource');
	const forAgents = plainResources.filter((name) => !NOT_FOR_AGENTS.includes(name));
	await checks.equal(toolResources.filter((name) => !NOT_FOR_AGENTS.includes(name)), forAgents, `Moment Tool: the Resource dropdown offers every other resource (${forAgents.length}), in the same order`);
	await checks.equal(toolResources.includes('Moment API'), false, 'Moment Tool: the Resource dropdown does not offer Moment API (Check Compatibility)');
	await checks.equal(toolResources, expectedResources(ctx, node, `${node.description.name}Tool`), "Moment Tool: the Resource dropdown is the description's, as n8n's display rules give it for the tool");
	await checks.equal(toolResources.includes('Event'), false, 'Moment Tool: the Resource dropdown does not offer Event (Pass Each Once)');
	await closeNdv(page);
}

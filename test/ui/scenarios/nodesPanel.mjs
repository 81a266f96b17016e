// The nodes panel: every node of the package (package.json "n8n.nodes") is found by its name and
// by each codex alias, and choosing it puts that node on the canvas. Triggers are looked for where a
// user meets them (the empty canvas's "What triggers this workflow?"), action nodes after a trigger
// ("What happens next?").
//
// n8n 2.41 merges a trigger "<x>Trigger" into the node "<x>" when that node has actions
// (editor-ui generateMergedNodesAndActions): the panel then shows one entry, the action node's,
// with the trigger's description, found through the action node's codex only. So a trigger's
// aliases must also be in its action node's codex; this scenario checks what the user gets.
import { canvasNodes, choosePanelEntry, settledNodesPanelEntries, openNodesPanel, searchNodesPanel, waitForNdv, waitUntil } from '../lib/editor.mjs';
import { CUSTOM_API_CALL, displayedProperties, nodeValues } from '../lib/formExpectations.mjs';

/** Node types whose panel entry stands for `node` (itself, or the action node it is merged into). */
export function panelEntryTypes(node, pkg) {
	const partner = node.isTrigger ? pkg.nodes.find((n) => !n.isTrigger && n.type === node.type.replace('Trigger', '')) : undefined;
	return partner ? [node.type, partner.type] : [node.type];
}

/** What a user types to find the node: its name and its codex aliases. */
export const searchTerms = (node) => [node.description.displayName, ...(node.codex.alias ?? [])];

/** The actions n8n lists for an action node: each resource's operations' "action" texts, in order. */
export function expectedActions(node) {
	const resource = node.description.properties.find((p) => p.name === 'resource' && p.type === 'options');
	const resources = resource ? resource.options.filter((o) => o.value !== CUSTOM_API_CALL.value).map((o) => ({ resource: o.value })) : [{}];
	return resources.flatMap((partial) =>
		displayedProperties(node, nodeValues(node, partial))
			.filter((p) => p.name === 'operation' && p.type === 'options')
			.flatMap((p) => p.options.filter((o) => o.action && o.value !== CUSTOM_API_CALL.value).map((o) => o.action)),
	);
}

const list = (entries) => entries.map((e) => `${e.title}${e.nodeType ? ` [${e.nodeType}]` : ''}`).join(', ') || '(nothing)';

/** Searches every term of `node` in the open panel; one check per term. */
async function checkSearches({ page, pkg, checks }, node) {
	const types = panelEntryTypes(node, pkg);
	for (const term of searchTerms(node)) {
		const shown = await searchNodesPanel(page, term, types);
		await checks.check(shown.some((e) => types.includes(e.nodeType)), `nodes panel: searching "${term}" lists ${node.description.displayName}`, `it lists: ${list(shown)}`);
	}
}

/**
 * Finds `node` in the open panel by its name and adds it: the entry, then (for a merged or
 * app entry, which lists actions) the node's first action. Returns the details view n8n opens.
 */
async function addNode({ page, pkg, checks }, node) {
	const types = panelEntryTypes(node, pkg);
	const term = node.description.displayName;
	const entry = (await searchNodesPanel(page, term, types)).find((e) => types.includes(e.nodeType));
	if (!entry) throw new Error(`"${term}" is not in the nodes panel`);
	const typesOnCanvas = () => canvasNodes(page).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node-type')).filter(Boolean));
	const before = (await typesOnCanvas()).length;
	await choosePanelEntry(page, entry.title);
	// an entry with actions (an app, or a trigger merged into one) lists them; one without adds its node
	const ndvOpen = () => page.getByTestId('ndv').isVisible();
	const actions = await waitUntil(
		async () => ((await ndvOpen()) ? 'added' : await settledNodesPanelEntries(page)),
		(shown) => shown === 'added' || shown.some((e) => e.kind === 'action'),
		{ timeout: 15_000 },
	);
	let chosen = entry.title;
	if (actions !== 'added') {
		const own = actions.filter((e) => e.kind === 'action' && e.nodeType === node.type);
		if (!node.isTrigger) {
			await checks.equal(own.map((e) => e.title), expectedActions(node), `nodes panel: "${entry.title}" lists the actions of every resource and operation`);
		} else {
			await checks.check(own.length > 0, `nodes panel: "${entry.title}" offers the trigger ${node.description.displayName}`, `it lists: ${list(actions)}`);
		}
		if (own.length === 0) throw new Error(`"${entry.title}" offers nothing that adds ${node.type}`);
		chosen = own[0].title;
		await choosePanelEntry(page, chosen);
	}
	const ndv = await waitForNdv(page);
	const after = await typesOnCanvas();
	await checks.check(after.length === before + 1 && after.includes(node.type), `nodes panel: choosing "${chosen}" adds a ${node.type} node`, `canvas: ${after.join(', ')}`);
	return ndv;
}

/** Searches for `node` in the panel and adds it to the open workflow; returns its details view. */
export async function findAndAdd(ctx, node) {
	await openNodesPanel(ctx.page);
	await checkSearches(ctx, node);
	return addNode(ctx, node);
}

// The Moment Poll Trigger in the editor: its run button reads "Fetch Test Event" (n8n's button
// for a polling node), and clicking it shows the most recent record at once, as a "new" item with
// its change key, while what the published trigger remembers (the workflow's static data) stays
// untouched, so publishing afterwards still starts with On First Poll.
import { closeNdv, createWorkflow, openNode, openWorkflow, rest } from '../lib/editor.mjs';
import { executeStep, outputTable } from '../lib/ndv.mjs';
import { credentialsOf, nodeAt } from './workflows.mjs';

const RESOURCE = { value: 'invoice', entity: 'invoices' };

export async function pollTriggerInEditor(ctx) {
	const { page, baseUrl, pkg, sim, checks, credential } = ctx;
	const node = pkg.nodes.find((n) => n.description.polling === true);
	if (!node) throw new Error('the package has no polling node');
	// one invoice changed in Moment just now: the most recent one, whatever the seeded dates say
	const invoices = sim.data(RESOURCE.entity);
	const changed = sim.changeRecord(RESOURCE.entity, invoices[Math.floor(invoices.length / 2)].id);
	const trigger = nodeAt(node, 'Moment Poll Trigger', 0, { resource: RESOURCE.value }, { credentials: credentialsOf(credential) });
	const workflow = await createWorkflow(page, baseUrl, { name: 'UI: poll trigger', nodes: [trigger] });
	await openWorkflow(page, baseUrl, workflow);
	const ndv = await openNode(page, trigger.name);

	const button = (await ndv.getByTestId('node-execute-button').first().innerText()).replace(/\s+/g, ' ').trim();
	await checks.equal(button, 'Fetch Test Event', 'poll trigger: the run button reads "Fetch Test Event"');

	await executeStep(ndv);
	const output = await outputTable(ndv);
	const row = Object.fromEntries(output.headers.map((h, i) => [h, output.rows[0]?.[i]]));
	const expected = { event: 'new', resource: RESOURCE.value, id: String(changed.id), changeKey: `${RESOURCE.value}:${changed.id}:version=${changed.version}` };
	const shown = Object.fromEntries(Object.keys(expected).map((key) => [key, row[key]]));
	await checks.equal({ rows: output.rows.length, ...shown }, { rows: 1, ...expected }, `poll trigger: Fetch Test Event shows the invoice changed last (${changed.id}) as one "new" item with its change key`);

	const saved = await rest(page, baseUrl, 'GET', `/workflows/${workflow.id}`);
	// n8n keeps a node's static data under "node:<name>"; the poll trigger's memory is its "momentPoll"
	const stored = saved.staticData ?? {};
	const remembered = Object.keys(stored).filter((key) => Object.keys(stored[key] ?? {}).length > 0);
	await checks.equal({ returned: 'staticData' in saved, remembered }, { returned: true, remembered: [] }, 'poll trigger: Fetch Test Event left the workflow\'s static data (what the published trigger remembers) empty');
	await closeNdv(page);
}

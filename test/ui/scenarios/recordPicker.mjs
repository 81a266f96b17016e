// The record picker of a Get (invoices: the simulator has more of them than one page of the list)
// and running the node in the editor: the list shows Moment's records, scrolling loads the next
// page, searching narrows the list, a picked record and an id typed "By ID" are read by Execute
// step into the output panel; a text that is no id is refused by the field; a missing id shows the
// node's own message in the editor's error view.
import { closeNdv, createWorkflow, openNode, openWorkflow } from '../lib/editor.mjs';
import { displayedProperties, nodeValues } from '../lib/formExpectations.mjs';
import {
	enterRecordId,
	errorView,
	executeStep,
	fieldsNotShown,
	openRecordList,
	outputTable,
	parameterIssues,
	toggleSwitch,
	recordItems,
	recordLabels,
	scrollRecordListToEnd,
	searchRecordList,
	waitForNoIssues,
} from '../lib/ndv.mjs';
import { credentialsOf, MANUAL_TRIGGER, nodeAt, startTo } from './workflows.mjs';

// the simulator's records behind the resource (what must be hard-coded: the test data)
const RESOURCE = { value: 'invoice', entity: 'invoices', numberField: 'invoiceNumber' };

/** The label the picker shows for a record starts with its number ("12 - Acme AS"). */
const numberOf = (label) => label.split(' - ')[0].trim();

/**
 * What a simplified record shown in the output table gets wrong: it must carry the record's id,
 * at most 10 columns (n8n's UX guidelines), fewer than the record has, and every column that is a
 * plain field of the record must show that field's value.
 */
function simplifiedProblems(table, record) {
	const row = table.rows[0] ?? [];
	const problems = [];
	if (row[table.headers.indexOf('id')] !== String(record.id)) problems.push(`id not shown as ${record.id}`);
	const columns = table.headers.filter(Boolean).length; // the table ends with an unnamed column
	if (columns > 10 || columns >= Object.keys(record).length) problems.push(`${columns} columns of the record's ${Object.keys(record).length}: not simplified`);
	for (const [i, header] of table.headers.entries()) {
		const value = record[header];
		if ((typeof value === 'string' || typeof value === 'number') && row[i] !== String(value)) problems.push(`${header} shows ${JSON.stringify(row[i])}, Moment has ${JSON.stringify(value)}`);
	}
	return problems;
}

export async function recordPickerAndGet(ctx) {
	const { page, baseUrl, pkg, sim, checks, credential } = ctx;
	const node = pkg.nodes.find((n) => !n.isTrigger && n.description.properties.some((p) => p.name === 'resource'));
	const parameters = { resource: RESOURCE.value, operation: 'get' };
	const picker = displayedProperties(node, nodeValues(node, parameters)).find((p) => p.type === 'resourceLocator');
	const byId = picker.modes.find((m) => m.name === 'id');
	const records = sim.data(RESOURCE.entity, { include: 'base' });
	const get = nodeAt(node, 'Get Record', 1, parameters, { credentials: credentialsOf(credential) });
	const workflow = await createWorkflow(page, baseUrl, { name: 'UI: record picker', nodes: [MANUAL_TRIGGER, get], connections: startTo(get) });
	await openWorkflow(page, baseUrl, workflow);
	const ndv = await openNode(page, get.name);
	const what = `${picker.displayName} picker`;

	await openRecordList(page, ndv, picker.name);
	const first = await recordLabels(page);
	await checks.check(first.length > 0 && first.length < records.length, `${what}: lists the first page of Moment's ${RESOURCE.entity} (${first.length} of ${records.length})`, first.slice(0, 5));
	const all = await scrollRecordListToEnd(page);
	const numbers = all.map(numberOf).sort();
	const expectedNumbers = records.map((r) => String(r[RESOURCE.numberField])).sort();
	await checks.check(JSON.stringify(numbers) === JSON.stringify(expectedNumbers), `${what}: scrolling loads the next pages until all ${records.length} ${RESOURCE.entity} are listed, each once`, `listed ${all.length}: ${all.slice(-3).join(' | ')}`);

	const term = (first[0].split(' - ')[1] ?? first[0]).split(' ')[0];
	const matching = all.filter((label) => label.toLowerCase().includes(term.toLowerCase()));
	const found = await searchRecordList(page, term, matching.length);
	await checks.check(found.length === matching.length && found.every((l) => matching.includes(l)) && found.length < all.length, `${what}: searching "${term}" narrows the list to the ${matching.length} ${RESOURCE.entity} whose label has it`, `shows ${found.length}: ${found.slice(0, 5).join(' | ')}`);

	const pickedNumber = numberOf(found[0]);
	const picked = records.find((r) => String(r[RESOURCE.numberField]) === pickedNumber);
	await recordItems(page).first().click();
	await executeStep(ndv, { sends: picked.id });
	const output = await outputTable(ndv);
	// "Simplify" (a switch of Get, on by default from node version 1.1) shortens the record
	const simplify = displayedProperties(node, nodeValues(node, parameters)).find((p) => p.type === 'boolean' && p.displayName === 'Simplify');
	if (simplify?.default === true) {
		const problems = simplifiedProblems(output, picked);
		await checks.check(output.rows.length === 1 && problems.length === 0, `Execute step with the picked ${RESOURCE.value} ${picked.id} and ${simplify.displayName} on shows Moment's record, simplified, in the output panel (${output.count})`, problems.join(', ') || output);
		await toggleSwitch(ndv, simplify.name);
	} else {
		const missing = fieldsNotShown(output, 0, picked);
		await checks.check(output.rows.length === 1 && missing.length === 0, `Execute step with the picked ${RESOURCE.value} ${picked.id} shows Moment's record in the output panel (${output.count})`, missing.join(', ') || output);
	}

	await enterRecordId(page, ndv, picker.name, byId.displayName, 'abc-1');
	const refused = await parameterIssues(page, ndv, picker.name);
	const message = byId.validation?.[0]?.properties?.errorMessage;
	await checks.check(refused.some((line) => line.includes(message)), `${what} "${byId.displayName}" refuses "abc-1" with the node's message`, `issues shown: ${refused.join(' | ') || '(none)'}`);

	const other = records[Math.floor(records.length / 2)];
	await enterRecordId(page, ndv, picker.name, byId.displayName, String(other.id));
	const stillRefused = await waitForNoIssues(page, ndv, picker.name);
	await checks.check(stillRefused.length === 0, `${what} "${byId.displayName}" takes ${other.id} without complaint`, stillRefused.join(' | '));
	await executeStep(ndv, { sends: other.id });
	const byIdOutput = await outputTable(ndv);
	const notShown = fieldsNotShown(byIdOutput, 0, other);
	await checks.check(byIdOutput.rows.length === 1 && notShown.length === 0, `${what} "${byId.displayName}" accepts ${other.id}: Execute step shows that record${simplify ? `, every field with ${simplify.displayName} off` : ''}`, notShown.join(', ') || byIdOutput);

	const unknown = Math.max(...records.map((r) => r.id)) + 7777777;
	await enterRecordId(page, ndv, picker.name, byId.displayName, String(unknown));
	await waitForNoIssues(page, ndv, picker.name);
	await executeStep(ndv, { sends: unknown });
	const error = await errorView(ndv);
	const resourceName = node.description.properties.find((p) => p.name === 'resource').options.find((o) => o.value === RESOURCE.value).name;
	await checks.check(
		new RegExp(`^${resourceName} ${unknown} not found`).test(error.message) && error.description.length > 0,
		`Execute step with a missing id (${unknown}) shows the node's message in the error view: "${error.message}"`,
		error,
	);
	await closeNdv(page);
}

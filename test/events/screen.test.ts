/**
 * What users see for Event > Pass Each Once, as n8n evaluates the Moment node's description
 * (NodeHelpers, and n8n-workflow's Workflow for the outputs expression): its fields and defaults,
 * no credential, its outputs, and that AI agents are not offered it.
 */
import type { INode, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, NodeOperationError, Workflow } from 'n8n-workflow';

import { Moment } from '../../nodes/Moment/Moment.node';
import { REMEMBER_DEFAULT, REMEMBER_MAX } from '../../nodes/Moment/resources/event/passEachOnce';
import { DESCRIPTION, optionNames, shown, shownProperty, storedParameters } from '../actions/screens';
import { DeduplicationStore, ProcessedDataTable } from '../helpers/deduplicationStore';
import { jsonOf, runPassEachOnce } from './run';

const TYPE = 'n8n-nodes-moment.moment';

/** The outputs n8n computes for a Moment node with these stored parameters (defaults filled in, as n8n's Workflow does). */
function outputsOf(parameters: Record<string, unknown>): unknown {
	const moment = new Moment();
	const nodeTypes: INodeTypes = {
		getByName: () => moment as INodeType | IVersionedNodeType,
		getByNameAndVersion: () => moment as INodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = { id: 'n1', name: 'Moment', type: TYPE, typeVersion: 1.1, position: [0, 0], parameters: parameters as INode['parameters'] };
	const workflow = new Workflow({ id: 'wf1', nodes: [node], connections: {}, active: false, nodeTypes });
	return NodeHelpers.getNodeOutputs(workflow, workflow.getNode('Moment')!, DESCRIPTION);
}

describe('Event > Pass Each Once on the screen', () => {
	it('shows Key, Remember the Last and Repeats, and Custom Key only for Key Custom', () => {
		expect(shown('event', 'passEachOnce').map((property) => property.name)).toEqual(['resource', 'operation', 'key', 'rememberLast', 'repeats']);
		const custom = shown('event', 'passEachOnce', { values: { key: 'custom' } }).map((property) => property.name);
		expect(custom).toEqual(['resource', 'operation', 'key', 'customKey', 'rememberLast', 'repeats']);
	});

	it("stores the runtime's defaults: Automatic, 10,000, Send to Second Output; at most 100,000", () => {
		expect(storedParameters('event', 'passEachOnce')).toMatchObject({ key: 'automatic', rememberLast: REMEMBER_DEFAULT, repeats: 'output' });
		expect(REMEMBER_DEFAULT).toBe(10_000);
		expect(shownProperty('event', 'passEachOnce', 'rememberLast').typeOptions).toMatchObject({ minValue: 1, maxValue: REMEMBER_MAX });
		expect(optionNames(shownProperty('event', 'passEachOnce', 'operation'))).toEqual(['passEachOnce']);
	});

	it('asks for no credential (it calls no API); every other resource still does', () => {
		const [credential] = DESCRIPTION.credentials!;
		const node = { typeVersion: 1.1 };
		expect(NodeHelpers.displayParameter(storedParameters('event', 'passEachOnce'), credential, node, DESCRIPTION)).toBe(false);
		expect(NodeHelpers.displayParameter(storedParameters('invoice', 'get'), credential, node, DESCRIPTION)).toBe(true);
	});

	it('is not offered to AI agents: the tool variant does not list Event (test/compatibility/failures.test.ts), and saved with it anyway it has no operation, so none of its fields', () => {
		expect(shown('event', 'passEachOnce', { tool: true }).map((property) => property.name)).toEqual(['resource']);
		expect(shown('event', 'passEachOnce', { tool: false }).map((property) => property.name)).toContain('operation');
		// one Resource list at version 1.1: n8n 2.41's nodes panel lists the actions of every `resource`
		// property whose @version rule holds for the latest version (editor-ui, the node creator's actions)
		const atLatest = DESCRIPTION.properties.filter((property) => {
			const rule = property.displayOptions?.show?.['@version'];
			return property.name === 'resource' && (!rule || NodeHelpers.displayParameter({}, { ...property, displayOptions: { show: { '@version': rule } } }, { typeVersion: 1.1 }, DESCRIPTION));
		});
		expect(atLatest).toHaveLength(1);
	});

	it('a tool (momentTool) saved with Event anyway is refused with a clear error, before the store is touched, Continue On Fail or not', async () => {
		for (const continueOnFail of [false, true]) {
			const store = new DeduplicationStore(new ProcessedDataTable());
			const run = runPassEachOnce({ store, items: [{ changeKey: 'invoice:1:version=1' }], parameters: storedParameters('event', 'passEachOnce'), nodeType: `${TYPE}Tool`, continueOnFail });
			await expect(run).rejects.toThrow(NodeOperationError);
			await expect(run).rejects.toThrow('Pass Each Once is not available to AI agents');
			expect(store.table.statements).toEqual([]);
		}
	});

	it('runs with exactly the parameters n8n stores for a new node', async () => {
		const store = new DeduplicationStore(new ProcessedDataTable());
		const item = { changeKey: 'invoice:1:version=1' };
		const { outputs } = await runPassEachOnce({ store, items: [item, item], parameters: storedParameters('event', 'passEachOnce') });
		expect(jsonOf(outputs)).toEqual([[item], [item]]);
	});
});

describe('outputs (an expression n8n evaluates with the parameters)', () => {
	it('Pass Each Once: New and Repeats by default, one output with Repeats: Drop', () => {
		expect(outputsOf({ resource: 'event', operation: 'passEachOnce' })).toEqual([
			{ type: 'main', displayName: 'New' },
			{ type: 'main', displayName: 'Repeats' },
		]);
		expect(outputsOf({ resource: 'event', operation: 'passEachOnce', repeats: 'drop' })).toEqual(['main']);
	});

	it('every other operation: one output, as before', () => {
		expect(outputsOf({})).toEqual(['main']);
		expect(outputsOf({ resource: 'customer', operation: 'create' })).toEqual(['main']);
	});
});

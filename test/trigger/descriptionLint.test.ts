import type { Linter } from 'eslint';
import { ESLint } from 'eslint';

import { MomentTrigger } from '../../nodes/Moment/MomentTrigger.node';
import { nodeSource } from '../actions/descriptionSource';

/**
 * The trigger's parameters are built from the catalog, so `n8n-node lint` sees template code, not
 * the texts users read. Written out as literals, the built description must pass the same
 * n8n-nodes-base node rules (as in test/actions/descriptionLint.test.ts, without the file-name
 * rules that depend on how jest names the file).
 */
const n8nNodesBase = jest.requireActual<{ configs: { nodes: { rules: Linter.RulesRecord } } }>(
	'eslint-plugin-n8n-nodes-base',
);
const OFF_IN_NODE_CLI = [
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node',
	'n8n-nodes-base/node-class-description-outputs-wrong',
	'n8n-nodes-base/node-param-type-options-max-value-present',
];

async function lintTrigger(source: string): Promise<string[]> {
	const rules: Linter.RulesRecord = {};
	for (const [rule, level] of Object.entries(n8nNodesBase.configs.nodes.rules)) {
		if (!rule.includes('filename') && !rule.includes('dirname') && !OFF_IN_NODE_CLI.includes(rule)) rules[rule] = level;
	}
	const eslint = new ESLint({
		overrideConfigFile: true,
		overrideConfig: [{ files: ['**/*.js'], plugins: { 'n8n-nodes-base': n8nNodesBase as never }, rules }],
	});
	const [result] = await eslint.lintText(source, { filePath: 'nodes/Moment/MomentTrigger.node.js' });
	const lines = source.split('\n');
	return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message} | ${lines[m.line - 1]?.trim()}`);
}

describe('generated trigger description lint', () => {
	it('passes the n8n node parameter rules when written out as literals', async () => {
		expect(await lintTrigger(nodeSource('MomentTrigger', new MomentTrigger().description))).toEqual([]);
	});

	it('would catch a rule violation (the check is live)', async () => {
		const description = new MomentTrigger().description;
		const broken = {
			...description,
			properties: description.properties.map((entry) =>
				entry.name === 'fetchFullRecord' ? { ...entry, description: 'Fetch the record.' } : entry,
			),
		};
		expect(await lintTrigger(nodeSource('MomentTrigger', broken))).toEqual([
			expect.stringContaining('node-param-description-boolean-without-whether'),
			expect.stringContaining('node-param-description-excess-final-period'),
		]);
	});
});

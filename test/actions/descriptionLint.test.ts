import type { Linter } from 'eslint';
import { ESLint } from 'eslint';

import { Moment } from '../../nodes/Moment/Moment.node';
import { nodeSource } from './descriptionSource';

/**
 * The n8n-nodes-base rules for node files, as @n8n/node-cli's strict config applies them. The
 * community-nodes plugin (the other half of that config) is ESM-only and cannot load in jest on
 * Node 20; its rules concern the literal top-level fields of Moment.node.ts, which `n8n-node lint`
 * checks directly.
 */
const n8nNodesBase = jest.requireActual<{ configs: { nodes: { rules: Linter.RulesRecord } } }>(
	'eslint-plugin-n8n-nodes-base',
);
const OFF_IN_NODE_CLI = [
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node',
	'n8n-nodes-base/node-class-description-outputs-wrong',
	'n8n-nodes-base/node-param-type-options-max-value-present',
];
/**
 * Under jest (NODE_ENV=test) the plugin treats every file as both a regular and a trigger node
 * file; the trigger-only rules and the file name rules are not what is checked here.
 */
function notAboutTheFile(rule: string): boolean {
	return !rule.includes('trigger-node') && !rule.includes('filename') && !rule.includes('dirname');
}

async function lintNodeSource(source: string): Promise<string[]> {
	const rules: Linter.RulesRecord = {};
	for (const [rule, level] of Object.entries(n8nNodesBase.configs.nodes.rules)) {
		if (notAboutTheFile(rule) && !OFF_IN_NODE_CLI.includes(rule)) rules[rule] = level;
	}
	const eslint = new ESLint({
		overrideConfigFile: true,
		overrideConfig: [{ files: ['**/*.js'], plugins: { 'n8n-nodes-base': n8nNodesBase as never }, rules }],
	});
	const [result] = await eslint.lintText(source, { filePath: 'nodes/Moment/Moment.node.js' });
	const lines = source.split('\n');
	return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message} | ${lines[m.line - 1]?.trim()}`);
}

describe('generated node description lint', () => {
	it('passes the n8n node parameter rules when written out as literals', async () => {
		expect(await lintNodeSource(nodeSource('Moment', new Moment().description))).toEqual([]);
	});

	it('would catch a rule violation (the check is live)', async () => {
		const description = new Moment().description;
		const broken = {
			...description,
			properties: [
				...description.properties,
				{ displayName: 'Return All', name: 'returnAll', type: 'boolean' as const, default: true, description: 'All of them.' },
			],
		};
		const problems = await lintNodeSource(nodeSource('Moment', broken));
		expect(problems).toEqual([
			expect.stringContaining('node-param-description-boolean-without-whether'),
			expect.stringContaining('node-param-description-excess-final-period'),
			expect.stringContaining('node-param-description-wrong-for-return-all'),
		]);
	});
});

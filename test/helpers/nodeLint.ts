/**
 * Lints a node description written out as literal source (see test/helpers/descriptionSource.ts)
 * with the n8n-nodes-base rules for node files, as @n8n/node-cli's strict config applies them.
 * A description built at load time (the trigger's) is template code to `n8n-node lint`; this
 * checks the texts users actually read. The community-nodes plugin (the other half of that config) is ESM-only and
 * cannot load in jest on Node 20; its rules concern the literal top-level fields of the node files,
 * which `n8n-node lint` checks directly.
 */
import type { Linter } from 'eslint';
import { ESLint } from 'eslint';

const n8nNodesBase = jest.requireActual<{ configs: { nodes: { rules: Linter.RulesRecord } } }>(
	'eslint-plugin-n8n-nodes-base',
);

/** Rules @n8n/node-cli switches off for nodes/. */
const OFF_IN_NODE_CLI = [
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node',
	'n8n-nodes-base/node-class-description-outputs-wrong',
	'n8n-nodes-base/node-param-type-options-max-value-present',
];

/**
 * Lints `source` as `nodes/Moment/<fileName>.node.js`. File-name rules are left out (they depend on
 * how jest names things). Under jest (NODE_ENV=test) the plugin treats every file as both a regular
 * and a trigger node file, so `regularNode` also leaves out the trigger-only rules.
 */
export async function lintNodeSource(source: string, fileName: string, kind: 'regularNode' | 'trigger'): Promise<string[]> {
	const rules: Linter.RulesRecord = {};
	for (const [rule, level] of Object.entries(n8nNodesBase.configs.nodes.rules)) {
		const aboutTheFile = rule.includes('filename') || rule.includes('dirname');
		const triggerOnly = kind === 'regularNode' && rule.includes('trigger-node');
		if (!aboutTheFile && !triggerOnly && !OFF_IN_NODE_CLI.includes(rule)) rules[rule] = level;
	}
	const eslint = new ESLint({
		overrideConfigFile: true,
		overrideConfig: [{ files: ['**/*.js'], plugins: { 'n8n-nodes-base': n8nNodesBase as never }, rules }],
	});
	const [result] = await eslint.lintText(source, { filePath: `nodes/Moment/${fileName}.node.js` });
	const lines = source.split('\n');
	return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message} | ${lines[m.line - 1]?.trim()}`);
}

/**
 * Writes a built node description out as JavaScript source with plain literals, so the n8n lint
 * rules (which read object literals, not values computed at run time) can check what a builder
 * produces. Only the Moment Trigger's description is still built (from the catalog's webhook
 * sources, trigger/description.ts); the Moment node's screens are literal source that
 * `n8n-node lint` checks as written. Remove this once the trigger's description is literal too.
 */
import type { INodeTypeDescription } from 'n8n-workflow';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function literal(value: unknown, indent: string): string {
	const inner = `${indent}\t`;
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[\n${value.map((entry) => `${inner}${literal(entry, inner)},`).join('\n')}\n${indent}]`;
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
		if (entries.length === 0) return '{}';
		const lines = entries.map(
			([key, entry]) => `${inner}${IDENTIFIER.test(key) ? key : `'${key}'`}: ${literal(entry, inner)},`,
		);
		return `{\n${lines.join('\n')}\n${indent}}`;
	}
	if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
	return JSON.stringify(value);
}

/** A node class (JavaScript) whose description is the given one, written out as literals. */
export function nodeSource(className: string, description: INodeTypeDescription): string {
	return `export class ${className} {\n\tdescription = ${literal(description, '\t')};\n}\n`;
}

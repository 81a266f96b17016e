// What n8n's node details view (NDV) must show for a node's parameters, derived from the node's
// own description with n8n-workflow's display rules (NodeHelpers, the same code the editor runs):
// which top-level fields are shown for given values, in which order, with which label and default.
// Plus the few rules the editor adds on top (n8n 2.41 NodeSettings / ParameterInputList):
//   - type "hidden" is never shown; showOnDeployment "cloud" / hideOnCloud do not apply here;
//   - the server appends a "Custom API Call" option to `resource` and `operation` of a node whose
//     credential authenticates generically, at the node's latest version
//     (n8n/dist/load-nodes-and-credentials.js, injectCustomApiCallOptions).
import { createRequire } from 'node:module';
import { hasProxyAuth } from './packageNodes.mjs';

const { NodeHelpers } = createRequire(import.meta.url)('n8n-workflow');

export const CUSTOM_API_CALL = { name: 'Custom API Call', value: '__CUSTOM_API_CALL__' };

const nodeRef = (node) => ({ typeVersion: node.version });

/** Every parameter value of the node for `partial` (what n8n stores for a new node, defaults filled in). */
export function nodeValues(node, partial = {}) {
	return NodeHelpers.getNodeParameters(node.description.properties, partial, true, false, nodeRef(node), node.description) ?? {};
}

function editorShows(node, values, property) {
	if (property.type === 'hidden') return false;
	const display = property.displayOptions ?? {};
	if (display.showOnDeployment && display.showOnDeployment !== 'hosted') return false;
	return NodeHelpers.displayParameter(values, property, nodeRef(node), node.description);
}

/**
 * Whether `property` belongs to the node's version at all: its `@version` display rules (a node
 * with `version: [1, 1.1]` keeps version 1's parameters for saved workflows) allow this version.
 */
export function inNodeVersion(node, property) {
	const onlyVersion = (rules) => (rules && '@version' in rules ? { '@version': rules['@version'] } : undefined);
	const show = onlyVersion(property.displayOptions?.show);
	const hide = onlyVersion(property.displayOptions?.hide);
	if (!show && !hide) return true;
	const versionRules = { ...property, displayOptions: { ...(show ? { show } : {}), ...(hide ? { hide } : {}) } };
	return NodeHelpers.displayParameter({}, versionRules, nodeRef(node), node.description);
}

/** Top-level properties shown for `values`, in description order. */
export function displayedProperties(node, values) {
	return node.description.properties.filter((property) => editorShows(node, values, property));
}

/** Whether the NDV shows a credential select for `values`. */
export function credentialShown(node, values) {
	return (node.description.credentials ?? []).some((credential) => NodeHelpers.displayParameter(values, credential, nodeRef(node), node.description));
}

/**
 * The text a notice must show: its displayName as written, entities decoded and whitespace
 * collapsed. HTML tags are kept on purpose: n8n 2.41 strips them (a "<br>" no longer breaks the
 * line, "<b>" is not bold), so a notice written with markup reads differently from what its
 * author meant, and the comparison with what the editor shows fails.
 */
export function noticeText(displayName) {
	const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
	return String(displayName)
		.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, e) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (named[e.toLowerCase()] ?? m)))
		.replace(/\s+/g, ' ')
		.trim();
}

/** The option list a user sees in a dropdown of `property` (with n8n's added Custom API Call). */
export function shownOptions(node, property, credentials) {
	const names = (property.options ?? []).map((o) => o.name);
	const latest = node.description.defaultVersion === undefined || !Array.isArray(node.description.version);
	if (latest && ['resource', 'operation'].includes(property.name) && hasProxyAuth(node, credentials) && names.at(-1) !== CUSTOM_API_CALL.name) names.push(CUSTOM_API_CALL.name);
	return names;
}

/** How the editor shows `property` with `value` (the shape test/ui/lib/ndv.mjs reads back). */
export function expectedField(property, value) {
	const field = { name: property.name, label: property.displayName };
	switch (property.type) {
		case 'options': {
			const option = (property.options ?? []).find((o) => o.value === value);
			return { ...field, kind: 'options', value: option ? option.name : '' };
		}
		case 'boolean':
			return { ...field, kind: 'boolean', value: value === true };
		case 'number':
			return { ...field, kind: 'number', value: value === undefined || value === null ? '' : String(value) };
		case 'string':
			return {
				...field,
				kind: 'text',
				value: String(value ?? ''),
				...(property.placeholder ? { placeholder: property.placeholder } : {}),
				...(property.typeOptions?.password ? { inputType: 'password' } : {}),
			};
		case 'json':
			return { ...field, kind: 'code', value: String(value ?? '') };
		case 'resourceLocator': {
			const mode = (property.modes ?? []).find((m) => m.name === value?.mode) ?? property.modes?.[0];
			return { ...field, kind: 'resourceLocator', mode: mode?.displayName ?? '', value: String(value?.value ?? ''), ...(mode?.placeholder ? { placeholder: mode.placeholder } : {}) };
		}
		case 'collection':
			return { ...field, kind: 'collection', empty: Object.keys(value ?? {}).length === 0, ...(property.placeholder ? { placeholder: property.placeholder } : {}) };
		case 'fixedCollection':
			return { ...field, kind: 'fixedCollection', ...(property.placeholder ? { placeholder: property.placeholder } : {}) };
		case 'notice':
			return { name: null, label: null, kind: 'notice', text: noticeText(property.displayName) };
		default:
			// a type this suite does not read yet: only its presence and label are compared
			return { ...field, kind: 'any' };
	}
}

/** The fields the NDV must show for `partial` parameter values. */
export function expectedForm(node, partial) {
	const values = nodeValues(node, partial);
	return {
		values,
		credential: credentialShown(node, values),
		fields: displayedProperties(node, values).map((property) => expectedField(property, values[property.name])),
	};
}

/** Dropdowns that switch the form: top-level options without expressions (Resource, Operation, Event Source). */
function selectors(node, values) {
	return displayedProperties(node, values).filter((p) => p.type === 'options' && p.noDataExpression);
}

/** Names of the parameters some top-level display rule (of a parameter or a credential) looks at. */
function namesInDisplayRules(node) {
	const rules = [...node.description.properties, ...(node.description.credentials ?? [])].map((p) => p.displayOptions ?? {});
	return new Set(rules.flatMap((rule) => [...Object.keys(rule.show ?? {}), ...Object.keys(rule.hide ?? {})]));
}

/**
 * Every combination of the form-switching dropdowns, e.g. each Resource with each of its
 * Operations: [{ steps: [{ name, label, value, option }], partial }], in the order a user meets them.
 * A dropdown that no display rule looks at (the poll trigger's Resource and Event: every value
 * shows the same fields) cannot change what its other values show, so only its first value is
 * combined with the dropdowns after it; each other value gets one form, with the dropdowns after
 * it as in that first combination's first form.
 */
export function formStates(node, fixed = {}, steps = [], shaping = namesInDisplayRules(node)) {
	const values = nodeValues(node, fixed);
	const next = selectors(node, values).find((p) => !(p.name in fixed));
	if (!next) return [{ steps, partial: fixed }];
	const step = (option) => ({ name: next.name, label: next.displayName, value: option.value, option: option.name });
	const options = (next.options ?? []).filter((option) => option.value !== CUSTOM_API_CALL.value);
	const walk = (option) => formStates(node, { ...fixed, [next.name]: option.value }, [...steps, step(option)], shaping);
	if (shaping.has(next.name) || options.length === 0) return options.flatMap(walk);
	const [first, ...others] = options;
	const firstStates = walk(first);
	const { steps: later, partial } = firstStates[0];
	const alike = others.map((option) => ({
		steps: later.map((s) => (s.name === next.name ? step(option) : s)),
		partial: { ...partial, [next.name]: option.value },
	}));
	return [...firstStates, ...alike];
}

/** Shown booleans whose other value changes which fields are shown (Return All, Fetch Full Record). */
export function revealingBooleans(node, partial) {
	const values = nodeValues(node, partial);
	const names = (v) => displayedProperties(node, v).map((p) => `${p.name}:${p.type}`).join(',') + credentialShown(node, v);
	return displayedProperties(node, values).filter((p) => p.type === 'boolean' && names(nodeValues(node, { ...partial, [p.name]: !values[p.name] })) !== names(values));
}

const describe = (f) => (f.kind === 'notice' ? `notice "${f.text.slice(0, 60)}${f.text.length > 60 ? '…' : ''}"` : `"${f.label}" (${f.name})`);
const keyOf = (f) => (f.kind === 'notice' ? `notice:${f.text}` : `field:${f.name}`);

/** Differences between the expected and the shown form, each a sentence naming the field. */
/** Where two texts first differ, with a little context: `…before[shown | expected]…`. */
function firstDifference(shown, expected) {
	let i = 0;
	while (i < shown.length && shown[i] === expected[i]) i++;
	const from = Math.max(0, i - 30);
	return `…${expected.slice(from, i)}[shows "${shown.slice(i, i + 30)}", expected "${expected.slice(i, i + 30)}"]`;
}

export function compareForms(expected, shown) {
	const problems = [];
	const shownKeys = shown.fields.map(keyOf);
	const expectedKeys = expected.fields.map(keyOf);
	const missing = expected.fields.filter((f) => !shownKeys.includes(keyOf(f)));
	const extra = shown.fields.filter((f) => !expectedKeys.includes(keyOf(f)));
	// a notice shown with other text than written: one problem that says where the texts part
	for (const want of missing.filter((f) => f.kind === 'notice')) {
		const got = extra.find((f) => f.kind === 'notice');
		if (!got) continue;
		problems.push(`the notice reads differently from its description: ${firstDifference(got.text, want.text)}`);
		missing.splice(missing.indexOf(want), 1);
		extra.splice(extra.indexOf(got), 1);
	}
	for (const f of missing) problems.push(`missing ${describe(f)}`);
	for (const f of extra) problems.push(`unexpected ${f.kind === 'unknown' ? `field the suite cannot read: ${f.html}` : describe(f)}`);
	if (problems.length === 0 && shownKeys.join('|') !== expectedKeys.join('|')) {
		problems.push(`order is ${shown.fields.map(describe).join(', ')}; expected ${expected.fields.map(describe).join(', ')}`);
	}
	for (const want of expected.fields) {
		const got = shown.fields.find((f) => keyOf(f) === keyOf(want));
		if (!got || want.kind === 'notice') continue;
		if (got.label !== want.label) problems.push(`${describe(want)} is labelled "${got.label}"`);
		if (want.kind !== 'any' && got.kind !== want.kind) problems.push(`${describe(want)} shows as ${got.kind}, expected ${want.kind}`);
		for (const key of ['value', 'placeholder', 'inputType', 'empty']) {
			if (!(key in want) || want.kind === 'any') continue;
			if (got[key] !== want[key]) problems.push(`${describe(want)} ${key} is ${JSON.stringify(got[key])}, expected ${JSON.stringify(want[key])}`);
		}
		if (want.kind === 'resourceLocator' && String(got.mode ?? '').toLowerCase() !== want.mode.toLowerCase()) {
			problems.push(`${describe(want)} mode is "${got.mode}", expected "${want.mode}"`);
		}
	}
	if (shown.credential !== expected.credential) problems.push(expected.credential ? 'no credential select shown' : 'a credential select is shown, none expected');
	return problems;
}

// Every form of a node as the user walks through it in the details view: each value of the
// dropdowns that switch the form (Resource, then each of its Operations; a trigger's Event Source),
// chosen in the editor; the fields shown must be exactly the ones the node's description and n8n's
// display rules give, with their labels and defaults. Each dropdown must offer the description's
// options, and each shown switch that reveals or hides fields (Return All, Fetch Full Record) is
// flipped once and back. Last, every parameter of the description must have been shown somewhere:
// one that no Resource/Operation/switch combination shows (a display rule naming a value that
// does not exist, say) is unreachable for the user (parameters kept for an older version of the
// node, `@version` rules, are left out), even though each form matched its description.
import { chooseOption, dropdownOptions, toggleSwitch, waitForForm } from '../lib/ndv.mjs';
import { compareForms, displayedProperties, expectedForm, formStates, inNodeVersion, nodeValues, noticeText, revealingBooleans, shownOptions } from '../lib/formExpectations.mjs';

const currentOption = (ndv, name) => ndv.getByTestId(`parameter-input-${name}`).locator('input').first().inputValue();

const fieldKey = (field) => (field.kind === 'notice' ? `notice: ${field.text}` : field.name);

/** Checks the form now shown against the expectation for `partial`; adds what it shows to `seen`. */
async function checkForm(ctx, ndv, node, partial, label, seen) {
	const expected = expectedForm(node, partial);
	const { shown, problems } = await waitForForm(ndv, (form) => compareForms(expected, form));
	for (const field of shown.fields) seen.add(fieldKey(field));
	const fields = expected.fields.map((f) => f.label ?? 'notice').join(', ');
	await ctx.checks.none(problems, `${label}: shows ${fields}${expected.credential ? ' and the credential' : ''}, nothing else`);
}

/** Top-level parameters of the node's version that the user never got to see. */
function unreachable(node, seen) {
	return node.description.properties
		.filter((p) => p.type !== 'hidden' && inNodeVersion(node, p))
		.map((p) => ({ property: p, key: p.type === 'notice' ? `notice: ${noticeText(p.displayName)}` : p.name }))
		.filter(({ key }) => !seen.has(key))
		.map(({ property }) => (property.type === 'notice' ? `notice "${noticeText(property.displayName).slice(0, 50)}…"` : `"${property.displayName}" (${property.name})`));
}

/** Walks every form of `node` in the open details view `ndv`. */
export async function checkEveryForm(ctx, node, ndv) {
	const { page, checks, pkg } = ctx;
	const name = node.description.displayName;
	const optionsChecked = new Set();
	const seen = new Set();
	for (const state of formStates(node)) {
		const label = [name, ...state.steps.map((s) => s.option)].join(' > ');
		const fixed = {};
		for (const step of state.steps) {
			const key = `${step.name}@${JSON.stringify(fixed)}`;
			if (!optionsChecked.has(key)) {
				optionsChecked.add(key);
				const property = displayedProperties(node, nodeValues(node, fixed)).find((p) => p.name === step.name);
				const where = [name, ...Object.keys(fixed).map((k) => state.steps.find((s) => s.name === k).option)].join(' > ');
				await checks.equal(await dropdownOptions(page, ndv, step.name), shownOptions(node, property, pkg.credentials), `${where}: the ${step.label} dropdown offers the description's options`);
			}
			if ((await currentOption(ndv, step.name)) !== step.option) await chooseOption(page, ndv, step.name, step.option);
			fixed[step.name] = step.value;
		}
		await checkForm(ctx, ndv, node, state.partial, label, seen);
		for (const property of revealingBooleans(node, state.partial)) {
			const flipped = { ...state.partial, [property.name]: !expectedForm(node, state.partial).values[property.name] };
			await toggleSwitch(ndv, property.name);
			await checkForm(ctx, ndv, node, flipped, `${label} with ${property.displayName} ${flipped[property.name] ? 'on' : 'off'}`, seen);
			await toggleSwitch(ndv, property.name);
			await waitForForm(ndv, (shown) => compareForms(expectedForm(node, state.partial), shown));
		}
	}
	const never = unreachable(node, seen);
	await checks.none(never.map((f) => `${f} is shown in no form`), `${name}: every parameter of the description is shown in some form (none unreachable)`);
}

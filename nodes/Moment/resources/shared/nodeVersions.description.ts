/**
 * Shared screen part (resources/shared/; map: docs/development.md, "Where each concern lives").
 * The node's versions, for the screens: 1.1 is what new nodes get; 1 is kept so that workflows
 * saved with it load and run as before. What changed with 1.1:
 * - Create's optional fields are in "Additional Fields" (`additionalFields`; 1: "Fields", `fields`);
 * - the JSON field is "Other Fields (JSON)" (`otherFieldsJson`; 1: "Additional Fields (JSON)",
 *   `additionalFieldsJson`);
 * - "Simplify" is a top-level switch of Get and Get Many (`simple`, on by default; 1: an option,
 *   `options.simplify`, off by default, also on Create and Update);
 * - the Resource list opens on Invoice (1: Claim).
 * The runtime reads the same names (actions/parameters.ts); test/actions/contract.test.ts checks
 * that both sides agree for both versions.
 *
 * Also here: Create's and Update's JSON field in both versions (`writeFieldsJson`), the same for
 * every resource: any field of the record the screen does not offer typed, with Moment's own field
 * names. The typed fields (the resource's screen) win when a field is given in both. The runtime
 * side is actions/writeBody.ts.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** `displayOptions.show` entry of parameters that only version 1 has. */
export const ONLY_VERSION_1: NonNullable<IDisplayOptions['show']> = { '@version': [1] };

/** `displayOptions.show` entry of parameters from version 1.1 on. */
export const FROM_VERSION_1_1: NonNullable<IDisplayOptions['show']> = { '@version': [{ _cnd: { gte: 1.1 } }] };

/** Create's collection of optional fields, for 1.1 ("Additional Fields") and for 1 ("Fields"). */
export function createFieldsInEveryVersion(additionalFields: INodeProperties): INodeProperties[] {
	return [
		{ ...additionalFields, displayOptions: { show: { ...FROM_VERSION_1_1 } } },
		{ ...additionalFields, displayName: 'Fields', name: 'fields', displayOptions: { show: { ...ONLY_VERSION_1 } } },
	];
}

const writes = ['create', 'update'];

const otherFieldsJson: INodeProperties = {
	displayName: 'Other Fields (JSON)',
	name: 'otherFieldsJson',
	type: 'json',
	default: '{}',
	displayOptions: { show: { operation: writes, ...FROM_VERSION_1_1 } },
	description:
		'Fields not offered above, as a JSON object with Moment\'s field names (case-sensitive), e.g. {"description": "Q3"}. A field given above too takes the value above.',
};

/** Create's and Update's JSON field: "Other Fields (JSON)" from 1.1, "Additional Fields (JSON)" in 1. */
export const writeFieldsJson: INodeProperties[] = [
	otherFieldsJson,
	{
		...otherFieldsJson,
		displayName: 'Additional Fields (JSON)',
		name: 'additionalFieldsJson',
		displayOptions: { show: { operation: writes, ...ONLY_VERSION_1 } },
	},
];

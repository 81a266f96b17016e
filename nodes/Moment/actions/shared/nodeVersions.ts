/**
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

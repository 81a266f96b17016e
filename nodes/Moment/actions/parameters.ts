/**
 * Reading and checking the parameters the operations share: the one boundary where user input is
 * checked (nothing checks it again per request or per page). Every failure is a
 * NodeOperationError with the item index, raised before any request is sent.
 *
 * Parameter names are written here as the screens write them (resources/<resource>/*.description.ts,
 * resources/shared/); test/actions/contract.test.ts checks that every name read here exists on the
 * screen, with the default assumed here, in both node versions.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MomentResource, OperationName } from '../catalog';
import { parseRecordId } from '../catalog';
import { parseInclude } from '../transport';
import { quote } from '../values';

function fail(this: IExecuteFunctions, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

/** Parameter names and labels of Create / Update that changed with node version 1.1. */
export interface WriteParameters {
	/** Create's collection of optional fields. */
	createFields: string;
	createFieldsLabel: string;
	/** The JSON field of Create and Update. */
	json: string;
	jsonLabel: string;
}

const WRITE_PARAMETERS_1: WriteParameters = {
	createFields: 'fields',
	createFieldsLabel: 'Fields',
	json: 'additionalFieldsJson',
	jsonLabel: 'Additional Fields (JSON)',
};

const WRITE_PARAMETERS: WriteParameters = {
	createFields: 'additionalFields',
	createFieldsLabel: 'Additional Fields',
	json: 'otherFieldsJson',
	jsonLabel: 'Other Fields (JSON)',
};

function isVersion1(this: IExecuteFunctions): boolean {
	return this.getNode().typeVersion < 1.1;
}

export function writeParameters(this: IExecuteFunctions): WriteParameters {
	return isVersion1.call(this) ? WRITE_PARAMETERS_1 : WRITE_PARAMETERS;
}

/** The record ID from the `id` parameter, a resource locator (or a plain string / number from an expression). */
export function readIdParameter(this: IExecuteFunctions, itemIndex: number, resource: MomentResource): string {
	const raw = this.getNodeParameter('id', itemIndex, undefined, { extractValue: true });
	const id = parseRecordId(raw);
	if (id !== undefined) return id;
	const tooLarge = typeof raw === 'number' && Number.isInteger(raw) && raw > 0;
	return fail.call(
		this,
		itemIndex,
		`${resource.displayName} ID ${quote(raw ?? '')} is not valid. ${
			tooLarge
				? 'It is too large to be exact as a number (above 2^53): give the ID as text, e.g. "1234567890123456789".'
				: 'Moment IDs are positive whole numbers, e.g. 106939080; pick the record from the list or check the expression that supplies the ID.'
		}`,
	);
}

export interface RecordOptions {
	include: string[];
	simplify: boolean;
}

/**
 * Include (when the resource takes one; the catalog's `defaultInclude` when none is given) and
 * Simplify, as the node's version has them.
 */
export function readRecordOptions(
	this: IExecuteFunctions,
	itemIndex: number,
	resource: MomentResource,
	operation: OperationName,
): RecordOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let include: string[] = [];
	if (resource.takesInclude) {
		try {
			include = parseInclude(options.include ?? '');
		} catch (error) {
			return fail.call(this, itemIndex, (error as Error).message);
		}
		if (include.length === 0 && resource.defaultInclude) include = [...resource.defaultInclude];
	}
	let simplify = false;
	if (isVersion1.call(this)) simplify = options.simplify === true;
	else if (operation === 'get' || operation === 'getAll') simplify = this.getNodeParameter('simple', itemIndex, true) === true;
	return { include, simplify };
}

function describeJsonType(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	if (typeof value === 'boolean') return 'true/false';
	return `a ${typeof value}`;
}

const JSON_EXAMPLE = 'a JSON object like {"name": "x"}';

/**
 * The JSON field of Create and Update: a JSON object, given as text or (from an expression) as an
 * object. Empty text means no fields.
 */
export function readJsonObject(
	this: IExecuteFunctions,
	itemIndex: number,
	parameterName: string,
	displayName: string,
): IDataObject {
	const raw = this.getNodeParameter(parameterName, itemIndex, '{}') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		try {
			value = JSON.parse(raw);
		} catch (error) {
			return fail.call(
				this,
				itemIndex,
				`${displayName} is not valid JSON: ${(error as Error).message}`,
				`Write ${JSON_EXAMPLE}, with double quotes around names and text.`,
			);
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return fail.call(
			this,
			itemIndex,
			`${displayName} must be ${JSON_EXAMPLE}; got ${describeJsonType(value)}`,
			'Put the fields to send in one object. To send several records, give one input item per record.',
		);
	}
	return value as IDataObject;
}

/** A positive whole number (Limit, Parallel Requests), or a clear error. */
export function readPositiveInteger(
	this: IExecuteFunctions,
	itemIndex: number,
	parameterName: string,
	displayName: string,
	fallback: number,
): number {
	const raw = this.getNodeParameter(parameterName, itemIndex, fallback) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		return fail.call(this, itemIndex, `${displayName} must be a whole number of at least 1; got ${JSON.stringify(raw)}`);
	}
	return value;
}

export { fail as failItem };

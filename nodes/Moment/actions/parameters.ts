/**
 * Reading and checking the parameters that several operations share. Every failure is a
 * NodeOperationError with the item index, raised before any request is sent.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { parseInclude, validateRecordId } from '../transport';

function fail(this: IExecuteFunctions, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

/** The record ID from the `id` resource locator (or a plain string / number from an expression). */
export function readRecordId(this: IExecuteFunctions, itemIndex: number, resource: MomentResource): string {
	const raw = this.getNodeParameter('id', itemIndex, undefined, { extractValue: true });
	try {
		return validateRecordId(raw, resource.displayName);
	} catch (error) {
		return fail.call(this, itemIndex, (error as Error).message);
	}
}

/** The record ID as output: a number when it is one (Moment's IDs are), else the string. */
export function outputId(id: string): number | string {
	const value = Number(id);
	return Number.isSafeInteger(value) ? value : id;
}

export interface RecordOptions {
	include: string[];
	simplify: boolean;
}

export function readRecordOptions(this: IExecuteFunctions, itemIndex: number): RecordOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let include: string[];
	try {
		include = parseInclude(options.include ?? '');
	} catch (error) {
		return fail.call(this, itemIndex, (error as Error).message);
	}
	return { include, simplify: options.simplify === true };
}

function describeJsonType(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	if (typeof value === 'boolean') return 'true/false';
	return `a ${typeof value}`;
}

const JSON_EXAMPLE = 'a JSON object like {"name": "x"}';

/**
 * "Additional Fields (JSON)": a JSON object, given as text or (from an expression) as an object.
 * Empty text means no fields.
 */
export function readJsonObject(
	this: IExecuteFunctions,
	itemIndex: number,
	parameterName: string,
	displayName: string,
): IDataObject {
	const raw = this.getNodeParameter(parameterName, itemIndex, '') as unknown;
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

/** A positive whole number (Limit), or a clear error. */
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

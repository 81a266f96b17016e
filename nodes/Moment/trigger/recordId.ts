/**
 * A record id in a webhook body, read with the one rule for Moment record IDs
 * (catalog/recordId.ts: a positive whole number without leading zeros, at most 19 digits, as a
 * JSON number or as digit text, spaces around it ignored), the rule the action node and its
 * record picker use, so an id the trigger accepts can always be fetched. This file adds what the
 * trigger needs on top: the id as a number when a JSON number holds it exactly, and a reason when
 * it is refused. Text with leading zeros ("0006109") looks like a number users see (a project
 * number), not an id.
 */
import { parseRecordId } from '../catalog/recordId';
import { describeValue } from './text';

/** `problem` completes a sentence about the field: `"claim.id" ${problem}`. */
export type RecordIdReading = { ok: true; id: number | string } | { ok: false; problem: string };

/** `raw` as an id: a number when a JSON number holds it exactly, else the digit text. */
export function readRecordId(raw: unknown): RecordIdReading {
	const text = parseRecordId(raw);
	if (text !== undefined) {
		const value = Number(text);
		return { ok: true, id: Number.isSafeInteger(value) ? value : text };
	}
	const what = `is ${describeValue(raw)}`;
	if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1) {
		return { ok: false, problem: `${what}, too large to be read exactly as a JSON number` };
	}
	if (typeof raw === 'string' && /^0+\d/.test(raw.trim())) {
		return { ok: false, problem: `${what}, with leading zeros: that looks like a number users see, not an id` };
	}
	if (typeof raw === 'string' && /^\d{20,}$/.test(raw.trim())) return { ok: false, problem: `${what}, longer than 19 digits` };
	if (raw === undefined || raw === null) return { ok: false, problem: what };
	return { ok: false, problem: `${what}, not a positive whole number` };
}

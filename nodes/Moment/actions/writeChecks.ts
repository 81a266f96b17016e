/**
 * What a write needs beyond the generic operations, for the few resources that need it, one
 * module per resource (today only time records: timeRecords/beforeWrite.ts checks locked dates
 * and looks up the project membership). Create, Update and Delete call `beforeWrite` with the body
 * they built, before anything is written: it may refuse the write, or add to the body and return a
 * notice that the output item carries, so whatever the node did on its own is visible.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MomentResource } from '../catalog';
import { checkTimeRecordWrite } from './timeRecords/beforeWrite';

export interface PendingWrite {
	operation: 'create' | 'update' | 'delete';
	/** The record written (Update, Delete). */
	id?: string;
	/** The body to send (Create, Update); may be added to. */
	body?: IDataObject;
}

export type BeforeWrite = (this: IExecuteFunctions, itemIndex: number, write: PendingWrite) => Promise<string | undefined>;

const BEFORE_WRITE: Partial<Record<string, BeforeWrite>> = {
	timeRecord: checkTimeRecordWrite,
};

export function hasWriteChecks(resource: MomentResource): boolean {
	return BEFORE_WRITE[resource.value] !== undefined;
}

/** Runs the resource's check, if it has one; returns the notice for the output item. */
export async function beforeWrite(
	this: IExecuteFunctions,
	itemIndex: number,
	resource: MomentResource,
	write: PendingWrite,
): Promise<string | undefined> {
	const check = BEFORE_WRITE[resource.value];
	return check ? await check.call(this, itemIndex, write) : undefined;
}

/** The output records with the notice added (unchanged without one). */
export function withNotice(records: IDataObject[], notice: string | undefined): IDataObject[] {
	return notice === undefined ? records : records.map((record) => ({ ...record, notice }));
}

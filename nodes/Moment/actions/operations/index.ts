import type { OperationName } from '../../catalog';
import type { WriteVerb } from '../writeReport';
import { create } from './create';
import { deleteRecord } from './delete';
import { get } from './get';
import { getAll } from './getAll';
import type { MomentOperation } from './types';
import { update } from './update';

export type { MomentOperation } from './types';

export interface OperationEntry {
	run: MomentOperation;
	/** What a successful run did to a record in Moment; absent for reads. */
	writes?: WriteVerb;
}

/** One implementation per operation, shared by every resource. */
export const OPERATIONS: Record<OperationName, OperationEntry> = {
	get: { run: get },
	getAll: { run: getAll },
	create: { run: create, writes: 'created' },
	update: { run: update, writes: 'updated' },
	delete: { run: deleteRecord, writes: 'deleted' },
};

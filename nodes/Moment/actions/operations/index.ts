import type { OperationName } from '../../catalog';
import { create } from './create';
import { deleteRecord } from './delete';
import { get } from './get';
import { getAll } from './getAll';
import type { MomentOperation } from './types';
import { update } from './update';

export type { MomentOperation } from './types';

/** One implementation per operation, shared by every resource. */
export const OPERATIONS: Record<OperationName, MomentOperation> = {
	get,
	getAll,
	create,
	update,
	delete: deleteRecord,
};

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MomentResource } from '../../catalog';

/**
 * One operation, the same function for every resource: reads its parameters for one item, calls
 * the transport, and returns the record(s) to output for that item.
 */
export type MomentOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
	resource: MomentResource,
) => Promise<IDataObject | IDataObject[]>;

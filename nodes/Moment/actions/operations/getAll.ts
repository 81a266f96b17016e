import type { IDataObject } from 'n8n-workflow';

import type { MomentOperation } from './types';
import { momentApiRequestAllItems } from '../../transport';
import { buildListQuery } from '../listQuery';
import { readPositiveInteger, readRecordOptions } from '../parameters';
import { shapeRecords } from './shapeOutput';

/** GET /{entity}[/include/...]?page=N&size=S&filters..., page after page (transport/pagination.ts). */
export const getAll: MomentOperation = async function (itemIndex, resource) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? undefined : readPositiveInteger.call(this, itemIndex, 'limit', 'Limit', 50);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const { qs, keep } = buildListQuery.call(this, itemIndex, resource, filters);
	const { include, simplify } = readRecordOptions.call(this, itemIndex, resource, 'getAll');
	const records = await momentApiRequestAllItems.call(
		this,
		{ entity: resource.apiPath, include, qs, keep, resourceName: resource.displayName, resourcePlural: resource.plural, itemIndex },
		limit,
	);
	return shapeRecords(records, resource, simplify);
};

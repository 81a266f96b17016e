import type { MomentOperation } from './types';
import { momentApiRequest } from '../../transport';
import { readRecordId, readRecordOptions } from '../parameters';
import { shapeRecords, toRecords } from './shapeOutput';

/** GET /{entity}/{id}[/include/...] */
export const get: MomentOperation = async function (itemIndex, resource) {
	const id = readRecordId.call(this, itemIndex, resource);
	const { include, simplify } = readRecordOptions.call(this, itemIndex, resource, 'get');
	const body = await momentApiRequest.call(this, {
		method: 'GET',
		entity: resource.apiPath,
		id,
		include,
		resourceName: resource.displayName,
		resourcePlural: resource.plural,
		itemIndex,
	});
	return shapeRecords(toRecords(body), resource, simplify);
};

import type { MomentOperation } from './types';
import { momentApiRequest } from '../../transport';
import { outputId, readRecordId, readRecordOptions } from '../parameters';
import { buildWriteBody } from '../writeBody';
import { beforeWrite, withNotice } from '../writeChecks';
import { shapeRecords, toRecords } from './shapeOutput';

/** PATCH /{entity}/{id}[/include/...] with only the fields to change. Outputs what Moment returns. */
export const update: MomentOperation = async function (itemIndex, resource) {
	const id = readRecordId.call(this, itemIndex, resource);
	const body = buildWriteBody.call(this, itemIndex, resource, 'update');
	const { include, simplify } = readRecordOptions.call(this, itemIndex, resource, 'update');
	const notice = await beforeWrite.call(this, itemIndex, resource, { operation: 'update', id, body });
	const response = await momentApiRequest.call(this, {
		method: 'PATCH',
		entity: resource.apiPath,
		id,
		include,
		body,
		resourceName: resource.displayName,
		resourcePlural: resource.plural,
		itemIndex,
	});
	const records = toRecords(response);
	// An empty answer (e.g. 204) still says the update was accepted.
	if (records.length === 1 && Object.keys(records[0]).length === 0) return withNotice([{ id: outputId(id), updated: true }], notice);
	return withNotice(shapeRecords(records, resource, simplify), notice);
};

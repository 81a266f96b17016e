import type { MomentOperation } from './types';
import { momentApiRequest } from '../../transport';
import { readRecordOptions } from '../parameters';
import { buildWriteBody } from '../writeBody';
import { beforeWrite, withNotice } from '../writeChecks';
import { shapeRecords, toRecords } from './shapeOutput';

/** POST /{entity}[/include/...] with the fields as JSON body. Outputs what Moment returns. */
export const create: MomentOperation = async function (itemIndex, resource) {
	const body = buildWriteBody.call(this, itemIndex, resource, 'create');
	const { include, simplify } = readRecordOptions.call(this, itemIndex, resource, 'create');
	const notice = await beforeWrite.call(this, itemIndex, resource, { operation: 'create', body });
	const response = await momentApiRequest.call(this, {
		method: 'POST',
		entity: resource.apiPath,
		include,
		body,
		resourceName: resource.displayName,
		resourcePlural: resource.plural,
		itemIndex,
	});
	const records = toRecords(response);
	// An empty answer (e.g. 201 without body) still says the record was created.
	if (records.length === 1 && Object.keys(records[0]).length === 0) return withNotice([{ created: true }], notice);
	return withNotice(shapeRecords(records, resource, simplify), notice);
};

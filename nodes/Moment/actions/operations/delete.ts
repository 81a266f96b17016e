import type { MomentOperation } from './types';
import { momentApiRequest } from '../../transport';
import { outputId, readRecordId } from '../parameters';
import { beforeWrite } from '../writeChecks';

/** DELETE /{entity}/{id}. Outputs { deleted: true, id } whatever Moment's (usually empty) answer. */
export const deleteRecord: MomentOperation = async function (itemIndex, resource) {
	const id = readRecordId.call(this, itemIndex, resource);
	await beforeWrite.call(this, itemIndex, resource, { operation: 'delete', id });
	await momentApiRequest.call(this, {
		method: 'DELETE',
		entity: resource.apiPath,
		id,
		resourceName: resource.displayName,
		resourcePlural: resource.plural,
		itemIndex,
	});
	return { deleted: true, id: outputId(id) };
};

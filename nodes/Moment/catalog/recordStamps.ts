import type { MomentResource } from './types';

/**
 * Fields that tell when and how a Moment record last changed, as the poll trigger and the change
 * key read them. None of these names is documented for the current API:
 * - `version`: Moment's records are Spring entities, and an old full-record sample
 *   (financialAccounts, demo host) carries `version`, which Spring raises on every save;
 * - `lastModifiedDate` / `createdDate`: the names of the list filters another integration uses
 *   (lastModifiedDateFrom, createdDateFrom); the others are common spellings of the same idea.
 * A resource whose records spell them otherwise sets `recordStamps` in its catalog file.
 */
export interface RecordStamps {
	/** Fields that change whenever the record changes, most reliable first. */
	changeStampFields: string[];
	/** Date-time fields holding when the record was created, tried in order. */
	createdDateFields: string[];
	/** Date-time fields holding when the record last changed, tried in order. */
	modifiedDateFields: string[];
	/** Query parameter for "changed at or after" (unverified; sent only when the user turns it on). */
	changedSinceParameter: string;
}

export const SPRING_ENTITY_STAMPS: RecordStamps = {
	changeStampFields: ['version', 'lastModifiedDate', 'modifiedDate', 'lastModified', 'updatedAt', 'updatedDate'],
	createdDateFields: ['createdDate', 'createdAt', 'created', 'creationDate'],
	modifiedDateFields: ['lastModifiedDate', 'modifiedDate', 'lastModified', 'updatedAt', 'updatedDate'],
	changedSinceParameter: 'lastModifiedDateFrom',
};

/** The stamp facts of a resource: its own where its catalog file names them, the defaults otherwise. */
export function recordStampsOf(resource: MomentResource): RecordStamps {
	return { ...SPRING_ENTITY_STAMPS, ...resource.recordStamps };
}

/**
 * catalog/: the list of every resource's facts, and the record stamps (map: docs/development.md).
 * The catalog of Moment resources: the list of every resource's facts (API path, names, numbers,
 * operations, quirks, webhook sources), the record stamps, the one ID rule (recordId.ts) and the
 * shape of the facts (types.ts). A resource's facts are resources/<resource>/<resource>.facts.ts;
 * adding a resource = its folder, one line in RESOURCES and the registrations in docs/development.md
 * ("Adding a resource"). Runtime code imports this list, never a screen: only facts files here.
 */
import { activity } from '../resources/activity/activity.facts';
import { claim } from '../resources/claim/claim.facts';
import { customer } from '../resources/customer/customer.facts';
import { invoice } from '../resources/invoice/invoice.facts';
import { offer } from '../resources/offer/offer.facts';
import { project } from '../resources/project/project.facts';
import { projectMembership } from '../resources/projectMembership/projectMembership.facts';
import { task } from '../resources/task/task.facts';
import { timeRecord } from '../resources/timeRecord/timeRecord.facts';
import { user } from '../resources/user/user.facts';
import type { MomentResource, RecordStamps, WebhookSource } from './types';

export type {
	ClosedState,
	ListFilter,
	MomentResource,
	OperationName,
	RecordStamps,
	RequiredCreateField,
	WebhookSource,
	WriteFieldType,
} from './types';
export { RECORD_ID_PATTERN, parseRecordId, recordIdForJson } from './recordId';

/** In the order shown in the node's Resource list. */
export const RESOURCES: readonly MomentResource[] = [
	activity,
	claim,
	customer,
	invoice,
	offer,
	project,
	projectMembership,
	task,
	timeRecord,
	user,
];

/** Every webhook integration type, with the resource whose record it carries. */
export const WEBHOOK_SOURCES: ReadonlyArray<WebhookSource & { resource: MomentResource }> =
	RESOURCES.flatMap((resource) =>
		resource.webhookSources.map((source) => ({ ...source, resource })),
	);

/** Resources whose lists can be read (Get Many): the ones the poll trigger watches. */
export const LISTABLE_RESOURCES: readonly MomentResource[] = RESOURCES.filter((resource) =>
	resource.operations.includes('getAll'),
);

export function findResource(value: string): MomentResource | undefined {
	return RESOURCES.find((resource) => resource.value === value);
}

export function findWebhookSource(value: string) {
	return WEBHOOK_SOURCES.find((source) => source.value === value);
}

/**
 * The record stamps: fields that tell when and how a Moment record last changed. None of these
 * names is documented for the current API:
 * - `version`: Moment's records are Spring entities, and an old full-record sample
 *   (financialAccounts, demo host) carries `version`, which Spring raises on every save;
 * - `lastModifiedDate` / `createdDate`: the names of the list filters another integration uses
 *   (lastModifiedDateFrom, createdDateFrom); the others are common spellings of the same idea.
 * A resource whose records spell them otherwise sets `recordStamps` in its facts.
 */
export const SPRING_ENTITY_STAMPS: RecordStamps = {
	changeStampFields: ['version', 'lastModifiedDate', 'modifiedDate', 'lastModified', 'updatedAt', 'updatedDate'],
	createdDateFields: ['createdDate', 'createdAt', 'created', 'creationDate'],
	modifiedDateFields: ['lastModifiedDate', 'modifiedDate', 'lastModified', 'updatedAt', 'updatedDate'],
	changedSinceParameter: 'lastModifiedDateFrom',
};

/** The stamp facts of a resource: its own where its facts name them, the defaults otherwise. */
export function recordStampsOf(resource: MomentResource): RecordStamps {
	return { ...SPRING_ENTITY_STAMPS, ...resource.recordStamps };
}

/**
 * The catalog of Moment resources: the facts that differ between them (API path, names, numbers,
 * operations, quirks, webhook sources). Adding a resource = one file like invoice.ts and one line
 * in RESOURCES, its screen (actions/resources/) and one line in Moment.node.ts, and tests.
 */
import { activity } from './activity';
import { claim } from './claim';
import { customer } from './customer';
import { invoice } from './invoice';
import { offer } from './offer';
import { project } from './project';
import { projectMembership } from './projectMembership';
import { task } from './task';
import { timeRecord } from './timeRecord';
import type { MomentResource, WebhookSource } from './types';
import { user } from './user';

export type {
	ClosedState,
	ListFilter,
	MomentResource,
	OperationName,
	RequiredCreateField,
	WebhookSource,
	WriteFieldType,
} from './types';
export { RECORD_ID_PATTERN, parseRecordId } from './recordId';
export type { RecordStamps } from './recordStamps';
export { recordStampsOf, SPRING_ENTITY_STAMPS } from './recordStamps';

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

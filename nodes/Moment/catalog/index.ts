/**
 * The catalog of Moment resources: the one place that says what differs between them.
 * Adding a resource = one file like invoice.ts + one line in RESOURCES (+ tests).
 */
import { claim } from './claim';
import { customer } from './customer';
import { invoice } from './invoice';
import { offer } from './offer';
import { project } from './project';
import type { MomentResource, WebhookSource } from './types';

export type { MomentResource, OperationName, WebhookSource, WritableField } from './types';

/** In the order shown in the node's Resource list. */
export const RESOURCES: readonly MomentResource[] = [claim, customer, invoice, offer, project];

/** Every webhook integration type, with the resource whose record it carries. */
export const WEBHOOK_SOURCES: ReadonlyArray<WebhookSource & { resource: MomentResource }> =
	RESOURCES.flatMap((resource) =>
		resource.webhookSources.map((source) => ({ ...source, resource })),
	);

export function findResource(value: string): MomentResource | undefined {
	return RESOURCES.find((resource) => resource.value === value);
}

export function findWebhookSource(value: string) {
	return WEBHOOK_SOURCES.find((source) => source.value === value);
}

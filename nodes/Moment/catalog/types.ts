/**
 * catalog/: the shape of a resource's facts (map: docs/development.md).
 * Shape of the catalog: the facts of each Moment resource, as data. The generic operations, the
 * list search, the trigger's event sources and the tests read them. Each resource's facts are
 * resources/<resource>/<resource>.facts.ts; what the user sees of it (fields, texts) is its screen
 * beside them, <resource>.description.ts. Map: docs/development.md, "Where each concern lives".
 */

/** n8n's usual operation values; `getAll` is shown as "Get Many". */
export type OperationName = 'get' | 'getAll' | 'create' | 'update' | 'delete';

/** One Moment webhook integration type, i.e. one Event Source of the trigger. */
export interface WebhookSource {
	/** Parameter value of the trigger's Event Source. */
	value: string;
	displayName: string;
	/** The webhook type to pick in Moment under Setup > Settings > Integrations > "+ New integration". */
	momentWebhookType: string;
	/** Key of the record object in the payload: `{ "event": ..., "<payloadKey>": { "id": ... } }`. */
	payloadKey: string;
	/** `event` values seen or documented for this source. Any other string is accepted too. */
	knownEvents: string[];
	/** Whether Moment documents this payload (only invoices); otherwise assumed by analogy. */
	payloadDocumented: boolean;
	/**
	 * Events that happen once per record (an invoice is finalized once): a second delivery of one
	 * of them with the same body is a repeat, so Event > Pass Each Once may key it on its
	 * `deliveryKey` when the item has no `changeKey`. For any other event two real changes of one
	 * record may arrive with the same body (Moment's webhooks carry little more than the ID).
	 */
	eventsOncePerRecord?: string[];
}

/**
 * A field Moment needs to create a record. The screen shows it on Create as a required parameter
 * named like the field; the node refuses to send a Create with it empty.
 */
export interface RequiredCreateField {
	/** Field name in Moment's API body, and the parameter's name. */
	field: string;
	/** The parameter's label on the screen, for the message when it is empty. */
	displayName: string;
}

/**
 * A Get Many filter of this resource only, besides the shared ones (dates, search text, sort,
 * other query parameters: resources/shared/getMany.description.ts). Its value is sent as the query
 * parameter `name`; the screen offers it under Filters with the same name.
 */
export interface ListFilter {
	name: string;
	/**
	 * For a query parameter Moment may ignore: the record field (a dotted path such as
	 * `project.id`) the node compares every record with, keeping only those that match: equal as
	 * text, or for a date range on or after / on or before the filter's time. A record without the
	 * field, or with a value that is not a date, is kept: there is nothing to compare. Omit to trust
	 * Moment's filtering.
	 */
	recheck?: { field: string; match: 'equals' | 'onOrAfter' | 'onOrBefore' };
	/**
	 * `calendarDate`: the value is a day (YYYY-MM-DD), sent and compared as one: a date-time from
	 * n8n becomes the calendar date it names (actions/parameters.ts). Text when absent.
	 */
	valueType?: 'calendarDate';
}

/**
 * How the node reads a typed write field before sending it (actions/writeBody.ts):
 * - `recordId`: a record picker (or an ID from an expression), sent as a number;
 * - `calendarDate`: a day, sent as YYYY-MM-DD, never shifted by a time zone;
 * - `minutes`: a duration, sent as whole minutes; "90", "1:30", "1.5h" and "1h 30m" are accepted.
 * Fields not named are sent as given (text).
 */
export type WriteFieldType = 'recordId' | 'calendarDate' | 'minutes';

/** A record state the pickers mark, e.g. activities with projectExtensionState "closed". */
export interface ClosedState {
	field: string;
	values: string[];
}

export interface MomentResource {
	/** Parameter value of the action node's Resource. */
	value: string;
	displayName: string;
	/** Lower-case plural used in sentences ("invoices"). */
	plural: string;
	/** Entity path under /api/1.0/companies/{companyCode}/. */
	apiPath: string;
	/** Whether the path is documented or observed; `false` means assumed (stated in the README). */
	apiPathVerified: boolean;
	/** The number users recognise the record by (`invoiceNumber`, `customerNumber`, ...); absent when Moment shows none. */
	numberField?: string;
	/** Fields tried, in order, for a human label after the number (record picker). */
	labelFields: string[];
	/** Fields kept first by "Simplify", in order, when present. */
	simplifyFields: string[];
	/** Operations the API allows for this resource (the screen offers exactly these; the poll trigger offers every resource with getAll). */
	operations: OperationName[];
	/** Whether Moment takes `/include/...` for this entity. Without it the screen has no Include option and the node sends none. */
	takesInclude: boolean;
	/** The include sent when the user gives none (e.g. `base+email` for users, whose e-mail only comes with it). */
	defaultInclude?: string[];
	/** Write fields that are not plain text, by API name, with their label on the screen (for messages). */
	writeFieldTypes?: Record<string, { type: WriteFieldType; displayName: string }>;
	/** A field holding a duration in whole minutes: output as a number, with `hours` next to it. */
	minutesField?: string;
	/** Records in this state are marked "(closed)" in the record pickers. */
	closedState?: ClosedState;
	requiredOnCreate: RequiredCreateField[];
	/**
	 * Fields Moment is known (or assumed, see the file's comment) to accept, by API name: the
	 * screen offers them typed, on Update in "Update Fields" and on Create in "Additional Fields"
	 * (those not required). Any other field goes in "Other Fields (JSON)".
	 */
	writableFields: string[];
	listFilters: ListFilter[];
	/** Webhook integration types whose events concern this resource. */
	webhookSources: WebhookSource[];
	/** Change-stamp and date field names, where they differ from SPRING_ENTITY_STAMPS (catalog/index.ts). */
	recordStamps?: Partial<RecordStamps>;
}

/**
 * Fields that tell when and how a Moment record last changed, as the poll trigger and the change
 * key read them (the usual names, and why: SPRING_ENTITY_STAMPS, catalog/index.ts).
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

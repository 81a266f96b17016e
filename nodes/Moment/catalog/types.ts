/**
 * Shape of the catalog: everything that differs between Moment resources is data of this shape.
 * The action node's properties, the list searches and the trigger's event sources are built from it.
 */

/** n8n's usual operation values; `getAll` is shown as "Get Many". */
export type OperationName = 'get' | 'getAll' | 'create' | 'update' | 'delete';

/** A field offered as a typed parameter on Create / Update (everything else goes in the JSON field). */
export interface WritableField {
	/** Field name in Moment's API body. */
	name: string;
	displayName: string;
	type: 'string';
	/** Parameter default in the node. */
	default: string;
	description: string;
	placeholder?: string;
	/** Shown as its own required parameter on Create instead of inside "Fields". */
	requiredOnCreate?: boolean;
}

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
	/** The number users recognise the record by (`invoiceNumber`, `customerNumber`, ...). */
	numberField: string;
	/** Fields tried, in order, for a human label after the number (list search, simplify). */
	labelFields: string[];
	/** Fields kept first by "Simplify", in order, when present. */
	simplifyFields: string[];
	/** Operations the API allows for this resource. */
	operations: OperationName[];
	writableFields: WritableField[];
	/** Webhook integration types whose events concern this resource. */
	webhookSources: WebhookSource[];
	/** One sentence on what the record is, for the UI and for AI agents. */
	description: string;
}

'use strict';
/**
 * What the simulator knows about each Moment entity: fields, which fields only come with an
 * explicit include, links to other entities, what may be written, and how seed records look.
 *
 * Field names beyond those in shared/reference/moment-api.md (id, invoiceNumber, customer{id,
 * customerNumber}, project{id, projectNumber}, name, projectNumber, projectState "inProgress",
 * currencyCode, email-only-with-include) are plausible guesses of realistic shape. Invoices are
 * read only, like the catalog (nodes/Moment/resources/invoice/invoice.facts.ts) says.
 */

const PROJECT_STATES = ['inProgress', 'notStarted', 'finished'];
const CUSTOMER_STATES = ['active', 'inactive'];
const OFFER_STATES = ['draft', 'readyToSend', 'accepted', 'rejected'];
const CLAIM_STATES = ['draft', 'waitingForReview', 'approved', 'paidOut', 'rejected'];
const CLAIM_TYPES = ['expense', 'travel'];
const EXPORT_STATES = ['toTransfer', 'transferred', 'doNotTransfer'];

/**
 * Spring-style stamps on every record: `version` (0 when created, +1 on every change, as Spring's
 * @Version does; the change stamp the poll trigger detects first) and the created / last-modified
 * times.
 */
const STAMPS = ['version', 'createdDate', 'lastModifiedDate'];
const ACTIVITY_STATES = ['open', 'closed'];
const TASK_STATES = ['open', 'closed'];
const MEMBERSHIP_STATES = ['active', 'inactive'];

/**
 * Field types drive validation of written bodies: string (default), number, boolean, date
 * (YYYY-MM-DD), id:<entity> (must exist), enum list.
 */
const ENTITIES = {
	customers: {
		name: 'customers',
		singular: 'Customer',
		numberField: 'customerNumber',
		numberType: 'string',
		firstNumber: 10001,
		baseFields: ['id', 'customerNumber', 'name', 'organizationNumber', 'phone', 'addressLine1', 'postalCode', 'city', 'countryCode', 'customerState', ...STAMPS],
		extraFields: ['email'],
		links: {},
		readOnly: false,
		requiredOnCreate: ['name'],
		types: { customerState: CUSTOMER_STATES },
		defaults: { customerState: 'active', countryCode: 'NO' },
		filterFields: ['customerState', 'customerNumber'],
		queryFields: ['customerNumber', 'name', 'organizationNumber'],
	},
	projects: {
		name: 'projects',
		singular: 'Project',
		numberField: 'projectNumber',
		numberType: 'string',
		firstNumber: 1,
		baseFields: ['id', 'projectNumber', 'name', 'projectState', 'customer', 'customerId', 'customerName', 'projectManagerId', 'projectManagerName', 'startDate', 'endDate', ...STAMPS],
		extraFields: ['description'],
		links: { customer: 'customers' },
		readOnly: false,
		requiredOnCreate: ['name'],
		types: { projectState: PROJECT_STATES, customerId: 'id:customers', projectManagerId: 'number', startDate: 'date', endDate: 'date' },
		defaults: { projectState: 'inProgress' },
		filterFields: ['projectState', 'customerId', 'projectNumber'],
		queryFields: ['projectNumber', 'name', 'customerName'],
	},
	invoices: {
		name: 'invoices',
		singular: 'Invoice',
		numberField: 'invoiceNumber',
		numberType: 'number',
		firstNumber: 1,
		baseFields: ['id', 'invoiceNumber', 'customer', 'project', 'customerId', 'customerName', 'projectId', 'projectName', 'invoiceDate', 'dueDate', 'description', 'yourReference', 'paymentId', 'currencyCode', 'totalExcludingVat', 'vatAmount', 'totalIncludingVat', 'exportState', ...STAMPS],
		extraFields: ['lines'],
		links: { customer: 'customers', project: 'projects' },
		readOnly: true,
		requiredOnCreate: [],
		types: {},
		defaults: {},
		filterFields: ['customerId', 'projectId', 'exportState', 'invoiceNumber'],
		queryFields: ['invoiceNumber', 'description', 'customerName', 'projectName', 'yourReference'],
	},
	offers: {
		name: 'offers',
		singular: 'Offer',
		numberField: 'offerNumber',
		numberType: 'number',
		firstNumber: 1001,
		baseFields: ['id', 'offerNumber', 'name', 'offerState', 'customer', 'customerId', 'customerName', 'projectId', 'projectName', 'currencyCode', 'totalAmount', 'validUntilDate', ...STAMPS],
		extraFields: ['lines'],
		links: { customer: 'customers', project: 'projects' },
		readOnly: false,
		requiredOnCreate: [],
		types: { offerState: OFFER_STATES, customerId: 'id:customers', projectId: 'id:projects', totalAmount: 'number', validUntilDate: 'date', offerNumber: 'number' },
		defaults: { offerState: 'draft', currencyCode: 'NOK', name: 'New offer', totalAmount: 0 },
		filterFields: ['offerState', 'customerId', 'projectId', 'offerNumber'],
		queryFields: ['offerNumber', 'name', 'customerName'],
	},
	claims: {
		name: 'claims',
		singular: 'Claim',
		numberField: 'claimNumber',
		numberType: 'number',
		firstNumber: 1,
		baseFields: ['id', 'claimNumber', 'description', 'claimType', 'claimState', 'userAccountId', 'userAccountName', 'projectId', 'projectName', 'fromDate', 'toDate', 'totalAmount', 'currencyCode', 'billCustomer', ...STAMPS],
		extraFields: ['expenses'],
		links: { project: 'projects' },
		readOnly: false,
		requiredOnCreate: [],
		types: { claimState: CLAIM_STATES, claimType: CLAIM_TYPES, projectId: 'id:projects', userAccountId: 'number', totalAmount: 'number', billCustomer: 'boolean', fromDate: 'date', toDate: 'date', claimNumber: 'number' },
		defaults: { claimState: 'draft', claimType: 'expense', currencyCode: 'NOK', totalAmount: 0, billCustomer: false },
		filterFields: ['claimState', 'claimType', 'projectId', 'userAccountId', 'claimNumber'],
		queryFields: ['claimNumber', 'description', 'userAccountName', 'projectName'],
	},
	/*
	 * Time tracking (shared/reference/moment-api.md, "Other entities seen" and §12): the observed
	 * field names; timeRecords refuse any include and ignore fromDate/toDate (not filter fields);
	 * writes check the user's timeLockDate and the project membership (timeRules.js).
	 */
	userAccounts: {
		name: 'userAccounts',
		singular: 'User account',
		numberField: 'employeeNumber',
		numberType: 'string',
		firstNumber: 1,
		baseFields: ['id', 'employeeNumber', 'name', 'firstName', 'lastName', 'timeLockDate', 'userAccountState', ...STAMPS],
		extraFields: ['email'],
		links: {},
		readOnly: true,
		requiredOnCreate: [],
		types: {},
		defaults: {},
		filterFields: ['userAccountState'],
		queryFields: ['name', 'email', 'employeeNumber'],
	},
	projectExtensions: {
		name: 'projectExtensions',
		singular: 'Project extension',
		numberField: 'projectExtensionNumber',
		numberType: 'string',
		firstNumber: 1,
		baseFields: ['id', 'name', 'projectId', 'projectName', 'projectExtensionState', ...STAMPS],
		extraFields: [],
		links: { project: 'projects' },
		readOnly: true,
		requiredOnCreate: [],
		types: {},
		defaults: {},
		filterFields: ['projectId', 'projectExtensionState'],
		queryFields: ['name', 'projectName'],
	},
	tasks: {
		name: 'tasks',
		singular: 'Task',
		numberField: 'taskNumber',
		numberType: 'string',
		firstNumber: 1,
		baseFields: ['id', 'taskNumber', 'name', 'taskState', 'projectId', 'projectExtensionId', ...STAMPS],
		extraFields: [],
		links: { project: 'projects' },
		readOnly: true,
		requiredOnCreate: [],
		types: {},
		defaults: {},
		filterFields: ['projectId', 'projectExtensionId', 'taskState'],
		queryFields: ['name', 'taskNumber'],
	},
	projectMemberships: {
		name: 'projectMemberships',
		singular: 'Project membership',
		numberField: 'projectMembershipNumber',
		numberType: 'string',
		firstNumber: 1,
		baseFields: ['id', 'projectId', 'projectName', 'userAccountId', 'projectMembershipState', 'projectMembershipRoleName', ...STAMPS],
		extraFields: [],
		links: { project: 'projects' },
		readOnly: true,
		requiredOnCreate: [],
		types: {},
		defaults: {},
		filterFields: ['projectId', 'userAccountId', 'projectMembershipState'],
		queryFields: ['projectName', 'projectMembershipRoleName'],
	},
	timeRecords: {
		name: 'timeRecords',
		singular: 'Time record',
		numberField: 'timeRecordNumber',
		numberType: 'none',
		firstNumber: 1,
		baseFields: ['id', 'projectId', 'projectName', 'projectExtensionId', 'projectExtensionName', 'userAccountId', 'timeRecordDate', 'minutes', 'description', 'internalNote', 'taskId', 'taskName', 'taskNumber', 'taskState', 'projectMembershipId', ...STAMPS],
		extraFields: [],
		links: { project: 'projects' },
		readOnly: false,
		refusesInclude: true,
		requiredOnCreate: ['projectId', 'projectExtensionId', 'userAccountId', 'timeRecordDate', 'minutes', 'projectMembershipId'],
		types: {
			projectId: 'id:projects',
			projectExtensionId: 'id:projectExtensions',
			userAccountId: 'id:userAccounts',
			taskId: 'id:tasks',
			projectMembershipId: 'id:projectMemberships',
			timeRecordDate: 'date',
			minutes: 'number',
		},
		defaults: { description: '', internalNote: '', taskId: null },
		// fromDate / toDate are ignored, as observed live
		filterFields: ['userAccountId', 'projectId', 'projectExtensionId', 'taskId'],
		queryFields: ['description', 'projectName', 'projectExtensionName'],
	},
};

for (const def of Object.values(ENTITIES)) {
	def.fields = [...def.baseFields, ...def.extraFields];
	/** Fields a body may set (the rest are computed: id, stamps, link objects and names). */
	def.writableFields = def.fields.filter(
		(field) =>
			![
				'id', ...STAMPS, 'customer', 'project', 'customerName', 'projectName', 'projectManagerName', 'userAccountName',
				'projectExtensionName', 'taskName', 'taskNumber', 'taskState',
			].includes(field),
	);
	if (def.numberType === 'number') def.types[def.numberField] = 'number';
}

/** Order in which seed data is generated (links point to entities generated earlier). */
const GENERATION_ORDER = ['customers', 'projects', 'offers', 'invoices', 'claims'];
/** Generated after them by seedTime.js, from its own random stream (the others stay as they were). */
const TIME_GENERATION_ORDER = ['userAccounts', 'projectExtensions', 'tasks', 'projectMemberships', 'timeRecords'];

/**
 * Default record counts per company. Activities (3 per project), tasks and memberships follow
 * from the projects and users; `timeRecords` is spread over the 8 weeks before the seed's day.
 */
const DEFAULT_COUNTS = { customers: 25, projects: 40, offers: 30, invoices: 120, claims: 30, userAccounts: 12, timeRecords: 240 };

module.exports = {
	ENTITIES,
	ENTITY_NAMES: Object.keys(ENTITIES),
	STAMPS,
	GENERATION_ORDER,
	TIME_GENERATION_ORDER,
	DEFAULT_COUNTS,
	ACTIVITY_STATES,
	TASK_STATES,
	MEMBERSHIP_STATES,
	PROJECT_STATES,
	CUSTOMER_STATES,
	OFFER_STATES,
	CLAIM_STATES,
	CLAIM_TYPES,
	EXPORT_STATES,
};

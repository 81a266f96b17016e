/** Webhook payloads used across the trigger tests. */

/** The one payload Moment documents ("Invoice is finalized"), byte for byte in shape. */
export const DOCUMENTED_INVOICE = {
	event: 'CREATE_NEW',
	invoice: {
		id: 106939080,
		invoiceNumber: 1,
		customer: { id: 62788973, customerNumber: '10001' },
		project: { id: 62788980, projectNumber: '1' },
	},
};

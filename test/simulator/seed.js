'use strict';
/**
 * Generates a company's seed records: deterministic for a given seed and counts, realistic in
 * shape (Norwegian-flavoured names, NOK amounts, linked customers / projects, timestamps spread
 * over 2023-01-02 .. 2025-06-30 in id order). 10,000 invoices take well under a second.
 */
const { createRandom, deriveSeed } = require('./random');
const { generateTimeData } = require('./seedTime');
const { CLAIM_STATES, CLAIM_TYPES, EXPORT_STATES, GENERATION_ORDER, OFFER_STATES, PROJECT_STATES } = require('./entities');

const FIRST_ID = 62788973; // customer id in Moment's documented webhook example
const FIRST_INVOICE_ID = 106939080; // invoice id in the same example
const START = Date.UTC(2023, 0, 2, 8, 0, 0);
const END = Date.UTC(2025, 5, 30, 16, 0, 0);
const DAY = 86400000;

const PLACES = ['Fjord', 'Nordlys', 'Bergen', 'Vest', 'Polar', 'Tinde', 'Skog', 'Havbris', 'Fjell', 'Elv', 'Midnatt', 'Kyst', 'Viken', 'Solstrand', 'Isbre', 'Lofot'];
const TRADES = ['Consulting', 'Bygg', 'Data', 'Regnskap', 'Energi', 'Design', 'Eiendom', 'Logistikk', 'Media', 'Teknikk', 'Helse', 'Marin'];
const FORMS = ['AS', 'AS', 'AS', 'ASA', 'SA', 'ANS'];
const CITIES = [['0150', 'Oslo'], ['5003', 'Bergen'], ['7011', 'Trondheim'], ['4006', 'Stavanger'], ['9008', 'Tromsø'], ['3015', 'Drammen']];
const STREETS = ['Storgata', 'Kongens gate', 'Strandveien', 'Bryggen', 'Torggata', 'Parkveien', 'Sjøgata'];
const WORK = ['Website redesign', 'ERP rollout', 'Office fit-out', 'Annual audit', 'Cloud migration', 'Brand refresh', 'Harbour survey', 'Data platform', 'Support agreement', 'Energy assessment', 'Intranet', 'Mobile app'];
const FIRST_NAMES = ['Ingrid', 'Ola', 'Kari', 'Lars', 'Sofie', 'Magnus', 'Nora', 'Henrik', 'Emma', 'Jonas', 'Maja', 'Sindre'];
const LAST_NAMES = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Berg', 'Haugen', 'Dahl'];
const EXPENSES = ['Train ticket', 'Hotel night', 'Taxi', 'Client lunch', 'Parking', 'Flight', 'Conference fee', 'Mileage'];
const HOUR_TEXTS = ['Consulting hours', 'Project management', 'Design work', 'Travel time', 'Workshop'];
const PRODUCT_TEXTS = ['Licence', 'Hardware', 'Materials', 'Printing'];

const iso = (ms) => new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z');
const dateOnly = (ms) => iso(ms).slice(0, 10);
const round2 = (value) => Math.round(value * 100) / 100;

function personName(rng) {
	return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

/**
 * Version and created / last-modified stamps for record i of count: times increase with i; the
 * version (no random draw, so the rest of the seeded data stays as it was) is 0 for a record never
 * changed after its creation, else 1-3.
 */
function stamps(rng, i, count) {
	const created = START + Math.floor(((i + rng.next()) * (END - START)) / Math.max(count, 1));
	const modified = Math.min(END, created + rng.int(0, 45) * DAY + rng.int(0, 8 * 3600) * 1000);
	const createdDate = iso(created);
	const lastModifiedDate = iso(modified);
	return { version: lastModifiedDate === createdDate ? 0 : 1 + (i % 3), createdDate, lastModifiedDate, createdMs: created };
}

function invoiceLines(rng) {
	return Array.from({ length: rng.int(1, 4) }, () => {
		const hours = rng.chance(0.7);
		const quantity = hours ? rng.int(1, 80) : rng.int(1, 5);
		const unitPrice = hours ? rng.pick([950, 1150, 1250, 1450, 1650]) : rng.int(200, 20000);
		return {
			text: rng.pick(hours ? HOUR_TEXTS : PRODUCT_TEXTS),
			productType: hours ? 'hours' : 'product',
			quantity,
			unitPrice,
			amount: quantity * unitPrice,
			financialAccountNumber: hours ? '3000' : '3100',
		};
	});
}

const GENERATORS = {
	customers(rng, i, count, ctx) {
		const name = `${rng.pick(PLACES)} ${rng.pick(TRADES)} ${rng.pick(FORMS)}`;
		const [postalCode, city] = rng.pick(CITIES);
		const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
		return {
			id: ctx.nextId(),
			customerNumber: String(10001 + i),
			name,
			organizationNumber: `9${rng.digits(8)}`,
			email: `post@${slug}.no`,
			phone: `+47 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`,
			addressLine1: `${rng.pick(STREETS)} ${rng.int(1, 120)}`,
			postalCode,
			city,
			countryCode: 'NO',
			customerState: rng.chance(0.9) ? 'active' : 'inactive',
			...stamps(rng, i, count),
		};
	},
	projects(rng, i, count, ctx) {
		const customer = rng.pick(ctx.records.customers);
		const time = stamps(rng, i, count);
		const state = i === 0 ? 'inProgress' : rng.pick(PROJECT_STATES);
		return {
			id: ctx.nextId(),
			projectNumber: String(1 + i),
			name: `${rng.pick(WORK)} ${customer.name.split(' ')[0]}`,
			projectState: state,
			...(customer ? ctx.customerLink(customer) : {}),
			projectManagerId: 5000000 + rng.int(1, 40),
			projectManagerName: personName(rng),
			startDate: dateOnly(time.createdMs),
			endDate: state === 'finished' ? dateOnly(time.createdMs + rng.int(30, 300) * DAY) : null,
			description: `${rng.pick(WORK)} for ${customer ? customer.name : 'internal use'}`,
			...time,
		};
	},
	offers(rng, i, count, ctx) {
		const project = rng.chance(0.6) ? rng.pick(ctx.records.projects) : undefined;
		const customer = project ? ctx.byId.customers.get(project.customerId) : rng.pick(ctx.records.customers);
		const time = stamps(rng, i, count);
		const lines = invoiceLines(rng);
		return {
			id: ctx.nextId(),
			offerNumber: 1001 + i,
			name: `Offer: ${rng.pick(WORK)}`,
			offerState: rng.pick(OFFER_STATES),
			...(customer ? ctx.customerLink(customer) : {}),
			projectId: project ? project.id : null,
			projectName: project ? project.name : null,
			currencyCode: 'NOK',
			totalAmount: lines.reduce((sum, line) => sum + line.amount, 0),
			validUntilDate: dateOnly(time.createdMs + 30 * DAY),
			lines,
			...time,
		};
	},
	invoices(rng, i, count, ctx) {
		const project = rng.pick(ctx.records.projects);
		const customer = ctx.byId.customers.get(project.customerId);
		const time = stamps(rng, i, count);
		const lines = invoiceLines(rng);
		const net = lines.reduce((sum, line) => sum + line.amount, 0);
		return {
			id: ctx.nextInvoiceId(),
			invoiceNumber: 1 + i,
			customer: { id: customer.id, customerNumber: customer.customerNumber },
			project: { id: project.id, projectNumber: project.projectNumber },
			customerId: customer.id,
			customerName: customer.name,
			projectId: project.id,
			projectName: project.name,
			invoiceDate: dateOnly(time.createdMs),
			dueDate: dateOnly(time.createdMs + rng.pick([14, 30]) * DAY),
			description: `${rng.pick(HOUR_TEXTS)}, ${project.name}`,
			yourReference: personName(rng),
			paymentId: rng.digits(10),
			currencyCode: 'NOK',
			totalExcludingVat: net,
			vatAmount: round2(net * 0.25),
			totalIncludingVat: round2(net * 1.25),
			exportState: rng.pick(EXPORT_STATES),
			lines,
			...time,
		};
	},
	claims(rng, i, count, ctx) {
		const project = rng.chance(0.5) ? rng.pick(ctx.records.projects) : undefined;
		const time = stamps(rng, i, count);
		const claimType = rng.pick(CLAIM_TYPES);
		const expenses = Array.from({ length: rng.int(1, 3) }, () => ({
			text: rng.pick(EXPENSES),
			expenseDate: dateOnly(time.createdMs - rng.int(0, 10) * DAY),
			amount: rng.int(80, 4500),
		}));
		return {
			id: ctx.nextId(),
			claimNumber: 1 + i,
			description: `${rng.pick(EXPENSES)}${project ? `, ${project.name}` : ''}`,
			claimType,
			claimState: rng.pick(CLAIM_STATES),
			userAccountId: 5000000 + rng.int(1, 40),
			userAccountName: personName(rng),
			projectId: project ? project.id : null,
			projectName: project ? project.name : null,
			fromDate: claimType === 'travel' ? dateOnly(time.createdMs - 3 * DAY) : null,
			toDate: claimType === 'travel' ? dateOnly(time.createdMs - DAY) : null,
			totalAmount: expenses.reduce((sum, expense) => sum + expense.amount, 0),
			currencyCode: 'NOK',
			billCustomer: project ? rng.chance(0.4) : false,
			expenses,
			...time,
		};
	},
};

/**
 * Seed records of one company. Returns `{ records: {entity: [...]}, nextId }` with records in id
 * order; `nextId` continues the id sequence for created records. The time-tracking entities come
 * from seedTime.js, dated relative to `today` (YYYY-MM-DD; the current UTC day when absent).
 */
function generateCompanyData(seed, counts, today) {
	const rng = createRandom(seed);
	let id = FIRST_ID + rng.int(0, 999);
	let invoiceId; // the documented example invoice id is the first one
	const ctx = {
		records: {},
		byId: {},
		nextId: () => (id += rng.int(1, 7)),
		nextInvoiceId: () => (invoiceId = invoiceId === undefined ? FIRST_INVOICE_ID : invoiceId + rng.int(1, 7)),
		customerLink: (customer) => ({
			customer: { id: customer.id, customerNumber: customer.customerNumber },
			customerId: customer.id,
			customerName: customer.name,
		}),
	};
	for (const entity of GENERATION_ORDER) {
		const count = Math.max(0, Math.floor(Number(counts[entity]) || 0));
		if ((entity === 'projects' && !ctx.records.customers.length) || (entity === 'invoices' && !ctx.records.projects.length)) {
			ctx.records[entity] = [];
			ctx.byId[entity] = new Map();
			continue;
		}
		const list = new Array(count);
		for (let i = 0; i < count; i++) {
			const record = GENERATORS[entity](rng, i, count, ctx);
			delete record.createdMs;
			list[i] = record;
		}
		ctx.records[entity] = list;
		ctx.byId[entity] = new Map(list.map((record) => [record.id, record]));
	}
	generateTimeData(createRandom(deriveSeed(seed, 'time')), counts, ctx.records, today);
	return { records: ctx.records, nextId: Math.max(id, invoiceId ?? 0) + 1 };
}

/**
 * One more record of `entity` like the seeded ones (linked to existing customers / projects), for
 * the control API's "someone created a record in Moment". `records` / `byId` are the company's;
 * returns undefined when the records it must link to do not exist (an invoice needs a project).
 */
function generateRecord(entity, rng, { records, byId, id }) {
	if ((entity === 'projects' && !records.customers.length) || ((entity === 'invoices') && !records.projects.length)) return undefined;
	const ctx = {
		records,
		byId,
		nextId: () => id,
		nextInvoiceId: () => id,
		customerLink: (customer) => ({
			customer: { id: customer.id, customerNumber: customer.customerNumber },
			customerId: customer.id,
			customerName: customer.name,
		}),
	};
	const count = records[entity].length;
	const record = GENERATORS[entity](rng, count, count + 1, ctx);
	delete record.createdMs;
	return record;
}

module.exports = { generateCompanyData, generateRecord, FIRST_ID, FIRST_INVOICE_ID };

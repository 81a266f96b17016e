'use strict';
/**
 * The simulator's records: one store per company, seeded by seed.js, changed by the API's
 * create / update / delete. Records are kept in id order (new ids are always higher), which is
 * also the list order when no `sort` is asked for.
 *
 * Write rules (guesses of how a Spring/Jackson back end behaves; Moment's are not documented):
 * unknown or computed fields in a body are ignored; typed fields are checked (400 with a message);
 * links (customerId, projectId) must exist; record numbers are unique and assigned when absent;
 * a customer or project that other records point to cannot be deleted (409).
 */
const { createRandom, deriveSeed } = require('./random');
const { DEFAULT_COUNTS, ENTITIES, STAMPS } = require('./entities');
const { generateCompanyData, generateRecord } = require('./seed');
const { checkTimeRecordDelete, checkTimeRecordWrite } = require('./timeRules');

/** Write rules of one entity beyond the field checks (time records: timeRules.js). */
const WRITE_RULES = { timeRecords: { write: checkTimeRecordWrite, remove: checkTimeRecordDelete } };

const ARRAY_FIELDS = ['lines', 'expenses'];

function httpError(status, message) {
	return { error: { status, message } };
}

/** `fields` without the ones the store keeps itself (id and the stamps). */
function withoutComputed(fields) {
	return Object.fromEntries(Object.entries(isPlainObject(fields) ? fields : {}).filter(([field]) => field !== 'id' && !STAMPS.includes(field)));
}

function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks one written value against its declared type. Returns { value } or { error }. */
function coerce(company, def, field, value) {
	const type = def.types[field] ?? (ARRAY_FIELDS.includes(field) ? 'array' : 'string');
	const bad = (what) => httpError(400, `Field '${field}' of ${def.singular.toLowerCase()} must be ${what}`);
	if (value === null) return { value: null };
	if (Array.isArray(type)) {
		return type.includes(value) ? { value } : bad(`one of ${type.join(', ')}`);
	}
	if (type === 'array') return Array.isArray(value) ? { value } : bad('an array');
	if (type === 'number') {
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		return typeof number === 'number' && Number.isFinite(number) ? { value: number } : bad('a number');
	}
	if (type === 'boolean') {
		if (typeof value === 'boolean') return { value };
		return value === 'true' || value === 'false' ? { value: value === 'true' } : bad('true or false');
	}
	if (type === 'date') {
		const ok = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
		return ok ? { value } : bad('a date like 2025-01-31');
	}
	if (type.startsWith('id:')) {
		const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
		if (!Number.isInteger(id)) return bad('a whole-number id');
		const target = type.slice(3);
		if (!company.byId[target].has(id)) {
			return httpError(400, `${ENTITIES[target].singular} ${id} (${field}) does not exist in company '${company.code}'`);
		}
		return { value: id };
	}
	if (typeof value === 'string') return { value };
	if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value) };
	return bad('a string');
}

class CompanyData {
	constructor(code, seed, counts, today) {
		this.code = code;
		this.today = today;
		this.reset(seed, counts);
	}

	/** Back to the seeded state (optionally with another seed or other counts). */
	reset(seed = this.seed, counts = this.counts) {
		this.seed = seed;
		this.counts = { ...DEFAULT_COUNTS, ...counts };
		const generated = generateCompanyData(deriveSeed(seed, this.code), this.counts, this.today);
		this.records = generated.records;
		this.byId = {};
		for (const [entity, list] of Object.entries(this.records)) {
			this.byId[entity] = new Map(list.map((record) => [record.id, record]));
		}
		this.nextIdValue = generated.nextId;
	}

	list(entity) {
		return this.records[entity];
	}

	get(entity, id) {
		return this.byId[entity].get(id);
	}

	/** Applies a body to `target` (a copy of the record being written). Returns { record } or { error }. */
	applyBody(def, target, body, isCreate) {
		if (!isPlainObject(body)) return httpError(400, `The request body must be a JSON object with ${def.singular.toLowerCase()} fields`);
		for (const [field, raw] of Object.entries(body)) {
			if (!def.writableFields.includes(field)) continue; // Jackson-style: unknown fields ignored
			const result = coerce(this, def, field, raw);
			if (result.error) return result;
			target[field] = result.value;
		}
		for (const field of def.requiredOnCreate) {
			const value = target[field];
			if (value === undefined || value === null || String(value).trim() === '') {
				return httpError(400, `Field '${field}' is required for a ${def.singular.toLowerCase()}`);
			}
		}
		const numberError = this.assignNumber(def, target, isCreate);
		if (numberError) return numberError;
		this.refreshLinks(def, target);
		return { record: target };
	}

	assignNumber(def, target, isCreate) {
		if (def.numberType === 'none') return undefined;
		const field = def.numberField;
		const empty = target[field] === undefined || target[field] === null || target[field] === '';
		if (empty && isCreate) {
			const highest = this.records[def.name].reduce((max, record) => Math.max(max, Number(record[field]) || 0), def.firstNumber - 1);
			target[field] = def.numberType === 'number' ? highest + 1 : String(highest + 1);
			return undefined;
		}
		const clash = this.records[def.name].find((record) => record.id !== target.id && String(record[field]) === String(target[field]));
		if (clash) {
			return httpError(400, `${field} ${target[field]} is already used by ${def.singular.toLowerCase()} ${clash.id}`);
		}
		return undefined;
	}

	/** Keeps the link objects and flattened names in step with customerId / projectId. */
	refreshLinks(def, target) {
		if ('customer' in def.links && 'customerId' in target) {
			const customer = target.customerId === null ? undefined : this.byId.customers.get(target.customerId);
			target.customer = customer ? { id: customer.id, customerNumber: customer.customerNumber } : null;
			target.customerName = customer ? customer.name : null;
		}
		if ('project' in def.links && 'projectId' in target) {
			const project = target.projectId === null ? undefined : this.byId.projects.get(target.projectId);
			if (def.baseFields.includes('project')) {
				target.project = project ? { id: project.id, projectNumber: project.projectNumber } : null;
			}
			target.projectName = project ? project.name : null;
		}
	}

	create(entity, body) {
		const def = ENTITIES[entity];
		const now = new Date().toISOString();
		const draft = { id: this.nextIdValue };
		for (const [field, value] of Object.entries(def.defaults)) draft[field] = value;
		const result = this.applyBody(def, draft, body, true);
		if (result.error) return result;
		const ruleError = WRITE_RULES[entity]?.write(this, undefined, draft);
		if (ruleError) return ruleError;
		return { record: this.insert(def, draft) };
	}

	/** Stores a new record (every field of the entity, stamps fresh) under the next id. */
	insert(def, draft) {
		const record = { id: this.nextIdValue };
		for (const field of def.fields) if (field !== 'id') record[field] = draft[field] ?? null;
		record.version = 0;
		record.createdDate = new Date().toISOString();
		record.lastModifiedDate = record.createdDate;
		this.nextIdValue += 1;
		this.records[def.name].push(record);
		this.byId[def.name].set(record.id, record);
		return record;
	}

	update(entity, id, body) {
		const def = ENTITIES[entity];
		const existing = this.byId[entity].get(id);
		if (!existing) return httpError(404, `${def.singular} ${id} not found in company '${this.code}'`);
		const result = this.applyBody(def, { ...existing }, body, false);
		if (result.error) return result;
		const ruleError = WRITE_RULES[entity]?.write(this, existing, result.record);
		if (ruleError) return ruleError;
		Object.assign(existing, result.record);
		this.stampChange(existing);
		return { record: existing };
	}

	/** A change was saved: Spring raises `version`, and the last-modified time moves on. */
	stampChange(record) {
		record.version = (Number.isInteger(record.version) ? record.version : 0) + 1;
		record.lastModifiedDate = new Date().toISOString();
	}

	/**
	 * The control API's writes, standing in for changes made in Moment's own user interface: no
	 * field checks and no read-only entities. `generate` makes a record like the seeded ones, with
	 * `fields` set on top; `change` sets `fields` (none: the record is only re-saved) and stamps the
	 * change; `forceRemove` deletes whatever links to it.
	 */
	generate(entity, fields = {}) {
		const def = ENTITIES[entity];
		const rng = createRandom(deriveSeed(this.seed, `${this.code}:${entity}:${this.nextIdValue}`));
		const draft = generateRecord(entity, rng, { records: this.records, byId: this.byId, id: this.nextIdValue });
		if (!draft) return httpError(409, `A new ${def.singular.toLowerCase()} needs ${entity === 'invoices' ? 'a project' : 'a customer'} to link to`);
		draft[def.numberField] = undefined;
		this.assignNumber(def, draft, true);
		Object.assign(draft, withoutComputed(fields));
		return { record: this.insert(def, draft) };
	}

	change(entity, id, fields = {}) {
		const def = ENTITIES[entity];
		const existing = this.byId[entity].get(id);
		if (!existing) return httpError(404, `${def.singular} ${id} not found in company '${this.code}'`);
		Object.assign(existing, withoutComputed(fields));
		this.refreshLinks(def, existing);
		this.stampChange(existing);
		return { record: existing };
	}

	forceRemove(entity, id) {
		const def = ENTITIES[entity];
		if (!this.byId[entity].has(id)) return httpError(404, `${def.singular} ${id} not found in company '${this.code}'`);
		this.byId[entity].delete(id);
		this.records[entity] = this.records[entity].filter((record) => record.id !== id);
		return {};
	}

	remove(entity, id) {
		const def = ENTITIES[entity];
		if (!this.byId[entity].has(id)) return httpError(404, `${def.singular} ${id} not found in company '${this.code}'`);
		const ruleError = WRITE_RULES[entity]?.remove(this, this.byId[entity].get(id));
		if (ruleError) return ruleError;
		const linkField = entity === 'customers' ? 'customerId' : entity === 'projects' ? 'projectId' : undefined;
		if (linkField) {
			for (const [other, list] of Object.entries(this.records)) {
				const users = list.filter((record) => record[linkField] === id).length;
				if (users > 0) {
					return httpError(409, `${def.singular} ${id} is used by ${users} ${other} and cannot be deleted`);
				}
			}
		}
		this.byId[entity].delete(id);
		this.records[entity] = this.records[entity].filter((record) => record.id !== id);
		return {};
	}
}

/** All companies of one simulator. */
class Store {
	constructor(companies) {
		this.companies = new Map(companies.map((c) => [c.code, new CompanyData(c.code, c.seed, c.counts, c.today)]));
	}

	company(code) {
		return this.companies.get(code);
	}

	reset(options = {}) {
		for (const company of this.companies.values()) company.reset(options.seed ?? company.seed, { ...company.counts, ...options.counts });
	}
}

module.exports = { Store, CompanyData, isPlainObject };

'use strict';
/**
 * API profiles: switchable ways in which a real Moment could plausibly differ from what this
 * package assumes (README, "Assumptions about Moment"). The default profile is exactly those
 * assumptions; each other profile changes one thing. The compatibility check's tests run it
 * against every profile and expect exactly that profile's differences; the nodes' tests expect
 * them to be right, or to fail loudly, against every profile.
 *
 * Set with `startSimulator({ profile })`, `--profile NAME` or `POST /__sim/settings {"profile"}`.
 */

/** Spring Data's `Pageable` as its classic `Page` JSON shows it (a plausible sample, unsorted). */
function classicPageable(number, size) {
	return {
		pageNumber: number,
		pageSize: size,
		sort: { empty: true, sorted: false, unsorted: true },
		offset: number * size,
		paged: true,
		unpaged: false,
	};
}

const PROFILES = {
	default: {
		description: 'As the package assumes: {content, page} lists, 0-based pages, sizes up to 500, the observed include and filter behaviour, numeric IDs, version/lastModifiedDate stamps',
	},
	oneBasedPages: {
		description: "Pages count from 1: page=1 and page=0 both give the first page (Spring Data's one-indexed parameters); page.number in the answer stays 0-based",
		pageBase: 1,
	},
	classicPage: {
		description: "Spring's classic page shape: totalElements, totalPages, number and size at the top level (with pageable, first, last, ...), no page object",
		envelope: 'classic',
	},
	bareArray: {
		description: 'Lists are a bare JSON array of records: no totals, no page number',
		envelope: 'array',
	},
	pageSize200: {
		description: 'Page sizes above 200 are cut to 200 (page.size says 200)',
		maxPageSize: 200,
	},
	includeRefused: {
		description: 'One more entity refuses /include/...: invoices answer 400 to any include, as timeRecords do',
		refuseInclude: ['invoices'],
	},
	timeRecordDatesHonoured: {
		description: 'timeRecords honour fromDate/toDate (on timeRecordDate), where the observed API ignores them',
		honourTimeRecordDates: true,
	},
	dateFiltersIgnored: {
		description: 'createdDateFrom/To and lastModifiedDateFrom/To are ignored: the whole list comes back',
		ignoreDateFilters: true,
	},
	sortIgnored: {
		description: 'sort is ignored: lists always come in ID order',
		ignoreSort: true,
	},
	textIds: {
		description: 'IDs come as text: "id": "106939080", and every other *Id field (and customer.id, project.id) too',
		textIds: true,
	},
	noChangeStamp: {
		description: 'Records carry no change stamp: no version and no lastModifiedDate (createdDate stays)',
		hiddenFields: ['version', 'lastModifiedDate'],
	},
};

const PROFILE_NAMES = Object.keys(PROFILES);

/** The profile named `name`; throws, naming the known ones, for any other. */
function resolveProfile(name = 'default') {
	if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(PROFILES, name)) {
		throw new Error(`Unknown API profile ${JSON.stringify(name)}; use one of ${PROFILE_NAMES.join(', ')}`);
	}
	return { name, ...PROFILES[name] };
}

function textId(value) {
	return typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
}

/** A record as the profile shows it (a copy when it changes anything). */
function showRecord(profile, record) {
	if (!profile.textIds && !profile.hiddenFields) return record;
	const out = { ...record };
	for (const field of profile.hiddenFields ?? []) delete out[field];
	if (profile.textIds) {
		for (const [field, value] of Object.entries(out)) {
			if (field === 'id' || /Id$/.test(field)) out[field] = textId(value);
			else if (value && typeof value === 'object' && !Array.isArray(value) && 'id' in value) out[field] = { ...value, id: textId(value.id) };
		}
	}
	return out;
}

/** The 0-based index of the page a `page` parameter asks for (undefined = not given). */
function pageIndex(profile, asked) {
	if (asked === undefined) return 0;
	return profile.pageBase === 1 ? Math.max(0, asked - 1) : asked;
}

/** The list answer for one page, in the profile's shape. */
function listBody(profile, { content, number, size, totalElements, totalPages }) {
	if (profile.envelope === 'array') return content;
	if (profile.envelope === 'classic') {
		return {
			content,
			pageable: classicPageable(number, size),
			last: number >= totalPages - 1,
			totalElements,
			totalPages,
			size,
			number,
			sort: { empty: true, sorted: false, unsorted: true },
			first: number === 0,
			numberOfElements: content.length,
			empty: content.length === 0,
		};
	}
	return { content, page: { number, size, totalElements, totalPages } };
}

module.exports = { PROFILES, PROFILE_NAMES, resolveProfile, showRecord, pageIndex, listBody };

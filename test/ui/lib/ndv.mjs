// The node details view (NDV) of n8n 2.41 as a user reads and uses it: the fields of the
// Parameters tab, dropdowns, the record picker (resource locator), Execute step, the output panel
// and its error view, the trigger's Webhook URLs.
import { pushLog } from './browser.mjs';
import { rest, SCREEN_TIMEOUT, waitUntil } from './editor.mjs';

/**
 * The top-level fields the Parameters tab shows, in order, each as
 * { name, label, kind, value?, placeholder?, mode?, empty?, inputType?, text? }, and whether a
 * credential select is shown. `kind` is what the user sees: options, text, number, boolean, code,
 * resourceLocator, collection, fixedCollection, notice (or unknown, with its HTML).
 */
export async function readForm(ndv) {
	return ndv.getByTestId('node-parameters').evaluate((root) => {
		const visible = (el) => el.getBoundingClientRect().width > 0;
		const items = [...root.querySelectorAll('[data-test-id="parameter-item"]')].filter((el) => visible(el) && !el.parentElement.closest('[data-test-id="parameter-item"]'));
		const credential = [...root.querySelectorAll('[data-test-id="node-credentials-slot"]')].some(visible);
		const fields = items
			.map((item) => {
				const label = item.querySelector('[data-test-id="input-label"] label[for]');
				const field = { name: label?.getAttribute('for') ?? null, label: label?.querySelector('span')?.textContent.trim() ?? null };
				const box = field.name ? item.querySelector(`[data-test-id="parameter-input-${CSS.escape(field.name)}"]`) : null;
				const locator = item.querySelector('[data-test-id^="resource-locator-"]');
				const input = (selector) => box?.querySelector(selector);
				if (!label && item.querySelector('[data-test-id="node-credentials-slot"]') && !item.textContent.replace(/Credential/g, '').trim()) return null;
				if (locator) {
					const text = locator.querySelector('[data-test-id="rlc-input"]');
					return { ...field, kind: 'resourceLocator', mode: locator.querySelector('[data-test-id="rlc-mode-selector"] input')?.value ?? '', value: text?.value ?? '', placeholder: text?.getAttribute('placeholder') ?? '' };
				}
				if (item.querySelector('[data-test-id="collection-parameter-add"]')) {
					// a dropdown to add options, or a button when there is only one option to add
					const add = item.querySelector('[data-test-id="collection-parameter-add"]');
					return { ...field, kind: 'collection', placeholder: add.querySelector('input')?.getAttribute('placeholder') || add.textContent.trim(), empty: /No properties/.test(item.textContent) };
				}
				if (item.querySelector('[data-test-id="fixed-collection-wrapper"], [data-test-id^="fixed-collection-add"]')) {
					return { ...field, kind: 'fixedCollection', placeholder: item.querySelector('[data-test-id^="fixed-collection-add"]')?.textContent.trim() ?? '' };
				}
				if (input('input[role="switch"]')) return { ...field, kind: 'boolean', value: input('input[role="switch"]').getAttribute('aria-checked') === 'true' };
				if (input('input[role="spinbutton"]')) return { ...field, kind: 'number', value: input('input[role="spinbutton"]').value };
				if (input('input[role="combobox"]')) return { ...field, kind: 'options', value: input('input[role="combobox"]').value };
				if (input('.cm-content')) return { ...field, kind: 'code', value: input('.cm-content').textContent };
				const text = input('[data-test-id="parameter-input-field"]');
				if (text) return { ...field, kind: 'text', value: text.value, placeholder: text.getAttribute('placeholder') ?? '', inputType: text.getAttribute('type') ?? 'text' };
				if (!label) return { name: null, label: null, kind: 'notice', text: item.textContent.replace(/\s+/g, ' ').trim() };
				return { ...field, kind: 'unknown', html: item.innerHTML.replace(/<svg.*?<\/svg>/g, '').slice(0, 400) };
			})
			.filter(Boolean);
		return { credential, fields };
	});
}

/** Reads the form until `problemsOf(shown)` is empty or the wait ends; returns { shown, problems }. */
export async function waitForForm(ndv, problemsOf, timeout = 10_000) {
	const shown = await waitUntil(() => readForm(ndv), (form) => problemsOf(form).length === 0, { timeout });
	return { shown, problems: problemsOf(shown) };
}

const visibleOptions = (page) => page.locator('[role="option"]:visible');

/** Headline of each option of the open dropdown (the first line; the second is its description). */
async function optionHeadlines(page) {
	return visibleOptions(page).evaluateAll((options) => options.map((o) => (o.querySelector('div > div') ?? o).textContent.trim()));
}

/**
 * Waits until no dropdown's options are visible: a list still closing (after a choice) would
 * otherwise be read as the next dropdown's.
 */
const dropdownClosed = (page) => visibleOptions(page).first().waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => {});

/** Opens the dropdown of parameter `name`, returns its option headlines and closes it again. */
export async function dropdownOptions(page, ndv, name) {
	await dropdownClosed(page);
	await ndv.getByTestId(`parameter-input-${name}`).click();
	await visibleOptions(page).first().waitFor({ timeout: SCREEN_TIMEOUT });
	const headlines = await optionHeadlines(page);
	await page.keyboard.press('Escape');
	await dropdownClosed(page);
	return headlines;
}

/** Chooses `option` (its headline, exactly) in the dropdown of parameter `name`. */
export async function chooseOption(page, ndv, name, option) {
	await dropdownClosed(page);
	await ndv.getByTestId(`parameter-input-${name}`).click();
	await visibleOptions(page).first().waitFor({ timeout: SCREEN_TIMEOUT });
	const headlines = await optionHeadlines(page);
	const index = headlines.indexOf(option);
	if (index < 0) throw new Error(`the ${name} dropdown has no option "${option}" (it shows: ${headlines.join(', ')})`);
	await visibleOptions(page).nth(index).click();
	await waitUntil(() => ndv.getByTestId(`parameter-input-${name}`).locator('input').first().inputValue(), (v) => v === option);
	await dropdownClosed(page);
}

/** Switches the boolean parameter `name`. */
export async function toggleSwitch(ndv, name) {
	const input = ndv.getByTestId(`parameter-input-${name}`).locator('input[role="switch"]');
	const before = await input.getAttribute('aria-checked');
	await ndv.getByTestId(`parameter-input-${name}`).locator('.el-switch, [role="switch"]').first().click();
	await waitUntil(() => input.getAttribute('aria-checked'), (v) => v !== before);
}

// ---- record picker (resource locator) ----

export const recordItems = (page) => page.getByTestId('rlc-item').filter({ visible: true });

/** Opens the "From list" picker of parameter `name`; waits for its first records (or its error). */
export async function openRecordList(page, ndv, name = 'id') {
	await ndv.getByTestId(`resource-locator-${name}`).getByTestId('rlc-input').click();
	const error = page.getByTestId('rlc-error-container').filter({ visible: true });
	await recordItems(page).first().or(error.first()).waitFor({ timeout: SCREEN_TIMEOUT });
	if (await error.count()) throw new Error(`the record picker shows an error: ${(await error.first().innerText()).replace(/\s+/g, ' ').trim()}`);
}

export const recordLabels = (page) => recordItems(page).allInnerTexts().then((labels) => labels.map((l) => l.trim()));

/** Scrolls to the end of the picker list until no more records come (bounded). Returns all labels. */
export async function scrollRecordListToEnd(page, maxPages = 50) {
	let labels = await recordLabels(page);
	for (let i = 0; i < maxPages; i++) {
		await recordItems(page).last().scrollIntoViewIfNeeded();
		const before = labels.length;
		labels = await waitUntil(() => recordLabels(page), (now) => now.length > before, { timeout: 8_000 });
		if (labels.length === before) break;
	}
	return labels;
}

/** Types into the picker's search box; waits until the list is `expectedCount` long (or the wait ends). */
export async function searchRecordList(page, text, expectedCount) {
	await page.getByTestId('rlc-search').filter({ visible: true }).fill(text);
	return waitUntil(() => recordLabels(page), (labels) => labels.length === expectedCount, { timeout: 15_000 });
}

/** Switches the record picker `name` to the mode labelled `modeLabel` ("By ID") and types `value`. */
export async function enterRecordId(page, ndv, name, modeLabel, value) {
	const locator = ndv.getByTestId(`resource-locator-${name}`);
	await locator.getByTestId('rlc-mode-selector').click();
	const option = visibleOptions(page).filter({ hasText: new RegExp(`^\\s*${modeLabel}\\s*$`, 'i') });
	await option.first().click();
	const input = locator.getByTestId('rlc-input');
	await input.fill(value);
	await input.blur();
}

/** The issues n8n shows for parameter `name` (the warning icon's tooltip), [] when none. */
export async function parameterIssues(page, ndv, name) {
	const item = ndv.getByTestId('parameter-item').filter({ has: page.locator(`label[for="${name}"]`) });
	const icon = item.getByTestId('parameter-issues').filter({ visible: true });
	const shown = await waitUntil(() => icon.count(), (n) => n > 0, { timeout: 5_000 });
	if (shown === 0) return [];
	await icon.first().locator('span').first().hover();
	const tooltip = page.getByTestId('tooltip-content').filter({ visible: true }).first();
	await tooltip.waitFor({ timeout: 15_000 });
	const text = await tooltip.innerText();
	await page.mouse.move(1, 1);
	return text.split('\n').map((line) => line.trim()).filter((line) => line && line !== 'Issues');
}

/** Waits (bounded) until parameter `name` shows no issue icon; returns the issues still shown. */
export async function waitForNoIssues(page, ndv, name) {
	const item = ndv.getByTestId('parameter-item').filter({ has: page.locator(`label[for="${name}"]`) });
	const icon = item.getByTestId('parameter-issues').filter({ visible: true });
	if ((await waitUntil(() => icon.count(), (n) => n === 0, { timeout: 15_000 })) === 0) return [];
	return parameterIssues(page, ndv, name);
}

// ---- running a node ----

const outputPanel = (ndv) => ndv.getByTestId('output-panel');

const isRunRequest = (response) => /\/rest\/workflows\/[^/]+\/run(\?|$)/.test(response.url()) && response.request().method() === 'POST';
const nextFrames = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Waits for n8n's "executionFinished" push message of `executionId`; returns its status. */
async function executionFinished(page, executionId, timeout) {
	const finished = () => pushLog(page).find((m) => m.type === 'executionFinished' && m.executionId === executionId);
	const message = await waitUntil(finished, Boolean, { timeout });
	if (!message) throw new Error(`execution ${executionId} did not finish within ${timeout / 1000} s`);
	await nextFrames(page);
	return message.status;
}

/**
 * Clicks "Execute step" and waits for that run to finish (n8n's push message for its execution id,
 * so an earlier run's output is never taken for this one's); then for the output or error view.
 * `sends`: a parameter value just typed in. n8n 2.41 saves the workflow and runs the saved copy, and
 * the editor commits a typed value a moment after the field loses focus, so a click right away can
 * run the node with the previous value (seen on a loaded machine: the "missing id" run showed the
 * record of the id typed before). The run's saved workflow (n8n's REST API, as the editor reads it)
 * says what ran: while it lacks `sends` the click is repeated (at most 4 times), as a user clicks
 * again once the field shows the value; an error names the value if it never reaches n8n.
 */
export async function executeStep(ndv, { timeout = 120_000, sends } = {}) {
	const page = ndv.page();
	for (let attempt = 1; ; attempt++) {
		const run = page.waitForResponse(isRunRequest, { timeout });
		await ndv.getByTestId('node-execute-button').first().click();
		const response = await run;
		const executionId = (await response.json().catch(() => ({})))?.data?.executionId;
		if (!executionId) throw new Error(`Execute step started no execution (no execution id in n8n's answer ${response.status()}: ${(await response.text().catch(() => '')).slice(0, 200)})`);
		await executionFinished(page, executionId, timeout);
		if (sends !== undefined && !(await savedWorkflowText(page, response.url())).includes(JSON.stringify(String(sends)))) {
			if (attempt >= 4) throw new Error(`Execute step ran ${attempt} times without the typed value ${sends}: the workflow n8n ran never had it`);
			await nextFrames(page);
			continue;
		}
		const shown = outputPanel(ndv).locator('[data-test-id="ndv-data-container"] table, [data-test-id="node-error-message"], [data-test-id="run-data-schema-item"]').first();
		await shown.waitFor({ timeout: SCREEN_TIMEOUT }).catch(async () => {
			throw new Error(`execution ${executionId} finished but the output panel shows neither data nor an error; n8n says: ${(await toasts(page)).join(' | ') || '(nothing)'}`);
		});
		return executionId;
	}
}

/** The saved workflow behind a run URL (…/rest/workflows/<id>/run) as JSON text, read through the editor's REST API. */
async function savedWorkflowText(page, runUrl) {
	const { origin, pathname } = new URL(runUrl);
	return JSON.stringify(await rest(page, origin, 'GET', pathname.replace(/^\/rest/, '').replace(/\/run$/, '')));
}

/** Texts of n8n's visible notifications (toasts). */
export const toasts = (page) => page.locator('.el-notification').filter({ visible: true }).allInnerTexts().then((texts) => texts.map((t) => t.replace(/\s+/g, ' ').trim()));

/**
 * The output panel in its Table view as the user reads it: { count: "1 item", headers: [field
 * names], rows: [[cell texts]] } (nested objects show as "key:value" text).
 */
export async function outputTable(ndv) {
	const panel = outputPanel(ndv);
	await panel.getByTestId('radio-button-table').click();
	const table = panel.getByTestId('ndv-data-container').locator('table').first();
	await table.waitFor({ timeout: SCREEN_TIMEOUT });
	const { headers, rows } = await table.evaluate((el) => ({
		headers: [...el.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
		rows: [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim())),
	}));
	const count = (await panel.getByTestId('run-data-item-count').innerText().catch(() => '')).trim();
	return { count, headers, rows };
}

/** The fields of `record` whose value the table's `row` does not show (top-level strings and numbers). */
export function fieldsNotShown(table, rowIndex, record) {
	const row = table.rows[rowIndex] ?? [];
	return Object.entries(record)
		.filter(([, value]) => typeof value === 'string' || typeof value === 'number')
		.filter(([key, value]) => row[table.headers.indexOf(key)] !== String(value))
		.map(([key, value]) => `${key}=${JSON.stringify(value)} (shown: ${JSON.stringify(row[table.headers.indexOf(key)] ?? null)})`);
}

/** The editor's error view of the last run: { message, description } (empty strings if none). */
export async function errorView(ndv) {
	const panel = outputPanel(ndv);
	const message = await panel.getByTestId('node-error-message').innerText().catch(() => '');
	const description = await panel.getByTestId('node-error-description').innerText().catch(() => '');
	return { message: message.trim(), description: description.trim() };
}

/**
 * "Execute step" of a trigger: waits for n8n's "Listening for test event" panel. Returns
 * { text, finished() }: finished() waits until a test event has run the workflow.
 */
export async function listenForTestEvent(ndv, timeout = 120_000) {
	const page = ndv.page();
	const seen = pushLog(page).length;
	const run = page.waitForResponse(isRunRequest, { timeout });
	await ndv.getByTestId('node-execute-button').first().click();
	const executionId = (await (await run).json().catch(() => ({})))?.data?.executionId;
	const listening = ndv.getByTestId('trigger-listening');
	await listening.waitFor({ timeout: SCREEN_TIMEOUT });
	const finished = async () => {
		// n8n may only tell the execution id once the event arrived: then any run finished since
		if (executionId) return executionFinished(page, executionId, timeout);
		await waitUntil(() => pushLog(page).slice(seen).some((m) => m.type === 'executionFinished'), Boolean, { timeout });
		await nextFrames(page);
	};
	return { text: (await listening.innerText()).trim(), finished };
}

/** The trigger's Webhook URLs section: { test, production } as shown (section opened first). */
export async function webhookUrls(ndv) {
	const toggle = ndv.locator('[title="Click to display webhook URLs"]');
	if (await toggle.isVisible()) await toggle.click();
	const read = async (which) => {
		await ndv.getByTestId(`radio-button-${which}`).click();
		const url = ndv.getByText(which === 'test' ? /^\s*https?:\/\/\S+\/webhook-test\// : /^\s*https?:\/\/\S+\/webhook\//).first();
		await url.waitFor({ timeout: 15_000 });
		return (await url.innerText()).trim();
	};
	return { test: await read('test'), production: await read('production') };
}


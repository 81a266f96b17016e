// The n8n 2.41 editor as a user drives it: sign in, open or import a workflow, the canvas, the
// nodes panel. Selectors are the data-test-ids n8n's own Playwright tests use. Every wait is for
// something the user would see; nothing sleeps for a fixed time.

/** Default wait for a screen to appear; generous, since the suite runs on a loaded 2-core machine. */
export const SCREEN_TIMEOUT = 60_000;

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const exactText = (text) => new RegExp(`^\\s*${escapeRegex(text)}\\s*$`);

/** Polls `read()` (bounded) until `done(value)`; returns the last value read. */
export async function waitUntil(read, done, { timeout = 15_000, interval = 100 } = {}) {
	const deadline = Date.now() + timeout;
	for (;;) {
		const value = await read();
		if (done(value) || Date.now() > deadline) return value;
		await new Promise((r) => setTimeout(r, interval));
	}
}

/** Waits (bounded) until `locator` stops moving: the same box in 3 frames in a row (canvas fit, panel drags). */
export async function waitForStill(locator, timeout = 10_000) {
	const page = locator.page();
	const deadline = Date.now() + timeout;
	let last = '';
	let same = 0;
	while (same < 3 && Date.now() < deadline) {
		await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
		const box = JSON.stringify(await locator.boundingBox());
		same = box === last ? same + 1 : 0;
		last = box;
	}
}

/** Signs in through n8n's sign-in form, as a user does. */
export async function signIn(page, baseUrl, { email, password }) {
	await page.goto(`${baseUrl}/signin`);
	await page.getByTestId('emailOrLdapLoginId').locator('input').fill(email, { timeout: SCREEN_TIMEOUT });
	await page.getByTestId('password').locator('input').fill(password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: SCREEN_TIMEOUT });
}

/** Closes n8n's pop-ups that may cover the canvas (production checklist, survey, toasts). */
export async function dismissOverlays(page) {
	for (const selector of ['[data-test-id="suggested-actions-close"]', '[data-test-id="nps-survey-modal"] button[aria-label="Close"]', '.el-notification__closeBtn']) {
		const items = page.locator(selector);
		for (let i = (await items.count()) - 1; i >= 0; i--) {
			if (await items.nth(i).isVisible()) await items.nth(i).click().catch(() => {});
		}
	}
}

/**
 * A call to n8n's REST API with the signed-in page's session. n8n 2.x binds the session cookie to
 * the browser id the editor keeps in localStorage and sends as the browser-id header.
 */
export async function rest(page, baseUrl, method, path, data) {
	const browserId = await page.evaluate(() => localStorage.getItem('n8n-browserId'));
	const res = await page.request.fetch(`${baseUrl}/rest${path}`, { method, data, headers: { 'browser-id': browserId ?? '' } });
	const body = await res.json().catch(() => ({}));
	if (res.status() !== 200) throw new Error(`${method} /rest${path} answered ${res.status()}: ${JSON.stringify(body).slice(0, 300)}`);
	return body.data;
}

/** Creates a workflow through the editor's own REST API; returns it (with its id). */
export const createWorkflow = (page, baseUrl, { name, nodes, connections = {}, settings = { executionOrder: 'v1' } }) =>
	rest(page, baseUrl, 'POST', '/workflows', { name, nodes, connections, settings, active: false });

export const canvasNodes = (page) => page.getByTestId('canvas-node');
export const canvasNode = (page, name) => page.locator(`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`);

/**
 * Goes to `path` of the editor. Once the editor is loaded this is an in-app navigation (the Vue
 * router, as a click on a link does: no reload of the whole editor, which takes half a minute on a
 * loaded machine); the first time, or outside the editor, a page load. If n8n asks "Save changes
 * before leaving?", the answer is "Leave without saving" (the scenarios keep nothing).
 */
export async function navigate(page, baseUrl, path) {
	const inApp =
		page.url().startsWith(baseUrl) &&
		(await page.evaluate(() => Boolean(document.querySelector('#app')?.__vue_app__?.config.globalProperties.$router)).catch(() => false));
	if (!inApp) {
		await page.goto(`${baseUrl}${path}`);
		return;
	}
	// push() resolves with a navigation failure instead of throwing; "cancelled" means another
	// navigation (e.g. the redirect after signing in) was still under way: try again once it is done
	const push = () =>
		page.evaluate(async (to) => {
			const router = document.querySelector('#app').__vue_app__.config.globalProperties.$router;
			await router.isReady();
			const failure = await router.push(to);
			return failure ? String(failure.message ?? failure) : null;
		}, path);
	const leave = page.getByRole('button', { name: 'Leave without saving' });
	for (let attempt = 1; attempt <= 5; attempt++) {
		const pushed = push();
		const asked = leave.waitFor({ timeout: SCREEN_TIMEOUT }).then(() => leave.click(), () => {});
		await Promise.race([pushed, asked]);
		if ((await pushed) === null) return;
		await new Promise((r) => setTimeout(r, 200 * attempt));
	}
	await page.goto(`${baseUrl}${path}`);
}

/** Waits until the page's URL satisfies `test` (page.waitForURL waits for a load event an in-app navigation never fires). */
async function waitForPath(page, test) {
	const url = await waitUntil(() => new URL(page.url()), test, { timeout: SCREEN_TIMEOUT });
	if (!test(url)) throw new Error(`the editor stayed at ${url.href}`);
}

/**
 * Opens a saved workflow (`path` after the base URL, default /workflow/<id>) and waits for its
 * nodes and its name in the header. `resetLayout`: forget the panel sizes n8n keeps in
 * localStorage (not the browser id the session is bound to), so the editor starts from its
 * default layout (a page load).
 */
export async function openWorkflow(page, baseUrl, workflow, { path = `/workflow/${workflow.id}`, resetLayout = false } = {}) {
	if (resetLayout) {
		await page
			.evaluate(() => Object.keys(localStorage).filter((key) => key !== 'n8n-browserId').forEach((key) => localStorage.removeItem(key)))
			.catch(() => {});
		await page.goto(`${baseUrl}${path}`);
	} else await navigate(page, baseUrl, path);
	await waitForPath(page, (url) => url.pathname.startsWith(path.split('?')[0]));
	if (workflow.name) await page.getByTestId('canvas-breadcrumbs').getByText(workflow.name, { exact: true }).filter({ visible: true }).first().waitFor({ timeout: SCREEN_TIMEOUT });
	await canvasNodes(page).first().waitFor({ timeout: SCREEN_TIMEOUT });
}

/** Opens a new, empty workflow. */
export async function newWorkflow(page, baseUrl) {
	await navigate(page, baseUrl, '/workflow/new');
	await waitForPath(page, (url) => url.searchParams.get('new') === 'true' || url.pathname.endsWith('/new'));
	await page.getByTestId('canvas-plus-button').waitFor({ timeout: SCREEN_TIMEOUT });
}

/** "Import from File..." into the open workflow; waits until `nodeCount` nodes are on the canvas. */
export async function importWorkflowFile(page, file, nodeCount) {
	await page.getByTestId('workflow-import-input').setInputFiles(file);
	await waitUntil(() => canvasNodes(page).count(), (n) => n >= nodeCount, { timeout: SCREEN_TIMEOUT });
}

export const ndvDialog = (page) => page.getByTestId('ndv');

/** Waits for the node details view with its parameters. */
export async function waitForNdv(page) {
	const ndv = ndvDialog(page);
	await ndv.getByTestId('node-parameters').waitFor({ timeout: SCREEN_TIMEOUT });
	return ndv;
}

/** Double-clicks a canvas node and returns its details view. */
export async function openNode(page, name) {
	await canvasNode(page, name).first().dblclick();
	return waitForNdv(page);
}

export async function closeNdv(page) {
	const ndv = ndvDialog(page);
	if (!(await ndv.isVisible())) return;
	// n8n 2.41: the view's × button; n8n 1.123 (UI_N8N_VERSION): its "Back to canvas" link
	await ndv.getByTestId('ndv-close-button').or(page.getByTestId('back-to-canvas')).filter({ visible: true }).first().click();
	await ndv.waitFor({ state: 'hidden', timeout: SCREEN_TIMEOUT });
}

/** The issues n8n shows on a canvas node (its warning icon's tooltip), [] when it has none. */
export async function canvasNodeIssues(page, name) {
	const icon = canvasNode(page, name).getByTestId('node-issues');
	if ((await icon.count()) === 0) return [];
	await icon.locator('span').first().hover();
	const tooltip = page.getByTestId('tooltip-content').filter({ visible: true });
	await tooltip.first().waitFor({ timeout: 15_000 });
	const text = await tooltip.first().innerText();
	await page.mouse.move(1, 1);
	await tooltip.first().waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => {});
	return text.split('\n').map((line) => line.trim()).filter((line) => line && line !== 'Issues');
}

// ---- nodes panel (node creator) ----

const creator = (page) => page.getByTestId('node-creator');

/** Opens the nodes panel: "Add first step" on an empty canvas, else the canvas's + button. */
export async function openNodesPanel(page) {
	const first = page.getByTestId('canvas-plus-button');
	if (await first.isVisible()) await first.click();
	else await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').waitFor({ timeout: SCREEN_TIMEOUT });
}

/**
 * The entries the panel lists now: [{ title, kind, nodeType }]. `kind` is n8n's keyboard-navigation
 * type (node, action, ...; undefined for section headers such as "Claim Actions"), `nodeType` the
 * node type an entry stands for, read from its navigation id ("<node type>-<uuid>").
 */
export async function nodesPanelEntries(page) {
	return creator(page).getByTestId('item-iterator-item').evaluateAll((items) =>
		items.map((item) => {
			const title = (item.querySelector('[data-test-id="node-creator-item-name"]') ?? item).textContent.trim();
			const kind = item.getAttribute('data-keyboard-nav-type') ?? undefined;
			const id = item.getAttribute('data-keyboard-nav-id') ?? '';
			const nodeType = kind === 'action' || kind === 'node' ? id.replace(/-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, '') : undefined;
			return { title, kind, nodeType };
		}),
	);
}

const nextFrames = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * All entries of the panel's list: the list renders its items in batches as it scrolls, so this
 * scrolls to the last entry until no new ones appear (bounded).
 */
export async function settledNodesPanelEntries(page) {
	let entries = await nodesPanelEntries(page);
	for (let i = 0; i < 30; i++) {
		const items = creator(page).getByTestId('item-iterator-item');
		if ((await items.count()) > 0) await items.last().scrollIntoViewIfNeeded().catch(() => {});
		await nextFrames(page);
		const now = await nodesPanelEntries(page);
		if (now.length === entries.length) return now;
		entries = now;
	}
	return entries;
}

const NO_MATCH = 'qqzxqqzx'; // a search that matches no node

/**
 * Types `term` into the panel's search; waits until an entry for one of `nodeTypes` shows and
 * returns the entries then (or, if none shows within 10 s, what the panel lists). The search is
 * first set to a term that matches nothing and the panel waited on until it is empty, so the list
 * read afterwards is the answer to `term`, never the previous search's.
 */
export async function searchNodesPanel(page, term, nodeTypes) {
	const bar = page.getByTestId('node-creator-search-bar');
	await bar.fill(NO_MATCH);
	await waitUntil(() => nodesPanelEntries(page), (shown) => shown.length === 0, { timeout: 10_000 });
	await bar.fill(term);
	return waitUntil(() => settledNodesPanelEntries(page), (shown) => shown.some((e) => nodeTypes.includes(e.nodeType)), { timeout: 10_000 });
}

/** Clicks the panel entry titled `title` (exact). */
export async function choosePanelEntry(page, title) {
	await creator(page)
		.getByTestId('item-iterator-item')
		.filter({ has: page.getByTestId('node-creator-item-name').filter({ hasText: exactText(title) }) })
		.first()
		.click();
}


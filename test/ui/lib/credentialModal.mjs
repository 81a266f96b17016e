// n8n 2.41's credential modal. It has no separate "Test" button: Save stores the credential and
// tests it, and the result banner's Retry button tests the values in the form again. The banner
// says "Connection tested successfully", or "Couldn't connect with these settings" with the
// credential test's own message under "More details".
import { SCREEN_TIMEOUT, waitUntil } from './editor.mjs';

export const credentialModal = (page) => page.getByTestId('credential-edit-dialog');

/**
 * From the NDV: "Connect to Moment" when no credential of the type exists yet, else the
 * credential select's "Create new credential"; waits for the modal.
 */
export async function createCredentialFromNode(page, ndv) {
	const empty = ndv.getByTestId('node-credentials-empty-state');
	if (await empty.isVisible()) await empty.locator('button').first().click();
	else {
		await ndv.getByTestId('node-credentials-select').click();
		await page.getByTestId('node-credentials-select-item-new').click();
	}
	await credentialModal(page).waitFor({ timeout: SCREEN_TIMEOUT });
	return credentialModal(page);
}

/** The input of credential field `name` in the modal. */
export const credentialInput = (modal, name) => modal.getByTestId(`parameter-input-${name}`).locator('input, textarea').first();

export async function fillCredential(modal, values) {
	for (const [name, value] of Object.entries(values)) await credentialInput(modal, name).fill(value);
}

const nextFrames = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** The visible test-result banner's text, with "More details" opened (the credential's message). */
async function bannerText(modal) {
	const more = modal.getByText('More details', { exact: true });
	if (await more.isVisible()) await more.click();
	// (a `has` locator is matched inside each span, so it must not start from the modal)
	const banner = modal.locator('span').filter({ has: modal.page().getByTitle('Retry credential test'), visible: true }).last();
	if ((await banner.count()) === 0) return '';
	return (await banner.innerText()).replace(/\bRetry\b/, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Clicks (Save or Retry), waits for n8n's credential test request to be answered and the banner
 * to show its result: { ok, text }, text being the banner with "More details" opened.
 */
async function clickAndReadTest(page, modal, click) {
	const tested = page.waitForResponse((r) => r.url().includes('/rest/credentials/test') && r.request().method() === 'POST', { timeout: SCREEN_TIMEOUT });
	await click();
	await tested;
	await nextFrames(page);
	const success = modal.getByTestId('credentials-config-container-test-success');
	const failure = modal.getByText('Couldn’t connect with these settings');
	const ok = await waitUntil(
		async () => ((await success.isVisible()) ? true : (await failure.isVisible()) ? false : undefined),
		(v) => v !== undefined,
		{ timeout: 15_000 },
	);
	if (ok === undefined) throw new Error('the credential test was answered but the modal shows no result banner');
	return { ok, text: await bannerText(modal) };
}

/** Clicks Save (which stores and tests the credential) and returns the test result. */
export const saveAndTest = (page, modal) => clickAndReadTest(page, modal, () => page.getByTestId('credential-save-button').click());

/** Clicks the banner's Retry (tests the values now in the form) and returns the test result. */
export const retryTest = (page, modal) => clickAndReadTest(page, modal, () => modal.getByTitle('Retry credential test').filter({ visible: true }).first().click());

/** Saves the credential and waits for the modal to close (n8n closes it after a passed test). */
export async function saveAndClose(page, modal) {
	await page.getByTestId('credential-save-button').click();
	await modal.waitFor({ state: 'hidden', timeout: SCREEN_TIMEOUT });
}

// Debian's headless Chromium driven by playwright-core (never a browser download), shared by the
// browser suite (test/ui/run.mjs) and `npm run screenshots`. A fresh profile per launch, the flags
// that work on a closed network, n8n's test-id attribute for getByTestId(), the page's console kept
// for failure reports, and a screenshot + console file per failure.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, selectors } from 'playwright-core';
import { ensureChromium } from '../../e2e/lib/install.mjs';
import { onStop } from '../../e2e/lib/processes.mjs';

// Without the background-networking flags Chromium's own connections (updates, sync, safe browsing)
// are refused on this machine's closed network and slow everything down.
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

let testIdAttributeSet = false;
const pushMessages = new WeakMap();
const MAX_PUSH_MESSAGES = 2000;

/** The push messages n8n sent the page so far: [{ type, executionId, status }]. */
export const pushLog = (page) => pushMessages.get(page) ?? [];
const ACTION_TIMEOUT = 45_000;
const NAVIGATION_TIMEOUT = 120_000;
const MAX_CONSOLE_LINES = 3000;

/**
 * Launches Chromium with a fresh profile and returns { context, page, consoleLines, close }.
 * `close` (also registered with processes.stopAll) closes the browser and removes the profile.
 */
export async function launchBrowser({ viewport = { width: 1440, height: 900 }, deviceScaleFactor = 1 } = {}) {
	if (!testIdAttributeSet) {
		selectors.setTestIdAttribute('data-test-id'); // what n8n's own Playwright tests use
		testIdAttributeSet = true;
	}
	const executablePath = await ensureChromium();
	const profile = mkdtempSync(join(tmpdir(), 'moment-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		args: CHROMIUM_ARGS,
		headless: true,
		viewport,
		deviceScaleFactor,
		colorScheme: 'light',
		locale: 'en-US',
	});
	// a loaded 2-core machine can take long for what a user waits for: generous, bounded defaults
	context.setDefaultTimeout(ACTION_TIMEOUT);
	context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
	const page = context.pages()[0] ?? (await context.newPage());
	const consoleLines = [];
	const record = (kind, text) => {
		consoleLines.push(`${new Date().toISOString()} [${kind}] ${text}`);
		if (consoleLines.length > MAX_CONSOLE_LINES) consoleLines.shift();
	};
	page.on('console', (message) => record(message.type(), message.text()));
	page.on('pageerror', (error) => record('pageerror', error.stack ?? error.message));
	page.on('requestfailed', (request) => record('requestfailed', `${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
	page.on('framenavigated', (frame) => {
		if (frame === page.mainFrame()) record('navigated', frame.url());
	});
	// the editor's push connection (executionStarted/Finished, ...): how a run is known to be over
	const messages = [];
	pushMessages.set(page, messages);
	page.on('websocket', (socket) => {
		if (!socket.url().includes('/rest/push')) return;
		socket.on('framereceived', (frame) => {
			try {
				const message = JSON.parse(String(frame.payload));
				messages.push({ type: message.type, executionId: message.data?.executionId, status: message.data?.status });
				if (messages.length > MAX_PUSH_MESSAGES) messages.shift();
			} catch {
				/* not a JSON message */
			}
		});
	});
	let closed = false;
	const close = async () => {
		if (closed) return;
		closed = true;
		await context.close().catch(() => {});
		rmSync(profile, { recursive: true, force: true });
	};
	onStop(close);
	return { context, page, consoleLines, close };
}

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'failure';

/**
 * Returns capture(label): saves a full-page screenshot and the console so far into
 * `<runDir>/failures/NN-<label>.png|.console.txt`, and returns both paths.
 */
export function failureRecorder(runDir, { page, consoleLines }) {
	let count = 0;
	return async function capture(label) {
		count++;
		const dir = join(runDir, 'failures');
		mkdirSync(dir, { recursive: true });
		const base = join(dir, `${String(count).padStart(2, '0')}-${slug(label)}`);
		const screenshot = `${base}.png`;
		const console = `${base}.console.txt`;
		const shot = await page.screenshot({ path: screenshot, fullPage: true, timeout: 15_000 }).then(
			() => screenshot,
			(error) => `(no screenshot: ${error.message.split('\n')[0]})`,
		);
		writeFileSync(console, `${label}\nURL: ${page.url()}\n\n${consoleLines.join('\n')}\n`);
		return { screenshot: shot, console };
	};
}

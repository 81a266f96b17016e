// Run folders of the suites under $E2E_DIR: kept after a failure (for the logs and screenshots),
// removed after a passing run; those older than a day are pruned at the next start.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_DIR } from './install.mjs';

/** Removes `<prefix>*` folders in $E2E_DIR older than a day, then creates a fresh one. */
export function newRunFolder(prefix) {
	mkdirSync(E2E_DIR, { recursive: true });
	for (const name of readdirSync(E2E_DIR)) {
		const path = join(E2E_DIR, name);
		if (name.startsWith(prefix) && Date.now() - statSync(path).mtimeMs > 24 * 3600_000) rmSync(path, { recursive: true, force: true });
	}
	return mkdtempSync(join(E2E_DIR, prefix));
}

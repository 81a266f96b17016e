// Runs the analysis of n8n's verification scanner (@n8n/scan-community-package, the gate n8n uses
// before verifying a community package) locally: once on the source, once on the packed tarball.
// The scanner's registry-only parts (npm provenance, GitHub source download) need a real publish
// from GitHub Actions and are not run here. Prints "scan: N passed, N failed".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { SOURCE_FILE_PATTERNS, analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'moment-scan-'));
let passed = 0;
let failed = 0;
try {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	);
	execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work]);
	for (const [label, dir, patterns] of [
		['source (package.json, nodes/, credentials/)', root, SOURCE_FILE_PATTERNS],
		['packed tarball (**/*.js, package.json)', join(work, 'package'), ['**/*.js', 'package.json']],
	]) {
		const result = await analyzePackage(dir, patterns);
		if (result.passed) {
			passed++;
			console.log(`ok - scanner analysis of the ${label}`);
		} else {
			failed++;
			console.log(`not ok - scanner analysis of the ${label}: ${result.message}`);
			if (result.details) console.log(result.details);
		}
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
console.log(`scan: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

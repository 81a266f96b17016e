// Checks what `npm pack` would publish: only dist/, package.json, README and licence; the compiled
// nodes, credential and icons (copied by gulp) are all there; no tests, tooling, build caches or
// source maps; unpacked under 300 KB. Prints "ok - ..." / "not ok - ..." lines and a
// "package: N passed, N failed" summary.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
const files = packed.files.map((f) => f.path);
let passed = 0;
let failed = 0;
function check(ok, message, detail = '') {
	if (ok) passed++;
	else failed++;
	console.log(`${ok ? 'ok' : 'not ok'} - ${message}${ok || !detail ? '' : `: ${detail}`}`);
}

const allowed = (f) => f.startsWith('dist/') || ['package.json', 'README.md', 'LICENSE.md'].includes(f);
check(files.every(allowed), 'tarball holds only dist/, package.json, README.md and LICENSE.md', files.filter((f) => !allowed(f)).join(', '));
for (const required of [...pkg.n8n.nodes, ...pkg.n8n.credentials, 'README.md', 'LICENSE.md', 'package.json']) {
	check(files.includes(required), `tarball contains ${required}`);
}
for (const icon of ['dist/icons/moment.svg', 'dist/icons/moment.dark.svg']) {
	check(files.includes(icon), `gulp copied ${icon}`);
}
check(!files.some((f) => /(^|\/)(test|scripts|docs|examples)\//.test(f)), 'no tests, scripts, docs or examples in the tarball');
const buildFiles = files.filter((f) => /\.(tsbuildinfo|map)$/.test(f));
check(buildFiles.length === 0, 'no build cache (tsbuildinfo) or source maps in the tarball', buildFiles.join(', '));
const MAX_UNPACKED = 300 * 1024;
check(
	packed.unpackedSize < MAX_UNPACKED,
	`the package unpacks to under 300 KB (${(packed.unpackedSize / 1024).toFixed(0)} KB)`,
	`${packed.unpackedSize} bytes`,
);
check(Object.keys(pkg.dependencies ?? {}).length === 0, 'no runtime dependencies');
check(JSON.stringify(pkg.peerDependencies) === JSON.stringify({ 'n8n-workflow': '*' }), 'peer dependency is exactly n8n-workflow: *');
check(
	Object.values(pkg.devDependencies).every((v) => /^\d+\.\d+\.\d+$/.test(v)),
	'dev dependencies are pinned exactly',
	Object.entries(pkg.devDependencies).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(v)).map(([k, v]) => `${k}@${v}`).join(', '),
);
console.log(`package: ${passed} passed, ${failed} failed (${files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked)`);
process.exit(failed ? 1 : 0);

// The npm registry this project is developed against lacks some platform-specific optional
// packages (e.g. @unrs/resolver-binding-darwin-arm64@1.13.0). `npm install` then leaves them out
// of package-lock.json, and `npm ci` refuses the lockfile ("Missing: ... from lock file"). This
// adds a lockfile entry (version, os/cpu/libc, optional) for every such missing optional
// dependency whose platform can be read from its name; npm skips them on other platforms and
// never downloads them here. Run after `npm install` changes the lockfile:
//   node scripts/fix-lockfile-platform-optionals.mjs && npm ci --dry-run --ignore-scripts
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORM = [
	[/-(android)-/, 'android'],
	[/-(darwin)-/, 'darwin'],
	[/-(freebsd)-/, 'freebsd'],
	[/-(linux)-/, 'linux'],
	[/-(openharmony)-/, 'openharmony'],
	[/-(win32)-/, 'win32'],
];
const CPU = [
	[/-arm64/, 'arm64'],
	[/-arm-/, 'arm'],
	[/-x64/, 'x64'],
	[/-ia32/, 'ia32'],
	[/-loong64/, 'loong64'],
	[/-ppc64/, 'ppc64'],
	[/-riscv64/, 'riscv64'],
	[/-s390x/, 's390x'],
];

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
const added = [];
for (const [path, entry] of Object.entries(packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const key = `node_modules/${name}`;
		if (packages[key] || packages[`${path}/node_modules/${name}`]) continue;
		const os = PLATFORM.find(([re]) => re.test(name))?.[1];
		const cpu = CPU.find(([re]) => re.test(name))?.[1];
		if (!os || !cpu) {
			console.error(`cannot tell the platform of ${name}; leaving it out`);
			continue;
		}
		const libc = os === 'linux' ? (/-musl/.test(name) ? ['musl'] : ['glibc']) : undefined;
		packages[key] = { version, cpu: [cpu], dev: entry.dev, ...(libc ? { libc } : {}), optional: true, os: [os] };
		added.push(`${name}@${version}`);
	}
}
lock.packages = Object.fromEntries(
	Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length}: ${added.join(', ')}` : 'nothing missing');

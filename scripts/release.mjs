#!/usr/bin/env node
// `npm run release [patch|minor|major|x.y.z]` (default patch).
//
// On GitHub Actions (the publish workflow, started by a version tag) this is `n8n-node release`:
// lint, build and `npm publish` with npm provenance, as n8n requires for verified packages.
//
// Locally, on a clean `main` that is in step with its upstream, it prepares that tag with only git
// and npm (n8n-node's local mode needs release-it and auto-changelog, which are not pinned here,
// and auto-changelog would rewrite CHANGELOG.md from commit titles):
//   1. runs lint and build;
//   2. bumps the version in package.json and package-lock.json, and in nodes/Moment/resources/momentApi/checkCompatibility.ts
//      (what the nodes report about themselves: shipped code cannot read package.json);
//   3. turns CHANGELOG.md's "Unreleased" section into the new version's (with today's date) and
//      adds its compare link;
//   4. commits "Release x.y.z", tags x.y.z and pushes both, which starts .github/workflows/publish.yml.
// `--dry-run` prints the new version and changelog head and changes nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const bump = args.find((arg) => !arg.startsWith('--')) ?? 'patch';

function run(command, commandArgs, options = {}) {
	return execFileSync(command, commandArgs, { cwd: root, encoding: 'utf8', stdio: options.quiet ? 'pipe' : 'inherit', ...options });
}

function fail(message) {
	console.error(`release: ${message}`);
	process.exit(1);
}

if (process.env.GITHUB_ACTIONS) {
	run('npx', ['n8n-node', 'release']);
	process.exit(0);
}

const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
function nextVersion(current, how) {
	if (/^\d+\.\d+\.\d+$/.test(how)) return how;
	const [major, minor, patch] = current.split('.').map(Number);
	if (how === 'major') return `${major + 1}.0.0`;
	if (how === 'minor') return `${major}.${minor + 1}.0`;
	if (how === 'patch') return `${major}.${minor}.${patch + 1}`;
	return fail(`say patch, minor, major or a version such as 1.2.3, not "${how}"`);
}
const version = nextVersion(pkg.version, bump);

/** CHANGELOG.md with "## [Unreleased]" moved under "## [version] - date", and its links. */
function releaseChangelog(text, previous, next, date) {
	const heading = '## [Unreleased]';
	const start = text.indexOf(heading);
	if (start < 0) fail('CHANGELOG.md has no "## [Unreleased]" section');
	const after = text.indexOf('\n## [', start + heading.length);
	const notes = text.slice(start + heading.length, after < 0 ? undefined : after).trim();
	if (notes === '') fail('CHANGELOG.md says nothing under "Unreleased": write what this release changes first');
	const released = `${heading}\n\n## [${next}] - ${date}\n\n${notes}\n`;
	let result = text.slice(0, start) + released + (after < 0 ? '' : text.slice(after));
	const unreleasedLink = /^\[Unreleased\]: (.*)\/compare\/.*\.\.\.HEAD$/m;
	const match = unreleasedLink.exec(result);
	if (!match) fail('CHANGELOG.md has no "[Unreleased]: …/compare/x...HEAD" link');
	result = result.replace(unreleasedLink, `[Unreleased]: ${match[1]}/compare/${next}...HEAD\n[${next}]: ${match[1]}/compare/${previous}...${next}`);
	return result;
}

const changelogFile = resolve(root, 'CHANGELOG.md');
const changelog = releaseChangelog(readFileSync(changelogFile, 'utf8'), pkg.version, version, new Date().toISOString().slice(0, 10));
if (dryRun) {
	console.log(`release (dry run): ${pkg.version} -> ${version}\n`);
	console.log(changelog.slice(0, changelog.indexOf('\n## [', changelog.indexOf(`## [${version}]`) + 1)));
	process.exit(0);
}

const branch = run('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { quiet: true }).trim();
if (branch !== 'main') fail(`release from main, not from "${branch}"`);
if (run('git', ['status', '--porcelain'], { quiet: true }).trim() !== '') fail('the working tree is not clean');
run('git', ['fetch', '--quiet']);
const behindAhead = run('git', ['rev-list', '--left-right', '--count', 'HEAD...@{upstream}'], { quiet: true }).trim();
if (behindAhead !== '0\t0') fail(`main is not in step with its upstream (ahead/behind: ${behindAhead.replace('\t', '/')})`);
if (run('git', ['tag', '--list', version], { quiet: true }).trim() !== '') fail(`the tag ${version} exists already`);

const versionFile = resolve(root, 'nodes/Moment/resources/momentApi/checkCompatibility.ts');
const versionSource = readFileSync(versionFile, 'utf8');
if (!versionSource.includes(`'${pkg.version}'`)) fail(`nodes/Moment/resources/momentApi/checkCompatibility.ts does not say ${pkg.version}`);

run('npm', ['run', 'lint']);
run('npm', ['run', 'build']);
run('npm', ['version', version, '--no-git-tag-version', '--ignore-scripts']);
writeFileSync(versionFile, versionSource.replace(`'${pkg.version}'`, `'${version}'`));
writeFileSync(changelogFile, changelog);
run('git', ['add', 'package.json', 'package-lock.json', 'CHANGELOG.md', 'nodes/Moment/resources/momentApi/checkCompatibility.ts']);
run('git', ['commit', '-m', `Release ${version}`]);
run('git', ['tag', '-a', version, '-m', `Release ${version}`]);
run('git', ['push', '--follow-tags']);
console.log(`release: ${version} tagged and pushed; .github/workflows/publish.yml publishes it to npm with provenance.`);

// The nodes and credentials of the packed package as n8n loads them: the tarball is unpacked and
// read by n8n-core's own PackageDirectoryLoader (the loader n8n uses for community packages, at
// the version the suite runs): every file in package.json "n8n.nodes" / "n8n.credentials", each
// node's codex file, the parameters n8n adds (Poll Times for polling nodes, ...), and one
// description per version of a versioned node. Each node is taken at its default version. The
// browser suite derives what the editor must show from these descriptions, so it grows with the
// nodes instead of by hand.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const coreRequire = createRequire(require.resolve('n8n-core'));

/** Node type name as n8n gives it to a community package: "<package>.<description.name>". */
export const nodeTypeName = (packageName, description) => `${packageName}.${description.name}`;

/** The default version of a description: defaultVersion, else the highest of `version`. */
export function defaultVersion(description) {
	if (description.defaultVersion !== undefined) return description.defaultVersion;
	return Array.isArray(description.version) ? Math.max(...description.version) : description.version;
}

/** n8n-core's loader wants a logger from n8n's dependency injection; a quiet one will do. */
function quietLogger() {
	const { Container } = coreRequire('@n8n/di');
	const { Logger } = coreRequire('@n8n/backend-common');
	const say = (level) => (message) => process.stderr.write(`[ui] n8n loader ${level}: ${message}\n`);
	Container.set(Logger, { debug() {}, info() {}, warn: say('warning'), error: say('error') });
}

/** Whether a description is the one of its node's default version. */
function isDefault(description) {
	const version = defaultVersion(description);
	return Array.isArray(description.version) ? description.version.includes(version) : description.version === version;
}

/** The loaded node of `description` (for a versioned node, the class of that version). */
function loadedNode(loader, description) {
	const loaded = loader.nodeTypes[description.name]?.type;
	return loaded?.nodeVersions?.[defaultVersion(description)] ?? loaded;
}

/**
 * Unpacks `tgz` into `workDir/package` (replacing it) with `node_modules` linked to the
 * repository's, so the nodes' `require('n8n-workflow')` resolves as in development, and loads it.
 * Returns { name, version, nodes: [{ type, description, version, codex, isTrigger, instance }],
 * credentials }; `instance` is the node class as n8n loaded it (its methods, e.g. a credential test).
 */
export async function loadPackedPackage(tgz, workDir, repoDir) {
	const dir = join(workDir, 'package');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const r = spawnSync('tar', ['-xzf', tgz, '-C', dir, '--strip-components=1'], { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`could not unpack ${tgz}: ${r.stderr}`);
	symlinkSync(join(repoDir, 'node_modules'), join(dir, 'node_modules'));
	quietLogger();
	const { PackageDirectoryLoader } = require('n8n-core');
	const loader = new PackageDirectoryLoader(dir);
	await loader.loadAll();
	const nodes = loader.types.nodes.filter(isDefault).map((description) => ({
		type: nodeTypeName(loader.packageName, description),
		description,
		version: defaultVersion(description),
		codex: description.codex ?? {},
		isTrigger: (description.group ?? []).includes('trigger'),
		instance: loadedNode(loader, description),
	}));
	const credentials = loader.types.credentials.map((type) => ({ name: type.name, displayName: type.displayName, type }));
	return { name: loader.packageName, version: loader.packageJson.version, dir, nodes, credentials };
}

/** The node's credentials that use generic authentication (n8n then offers "Custom API Call"). */
export function hasProxyAuth(node, credentials) {
	return (node.description.credentials ?? []).some(({ name }) => credentials.find((c) => c.name === name)?.type.authenticate !== undefined);
}

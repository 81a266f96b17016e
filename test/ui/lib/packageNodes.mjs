// The nodes and credentials of the packed package, loaded the way n8n loads them: the tarball is
// unpacked, every file listed in its package.json ("n8n.nodes", "n8n.credentials") is required and
// instantiated, a versioned node is taken at its default version, and the codex file next to each
// node (<file>.json: aliases, categories) is read. The browser suite derives what the editor must
// show from these descriptions, so it grows with the nodes instead of by hand.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

/** Node type name as n8n gives it to a community package: "<package>.<description.name>". */
export const nodeTypeName = (packageName, description) => `${packageName}.${description.name}`;

/** The default version of a description: defaultVersion, else the highest of `version`. */
export function defaultVersion(description) {
	if (description.defaultVersion !== undefined) return description.defaultVersion;
	return Array.isArray(description.version) ? Math.max(...description.version) : description.version;
}

/** A node class instance at its default version (plain node, or n8n's VersionedNodeType). */
function atDefaultVersion(instance) {
	if (instance.nodeVersions) {
		const version = instance.description.defaultVersion ?? Math.max(...Object.keys(instance.nodeVersions).map(Number));
		const versioned = instance.nodeVersions[version];
		return { ...instance.description, ...versioned.description, version, defaultVersion: version };
	}
	return instance.description;
}

function loadClass(file) {
	const exports = createRequire(file)(file);
	const className = basename(file).replace(/\.(node|credentials)\.js$/, '');
	const Class = exports[className];
	if (typeof Class !== 'function') throw new Error(`${file} does not export a class named ${className} (n8n requires the file name to match)`);
	return new Class();
}

/**
 * Unpacks `tgz` into `workDir/package` (replacing it) with `node_modules` linked to the
 * repository's, so the nodes' `require('n8n-workflow')` resolves as in development.
 * Returns { name, version, nodes: [{ type, file, description, version, codex, isTrigger }], credentials: [...] }.
 */
export function loadPackedPackage(tgz, workDir, repoDir) {
	const dir = join(workDir, 'package');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const r = spawnSync('tar', ['-xzf', tgz, '-C', dir, '--strip-components=1'], { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`could not unpack ${tgz}: ${r.stderr}`);
	symlinkSync(join(repoDir, 'node_modules'), join(dir, 'node_modules'));
	const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
	const nodes = (manifest.n8n?.nodes ?? []).map((relative) => {
		const file = join(dir, relative);
		const description = atDefaultVersion(loadClass(file));
		const codexFile = file.replace(/\.js$/, '.json');
		const codex = existsSync(codexFile) ? JSON.parse(readFileSync(codexFile, 'utf8')) : {};
		return {
			type: nodeTypeName(manifest.name, description),
			file: relative,
			description,
			version: defaultVersion(description),
			codex,
			isTrigger: (description.group ?? []).includes('trigger'),
		};
	});
	const credentials = (manifest.n8n?.credentials ?? []).map((relative) => {
		const instance = loadClass(join(dir, relative));
		return { file: relative, name: instance.name, displayName: instance.displayName, type: instance };
	});
	return { name: manifest.name, version: manifest.version, dir, nodes, credentials };
}

/** The node's credentials that use generic authentication (n8n then offers "Custom API Call"). */
export function hasProxyAuth(node, credentials) {
	return (node.description.credentials ?? []).some(({ name }) => credentials.find((c) => c.name === name)?.type.authenticate !== undefined);
}

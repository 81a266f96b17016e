'use strict';
/**
 * The import graph of the package's TypeScript, read from the source text: every relative
 * `import` / `export ... from` (type-only ones too: a circle of types is still a circle a reader has
 * to untangle), resolved to files. Used by test/layout/imports.test.ts. Plain JavaScript because
 * the package's lint forbids `fs` and `path` in TypeScript, tests included (types: importGraph.d.ts).
 */
const { readdirSync, readFileSync, statSync } = require('fs');
const { dirname, join, relative, resolve } = require('path');

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gm;

function sourceFiles(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
	});
}

function resolveImport(from, specifier) {
	const base = resolve(dirname(from), specifier);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// not this one
		}
	}
	return undefined;
}

/** The graph of every .ts file below `root`; imports of JSON or outside `root` are left out. */
function importGraph(root) {
	const graph = new Map();
	const name = (path) => relative(root, path).split('\\').join('/');
	for (const file of sourceFiles(root)) {
		const targets = new Set();
		for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
			const target = resolveImport(file, match[1] ?? match[2]);
			if (target && !relative(root, target).startsWith('..')) targets.add(name(target));
		}
		graph.set(name(file), [...targets].sort());
	}
	return graph;
}

/** The graph of the package's nodes/ folder (files named from there: `Moment/Moment.node.ts`). */
function nodesImportGraph() {
	return importGraph(join(__dirname, '../../nodes'));
}

/** Every import circle, each once, as the files in order with the first repeated at the end. */
function importCycles(graph) {
	const cycles = [];
	const seen = new Set();
	const done = new Set();
	const stack = [];
	const visit = (file) => {
		if (done.has(file)) return;
		const at = stack.indexOf(file);
		if (at >= 0) {
			const cycle = stack.slice(at);
			const key = [...cycle].sort().join(' ');
			if (!seen.has(key)) cycles.push([...cycle, file]);
			seen.add(key);
			return;
		}
		stack.push(file);
		for (const target of graph.get(file) ?? []) visit(target);
		stack.pop();
		done.add(file);
	};
	for (const file of [...graph.keys()].sort()) visit(file);
	return cycles;
}

module.exports = { importGraph, nodesImportGraph, importCycles };

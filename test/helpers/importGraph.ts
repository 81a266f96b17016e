/**
 * The import graph of the package's TypeScript, read from the source text: every relative
 * `import` / `export ... from` (type-only ones too: a circle of types is still a circle a reader has
 * to untangle), resolved to files. Used by test/layout/imports.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

/** File (relative to the root, with /) → the files it imports. */
export type ImportGraph = Map<string, string[]>;

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
	});
}

function resolveImport(from: string, specifier: string): string | undefined {
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
export function importGraph(root: string): ImportGraph {
	const graph: ImportGraph = new Map();
	const name = (path: string) => relative(root, path).split('\\').join('/');
	for (const file of sourceFiles(root)) {
		const targets = new Set<string>();
		for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
			const target = resolveImport(file, match[1] ?? match[2]);
			if (target && !relative(root, target).startsWith('..')) targets.add(name(target));
		}
		graph.set(name(file), [...targets].sort());
	}
	return graph;
}

/** Every import circle, each once, as the files in order with the first repeated at the end. */
export function importCycles(graph: ImportGraph): string[][] {
	const cycles: string[][] = [];
	const seen = new Set<string>();
	const done = new Set<string>();
	const stack: string[] = [];
	const visit = (file: string) => {
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

/** Types of importGraph.js (plain JavaScript: the package's lint forbids `fs` and `path` in TypeScript). */

/** File (relative to the root, with /) → the files it imports. */
export type ImportGraph = Map<string, string[]>;

/** The graph of every .ts file below `root`; imports of JSON or outside `root` are left out. */
export function importGraph(root: string): ImportGraph;
/** The graph of the package's nodes/ folder (files named from there: `Moment/Moment.node.ts`). */
export function nodesImportGraph(): ImportGraph;
/** Every import circle, each once, as the files in order with the first repeated at the end. */
export function importCycles(graph: ImportGraph): string[][];

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Every relative import of every .ts file below `root`, as absolute paths without extension. */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".d.ts")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(/(?:from|import|require)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => resolveModule(path.dirname(file), m[1]));
    graph.set(file.replace(/\.ts$/, ""), targets);
  }
  return graph;
}

function resolveModule(dir: string, specifier: string): string {
  return path.resolve(dir, specifier).replace(/\.(js|ts)$/, "");
}

/** The import circles of a graph, each as the list of modules around it. */
export function importCircles(graph: Map<string, string[]>): string[][] {
  const circles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const target = graph.has(next) ? next : path.join(next, "index");
      if (!graph.has(target)) continue;
      if (state.get(target) === "open") circles.push(stack.slice(stack.indexOf(target)));
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return circles;
}

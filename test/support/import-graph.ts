import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Every .ts source file below `root` (declaration files excluded). */
export function tsFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * The files a file imports, re-exports, requires or imports dynamically (relative specifiers
 * only, as the compiler's pre-processor reads them), resolved to `x.ts` or `x/index.ts`.
 */
export function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) => {
      const target = path.resolve(path.dirname(file), name).replace(/\.(js|ts)$/, "");
      return [`${target}.ts`, path.join(target, "index.ts")].find((candidate) => existsSync(candidate)) ?? target;
    });
}

/** Every file below `root` with the files it imports. */
export function importGraph(root: string): Map<string, string[]> {
  return new Map(tsFiles(root).map((file) => [file, importsOf(file)]));
}

/** The import circles of a graph, each as the list of modules around it. */
export function importCircles(graph: Map<string, string[]>): string[][] {
  const circles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, "open");
    stack.push(node);
    for (const target of graph.get(node) ?? []) {
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

import path from "node:path";
import { importGraph } from "../../support/import-graph";

const lib = path.resolve(__dirname, "../../../lib");

/**
 * The rooms of lib/ from the wire up (docs/architecture.md): a room may import only rooms of a
 * lower rank, so a file that needs something from above its own layer fails here.
 */
const RANK: Readonly<Record<string, number>> = {
  output: 0,
  core: 0,
  runtime: 1,
  cloud: 2,
  contract: 3,
  emulator: 3,
  reconcile: 4,
  kinds: 5,
  stack: 6,
  policy: 6,
  constructs: 7,
  review: 7,
  audit: 8,
  doctor: 9,
  cli: 10,
  index: 11,
};

/** `kinds` for lib/kinds/index.ts, `index` for lib/index.ts. */
function roomOf(file: string): string {
  return path.relative(lib, file).split(path.sep)[0].replace(/\.ts$/, "");
}

/** Every import that goes sideways or up: "kinds → audit (kinds/x.ts imports audit/y.ts)". */
function upwardImports(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const from = roomOf(file);
    for (const target of targets) {
      const to = roomOf(target);
      if (to !== from && !(RANK[to] < RANK[from])) found.push(`${from} → ${to} (${path.relative(lib, file)} imports ${path.relative(lib, target)})`);
    }
  }
  return found;
}

test("every room of lib/ has a rank", () => {
  const rooms = new Set([...importGraph(lib).keys()].map(roomOf));
  expect([...rooms].filter((room) => RANK[room] === undefined)).toEqual([]);
});

test("imports only go down the layers", () => {
  expect(upwardImports(importGraph(lib))).toEqual([]);
});

test("an import up a layer, or sideways between rooms of one rank, is caught", () => {
  const graph = new Map([
    [path.join(lib, "kinds/a.ts"), [path.join(lib, "audit/b.ts")]],
    [path.join(lib, "stack/c.ts"), [path.join(lib, "policy/d.ts")]],
    [path.join(lib, "review/e.ts"), [path.join(lib, "stack/f.ts"), path.join(lib, "review/g.ts"), path.join(lib, "core.ts")]],
  ]);
  expect(upwardImports(graph)).toEqual(["kinds → audit (kinds/a.ts imports audit/b.ts)", "stack → policy (stack/c.ts imports policy/d.ts)"]);
});

import path from "node:path";
import { importCircles, importGraph } from "../../support/import-graph";

const lib = path.resolve(__dirname, "../../../lib");

test("lib has no import circles", () => {
  const circles = importCircles(importGraph(lib)).map((circle) => circle.map((m) => path.relative(lib, m)).join(" → "));
  expect(circles).toEqual([]);
});

test("the circle finder finds a circle, and leaves a chain alone", () => {
  const graph = new Map([
    ["/x/a.ts", ["/x/b.ts"]],
    ["/x/b.ts", ["/x/kinds/index.ts"]],
    ["/x/kinds/index.ts", ["/x/a.ts"]],
    ["/x/c.ts", ["/x/a.ts"]],
  ]);
  expect(importCircles(graph)).toEqual([["/x/a.ts", "/x/b.ts", "/x/kinds/index.ts"]]);
  expect(importCircles(new Map([["/x/a", ["/x/b"]], ["/x/b", []]]))).toEqual([]);
});

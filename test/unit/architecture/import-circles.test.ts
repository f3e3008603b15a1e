import path from "node:path";
import { importCircles, importGraph } from "../../support/import-graph";

const lib = path.resolve(__dirname, "../../../lib");

test("lib has no import circles", () => {
  const circles = importCircles(importGraph(lib)).map((circle) => circle.map((m) => path.relative(lib, m)).join(" → "));
  expect(circles).toEqual([]);
});

test("the circle finder finds a circle, and the one through an index module", () => {
  const graph = new Map([
    ["/x/a", ["/x/b"]],
    ["/x/b", ["/x/kinds"]],
    ["/x/kinds/index", ["/x/a"]],
    ["/x/c", ["/x/a"]],
  ]);
  expect(importCircles(graph)).toEqual([["/x/a", "/x/b", "/x/kinds/index"]]);
  expect(importCircles(new Map([["/x/a", ["/x/b"]], ["/x/b", []]]))).toEqual([]);
});

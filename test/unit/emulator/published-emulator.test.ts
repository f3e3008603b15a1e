import * as path from "node:path";
import { importsOf, tsFiles } from "../../support/import-graph";

const LIB = path.resolve(__dirname, "../../../lib");
const EMULATOR = path.join(LIB, "emulator");

test("every file of lib/emulator is used by the published library (test-only helpers belong in test/support)", () => {
  const reached = new Set<string>();
  const queue = tsFiles(LIB).filter((f) => !f.startsWith(EMULATOR + path.sep));
  while (queue.length) {
    const file = queue.pop()!;
    for (const imported of importsOf(file)) {
      if (!reached.has(imported)) {
        reached.add(imported);
        queue.push(imported);
      }
    }
  }
  const unused = tsFiles(EMULATOR)
    .filter((f) => !reached.has(f))
    .map((f) => path.relative(LIB, f));
  expect(unused).toEqual([]);
  expect(reached.has(path.join(EMULATOR, "emulator-server.ts"))).toBe(true);
});

import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";

const LIB = path.resolve(__dirname, "../../../lib");
const EMULATOR = path.join(LIB, "emulator");

const tsFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith(".ts") && !p.endsWith(".d.ts") ? [p] : [];
  });

/** The library files a file imports (relative imports only, `import`/`export … from`/`require`). */
function importsOf(file: string): string[] {
  const code = readFileSync(file, "utf8");
  const specifiers = [...code.matchAll(/(?:from\s+|require\(\s*|import\(\s*)["'](\.[^"']+)["']/g)].map((m) => m[1]);
  return specifiers
    .map((s) => path.resolve(path.dirname(file), s))
    .map((p) => [`${p}.ts`, path.join(p, "index.ts")].find((c) => existsSync(c)))
    .filter((p): p is string => p !== undefined);
}

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

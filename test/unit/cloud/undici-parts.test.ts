// lib/cloud/undici-parts.ts requires undici's private files (lib/…) to skip loading the whole
// package. Those paths are not undici's public API and may move in any release: package.json
// pins undici exactly, and this test says which path is gone when the installed undici differs.
import { readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..", "..");
const SOURCE = path.join(ROOT, "lib", "cloud", "undici-parts.ts");

/** Every `require("undici/…")` in undici-parts.ts. */
function privatePaths(): string[] {
  return [...readFileSync(SOURCE, "utf8").matchAll(/require\("(undici\/[^"]+)"\)/g)].map((m) => m[1]);
}

function installedUndici(): string {
  return (JSON.parse(readFileSync(require.resolve("undici/package.json"), "utf8")) as { version: string }).version;
}

test("package.json pins undici exactly, and the installed undici is that version", () => {
  const pinned = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies.undici;
  expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  expect(installedUndici()).toBe(pinned);
});

test("every private undici path that undici-parts.ts requires exists in the installed undici and exports a function", () => {
  const paths = privatePaths();
  expect(paths.length).toBeGreaterThanOrEqual(5);
  const missing: string[] = [];
  for (const specifier of paths) {
    let loaded: unknown;
    try {
      loaded = require(specifier);
    } catch (e) {
      missing.push(`${specifier} (${(e as Error).message.split("\n")[0]})`);
      continue;
    }
    if (typeof loaded !== "function") missing.push(`${specifier} (exports ${typeof loaded}, not a function or class)`);
  }
  if (missing.length > 0) {
    throw new Error(
      `lib/cloud/undici-parts.ts requires private undici files that undici ${installedUndici()} does not have as expected:\n  ${missing.join("\n  ")}\n` +
        "Find where that release moved them and update undici-parts.ts, or pin undici back to the version in package.json.",
    );
  }
});

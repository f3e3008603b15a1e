import * as path from "node:path";
import { importsOf, tsFiles } from "../../support/import-graph";

const ROOT = path.resolve(__dirname, "../../..");
const LIB = path.join(ROOT, "lib");
const KINDS_DIR = path.join(LIB, "kinds");

/** The kind folder a path lies in (`lib/kinds/dws-key-rotation/…` → `dws-key-rotation`), or undefined. */
function kindFolderOf(target: string): string | undefined {
  const relative = path.relative(KINDS_DIR, target);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Kinds may build on one another (a key rotation on its cluster's encryption); constructs build Specs with a kind's toMap. */
function mayImportKindModules(file: string): boolean {
  const relative = path.relative(LIB, file).split(path.sep);
  return relative[0] === "constructs" || relative[0] === "kinds";
}

const files = tsFiles(LIB);
const kindImports = files.flatMap((file) =>
  importsOf(file)
    .filter((target) => kindFolderOf(target) !== undefined)
    .map((target) => ({ file: path.relative(ROOT, file).split(path.sep).join("/"), target: path.relative(ROOT, target).split(path.sep).join("/") })),
);

test("the import scan sees lib's imports of kind modules (constructs build Specs with a kind's toMap)", () => {
  expect(files.length).toBeGreaterThan(100);
  expect(kindImports).toContainEqual({ file: "lib/constructs/dws-cluster.ts", target: "lib/kinds/dws-cluster-encryption/spec.ts" });
  expect(kindImports).toContainEqual({ file: "lib/kinds/index.ts", target: "lib/kinds/dws-key-rotation/definition.ts" });
});

test("outside lib/kinds and lib/constructs, nothing imports a kind's module: only the registry (lib/kinds/index.ts, lib/kinds/kind-definition.ts)", () => {
  const offending = kindImports.filter(({ file }) => !mayImportKindModules(path.join(ROOT, file)));
  expect(offending).toEqual([]);
});

test("a file that imported a kind's module from review would be caught", () => {
  const fake = path.join(LIB, "review", "example.ts");
  const target = path.resolve(path.dirname(fake), "../kinds/dws-key-rotation/spec");
  expect(kindFolderOf(target)).toBe("dws-key-rotation");
  expect(mayImportKindModules(fake)).toBe(false);
  expect(kindFolderOf(path.join(KINDS_DIR, "index"))).toBeUndefined();
  expect(kindFolderOf(path.join(KINDS_DIR, "kind-definition"))).toBeUndefined();
});

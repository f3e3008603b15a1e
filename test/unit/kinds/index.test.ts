import { readdirSync } from "node:fs";
import * as path from "node:path";
import { KINDS, kindOf, servicesOf } from "../../../lib/kinds/index";
import { SpecError } from "../../../lib/contract/spec-error";

const KINDS_DIR = path.resolve(__dirname, "../../../lib/kinds");

test("every kind folder holds a definition, and the registry holds every kind folder's definition", () => {
  const folders = readdirSync(KINDS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  for (const folder of folders) {
    const files = readdirSync(path.join(KINDS_DIR, folder));
    // A kind is its Spec, its reconciler and its definition, and at most one file more (the
    // service it is the first to act on, or how it follows another kind in a deploy).
    expect(files).toEqual(expect.arrayContaining(["definition.ts", "reconciler.ts", "spec.ts"]));
    expect(files.length).toBeLessThanOrEqual(4);
  }
  // Each folder is named after its kind: `dws.key-rotation` lives in dws-key-rotation/.
  expect([...KINDS.keys()].map((kind) => kind.replace(".", "-")).sort()).toEqual(folders.sort());
});

test("the services the kinds act on, each once, by cloud", () => {
  expect(servicesOf().map((s) => s.id)).toEqual(["ack", "dws", "taurusdb"]);
  expect(servicesOf("huaweicloud").map((s) => s.id)).toEqual(["dws", "taurusdb"]);
  expect(servicesOf("alibabacloud").map((s) => s.id)).toEqual(["ack"]);
});

test("an unknown kind is refused naming the kinds there are", () => {
  expect(() => kindOf({ kind: "rds.tde" })).toThrow(SpecError);
  expect(() => kindOf({ kind: "rds.tde" })).toThrow(
    'Spec field kind "rds.tde" is unknown: expected one of taurusdb.backup-encryption, dws.cluster-encryption, dws.key-rotation, ack.secret-encryption',
  );
});

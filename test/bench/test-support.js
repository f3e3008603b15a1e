"use strict";
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const ts = require("typescript");
const { ROOT } = require("./paths");

/**
 * A module of test/support (TypeScript, not compiled into dist/ nor published), transpiled with
 * the installed typescript: the bench runs plain node, without jest or ts-node. Only for modules
 * that import nothing but Node built-ins.
 */
function requireTestSupport(name) {
  const source = readFileSync(path.join(ROOT, "test", "support", `${name}.ts`), "utf8");
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }, fileName: `${name}.ts` });
  const dir = mkdtempSync(path.join(os.tmpdir(), "cdktf-encryption-bench-"));
  try {
    writeFileSync(path.join(dir, `${name}.js`), outputText);
    return require(path.join(dir, `${name}.js`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { requireTestSupport };

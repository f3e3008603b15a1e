import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

/**
 * ts-jest compiles each test file on its own (isolatedModules) and so reports no type error:
 * a test importing a name the library no longer exports would run with `undefined`. This
 * checks the tests and everything they import as the compiler sees them together.
 */
test("the tests and the library type-check together (tsconfig.test.json)", () => {
  const configFile = path.join(ROOT, "tsconfig.test.json");
  const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  const program = ts.createProgram({ rootNames: config!.fileNames, options: { ...config!.options, noEmit: true } });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${path.relative(ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "(config)";
    return `${where} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
  expect(problems).toEqual([]);
});

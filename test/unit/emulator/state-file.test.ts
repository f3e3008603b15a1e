import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Emulator } from "../../../lib/emulator/emulator-server";
import { StateFileError } from "../../../lib/emulator/state-file";

describe("a damaged --state-file is named and left untouched", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-state-"));
  test.each([
    ["cut short", '{"taurusdb": {"instances": [', /is not valid JSON/],
    ["not an object", "null\n", /is not an emulator state/],
    ["someone else's JSON", '{"name": "my-app"}', /is not an emulator state \(expected a JSON object with one of kms, taurusdb, /],
    ["a service slice of the wrong shape", '{"taurusdb": {"instances": 7}}', /does not hold a state this emulator can load/],
  ])("%s", async (name, text, problem) => {
    const file = path.join(dir, `${name.replace(/\W+/g, "-")}.json`);
    writeFileSync(file, text);
    let error: unknown;
    try {
      new Emulator({ stateFile: file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toMatch(new RegExp(`^the emulator state file ${file.replace(/[.\\/]/g, "\\$&")} `));
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).toMatch(/it was left untouched/);
    expect(readFileSync(file, "utf8")).toBe(text);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main } from "../../../lib/cli/main";
import { ExitCode } from "../../../lib/cli/usage-error";

const VERSION = (JSON.parse(readFileSync(path.join(__dirname, "../../../package.json"), "utf8")) as { version: string }).version;

/** Runs the command in-process, capturing what it prints. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

test("--version prints the package's version", async () => {
  expect(await run("--version")).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
});

test.each(["hook", "emulator", "review", "drift", "doctor", "audit"])("%s --help prints its usage and exits 0", async (command) => {
  const result = await run(command, "--help");
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(new RegExp(`^usage: cdktf-encryption ${command} `));
  expect(result.stderr).toBe("");
});

test("the general help lists every command and the exit codes", async () => {
  const { code, stdout } = await run("--help");
  expect(code).toBe(0);
  for (const command of ["hook apply|destroy", "emulator", "review", "drift", "--version"]) expect(stdout).toContain(command);
  expect(stdout).toContain("64 usage error");
});

test.each([
  [["hook", "apply", "--fial-on"], "unknown option --fial-on"],
  [["hook", "apply", "now"], 'unexpected argument "now"'],
  [["hook", "--force"], "unknown option --force"],
  [["hook", "upgrade"], 'unknown hook action "upgrade": expected apply or destroy'],
  [["emulator", "--prot", "1"], "unknown option --prot"],
  [["emulator", "--port", "99999"], '--port "99999" is invalid: expected a port number 0-65535'],
  [["emulator", "--port"], "option --port needs a value"],
  [["review", "--plan", "p.json", "--fial-on", "destroy"], "unknown option --fial-on"],
  [["review", "--plan", "p.json", "--fail-on", "everything"], '--fail-on "everything" is unknown'],
  [["review", "--format", "html", "--plan", "p.json"], '--format "html" is invalid: expected markdown or json'],
  [["review"], "--plan is required"],
  [["review", "--plan", "p.json", "--live", "--concurrency", "0"], '--concurrency "0" is invalid'],
  [["drift", "--stak", "x"], "unknown option --stak"],
  [["drift", "extra"], 'unexpected argument "extra"'],
  [["deploy"], 'unknown command "deploy": expected one of hook, emulator, review, drift'],
  [["--verbose"], "unknown option --verbose"],
  [[], "no command given"],
])("%j is a usage error: exit 64, one line naming what is wrong and where help is", async (argv, message) => {
  const { code, stderr, stdout } = await run(...argv);
  expect(code).toBe(ExitCode.USAGE);
  const [first] = stderr.split("\n");
  expect(first.startsWith("error: ")).toBe(true);
  expect(first).toContain(message);
  expect(first).toMatch(/\(see `cdktf-encryption( \w+)? --help`\)$/);
  expect(stdout).toBe("");
});

test("a missing --fixture file is said in words, with its name", async () => {
  const file = path.join(__dirname, "no-such-world.json");
  const { code, stderr } = await run("emulator", "--port", "0", "--fixture", file);
  expect(code).toBe(ExitCode.FAILURE);
  expect(stderr).toBe(`error: the --fixture file ${file} does not exist: give the path of a JSON world such as the one GET /_emulator/state returns\n`);
});

test("a damaged --state-file stops the emulator with one line naming the file, which is left as it was", async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cdktf-encryption-cli-")), "state.json");
  writeFileSync(file, "{\"taurusdb\": ");
  const { code, stderr } = await run("emulator", "--port", "0", "--state-file", file);
  expect(code).toBe(ExitCode.FAILURE);
  expect(stderr).toMatch(new RegExp(`^error: the emulator state file ${file.replace(/[.\\/]/g, "\\$&")} is not valid JSON .*it was left untouched`));
  expect(stderr.split("\n")).toHaveLength(2);
  expect(readFileSync(file, "utf8")).toBe("{\"taurusdb\": ");
});

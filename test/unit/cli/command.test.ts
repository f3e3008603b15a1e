import * as transport from "../../../lib/cloud/http-transport";
import { AnyCommand, CommandIO, commandHelp, commandList, defineCommand, runCommand } from "../../../lib/cli/command";
import { ExitCode, UsageError } from "../../../lib/cli/usage-error";
import { ConfigError } from "../../../lib/runtime/config-error";

const SECRET = "runner-test-secret-0000000000000001";

/** What `run` last saw, to tell parsed values from defaults. */
let seen: { values: Record<string, unknown>; positionals: readonly string[] } | undefined;
let outcome: () => Promise<number> = async () => 0;

const SAMPLE = defineCommand({
  name: "sample",
  summary: "a command made for these tests",
  details: "it records what it was given",
  options: [
    { name: "plan", value: "FILE", required: true, help: "the plan to read" },
    { name: "format", value: "text|json", default: "text", help: "the output's format" },
    { name: "stack", value: "DIR", repeatable: true, help: "a stack to read" },
    { name: "live", help: "also read the cloud" },
  ],
  exits: "exit 0 done, 1 failed, 64 usage error",
  async run({ values, positionals, out, err }) {
    seen = { values, positionals };
    out(`plan ${values.plan}\n`);
    err(`format ${values.format}\n`);
    return outcome();
  },
});

async function run(args: readonly string[], env: NodeJS.ProcessEnv = {}, definition: AnyCommand = SAMPLE): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CommandIO = { env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await runCommand(definition, args, io);
  return { code, stdout, stderr };
}

beforeEach(() => {
  seen = undefined;
  outcome = async () => 0;
});

describe("parsing against the declared options", () => {
  test("values are typed by their definitions: defaults, repeated values in order, flags", async () => {
    expect((await run(["--plan", "p.json", "--stack", "a", "--stack", "b"])).code).toBe(0);
    expect(seen).toEqual({ values: { plan: "p.json", format: "text", stack: ["a", "b"], live: false }, positionals: [] });
    await run(["--plan=q.json", "--live", "--format", "json"]);
    expect(seen?.values).toEqual({ plan: "q.json", format: "json", stack: [], live: true });
  });

  test.each([
    [["--plan", "p.json", "--fial-on", "x"], "error: unknown option --fial-on (see `cdktf-encryption sample --help`)"],
    [["--plan"], "error: option --plan needs a value (see `cdktf-encryption sample --help`)"],
    [["--plan", "p.json", "--live=yes"], "error: option --live takes no value (see `cdktf-encryption sample --help`)"],
    [["--plan", "p.json", "extra"], 'error: unexpected argument "extra" (see `cdktf-encryption sample --help`)'],
    [[], "error: --plan is required: the plan to read (see `cdktf-encryption sample --help`)"],
  ])("%j is refused with one line and exit 64, before the command runs", async (args, line) => {
    const result = await run(args);
    expect(result).toEqual({ code: ExitCode.USAGE, stdout: "", stderr: `${line}\n` });
    expect(seen).toBeUndefined();
  });

  test("positional arguments reach the command only when it declares them", async () => {
    const withArguments = defineCommand({ name: "act", arguments: "apply|destroy", summary: "acts", options: [], exits: "exit 0", run: async ({ positionals }) => positionals.length });
    expect((await run(["apply", "now"], {}, withArguments)).code).toBe(2);
  });
});

describe("help generated from the definitions", () => {
  test("--help prints the command's usage, summary, each option with its help and default, and its exit codes", async () => {
    const result = await run(["--help"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(seen).toBeUndefined();
    expect(result.stdout).toBe(
      [
        "usage: cdktf-encryption sample --plan FILE [--format text|json] [--stack DIR ...] [--live]",
        "",
        "a command made for these tests; it records what it was given",
        "",
        "options:",
        "  --plan FILE              the plan to read",
        "  --format text|json       the output's format (default: text)",
        "  --stack DIR              a stack to read",
        "  --live                   also read the cloud",
        "  --help                   print this help",
        "",
        "exit 0 done, 1 failed, 64 usage error",
        "",
      ].join("\n"),
    );
  });

  test("-h anywhere before -- asks for help, even beside a wrong option; after -- it does not", async () => {
    expect((await run(["--bogus", "-h"])).stdout).toMatch(/^usage: cdktf-encryption sample /);
    expect((await run(["--plan", "p", "--", "--help"])).stderr).toBe('error: unexpected argument "--help" (see `cdktf-encryption sample --help`)\n');
  });

  test("long usage and help wrap at 100 columns, continuation lines aligned", () => {
    const wide = defineCommand({
      name: "wide",
      summary: "a summary long enough to wrap: ".repeat(5),
      options: Array.from({ length: 8 }, (_, i) => ({ name: `option-${i}`, value: "SOMETHING", help: "a help text that goes on and on ".repeat(4) })),
      exits: "exit 0",
      run: async () => 0,
    });
    const lines = commandHelp(wide).split("\n");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(lines[1]).toMatch(/^ {29}\[--option-/);
    expect(lines.filter((l) => l.startsWith(`${"  --option-0 SOMETHING".padEnd(27)}a help text`))).toHaveLength(1);
    expect(lines[lines.indexOf(lines.find((l) => l.startsWith("  --option-0"))!) + 1]).toMatch(/^ {27}\S/);
  });

  test("the list of commands shows each name with its arguments and summary", () => {
    const act = defineCommand({ name: "act", arguments: "apply|destroy", summary: "acts on the Spec", options: [], exits: "exit 0", run: async () => 0 });
    expect(commandList([act, SAMPLE])).toBe("  act apply|destroy        acts on the Spec\n  sample                   a command made for these tests\n");
  });
});

describe("exit codes and failure lines, in one place", () => {
  test("the command's own exit code is returned as it is", async () => {
    outcome = async () => 2;
    expect((await run(["--plan", "p"])).code).toBe(2);
  });

  test.each([
    ["a usage error found by the command", ExitCode.USAGE, new UsageError("--format \"xml\" is invalid", "sample"), 'error: --format "xml" is invalid (see `cdktf-encryption sample --help`)'],
    ["a user's mistake", ExitCode.FAILURE, new ConfigError("the file x does not exist"), "error: the file x does not exist"],
    ["a bug", ExitCode.FAILURE, new TypeError("cannot read properties of undefined"), "internal error (a bug in cdktf-encryption, please report it): cannot read properties of undefined"],
  ])("%s: one line, exit %i, no stack", async (_name, code, error, line) => {
    outcome = async () => {
      throw error;
    };
    const result = await run(["--plan", "p"]);
    expect(result.code).toBe(code);
    expect(result.stderr).toBe(`format text\n${line}\n`);
  });

  test("a bug shows its stack only in debug mode", async () => {
    outcome = async () => {
      throw new TypeError("boom");
    };
    const result = await run(["--plan", "p"], { CDKTF_ENCRYPTION_DEBUG: "1" });
    expect(result.stderr).toMatch(/^internal error \(a bug in cdktf-encryption, please report it\): TypeError: boom\n\s+at /m);
  });
});

describe("redaction", () => {
  test("a credential of the environment in an error message is never printed", async () => {
    outcome = async () => {
      throw new ConfigError(`the service refused key ${SECRET} for this project`);
    };
    const result = await run(["--plan", "p"], { HW_SECRET_KEY: SECRET });
    expect(result.code).toBe(ExitCode.FAILURE);
    expect(result.stderr).toContain("error: the service refused key *** for this project");
    expect(result.stderr).not.toContain(SECRET);
  });

  test("a bug's message and the command's output are redacted too", async () => {
    outcome = async () => {
      throw new Error(`unexpected ${SECRET}`);
    };
    const result = await run(["--plan", SECRET, "--format", SECRET], { HW_SECRET_KEY: SECRET });
    expect(result.stdout).toBe("plan ***\n");
    expect(result.stderr).toBe("format ***\ninternal error (a bug in cdktf-encryption, please report it): unexpected ***\n");
  });

  test("a command whose output is credentials to export prints it as written; its errors are still redacted", async () => {
    const exporter = defineCommand({
      name: "exporter",
      summary: "prints credentials to export",
      options: [],
      exits: "exit 0",
      rawOutput: true,
      async run({ out }) {
        out(`export HW_SECRET_KEY=${SECRET}\n`);
        throw new ConfigError(`cannot listen: ${SECRET}`);
      },
    });
    const result = await run([], { HW_SECRET_KEY: SECRET }, exporter);
    expect(result.stdout).toBe(`export HW_SECRET_KEY=${SECRET}\n`);
    expect(result.stderr).toBe("error: cannot listen: ***\n");
  });
});

describe("network connections", () => {
  test("are closed when the command ends, whether it succeeds, fails or is refused", async () => {
    const close = jest.spyOn(transport, "closeConnections");
    try {
      await run(["--plan", "p"]);
      expect(close).toHaveBeenCalledTimes(1);
      outcome = async () => {
        throw new ConfigError("no");
      };
      await run(["--plan", "p"]);
      expect(close).toHaveBeenCalledTimes(2);
      await run(["--bogus"]);
      expect(close).toHaveBeenCalledTimes(3);
    } finally {
      close.mockRestore();
    }
  });
});

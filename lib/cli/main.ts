import { AUDIT_USAGE, runAuditCommand } from "./audit-command";
import { DOCTOR_USAGE, runDoctorCommand } from "./doctor-command";
import { DRIFT_USAGE, runDriftCommand } from "./drift-command";
import { EMULATOR_USAGE, runEmulatorCommand } from "./emulator-command";
import { HOOK_USAGE, runHook } from "./hook";
import { REVIEW_USAGE, runReviewCommand } from "./review-command";
import { ExitCode, UsageError } from "./usage-error";
import { packageVersion } from "./version";

/** Every command: its runner and its usage (the first word of the usage is its name). */
const COMMANDS: readonly { run: (args: readonly string[]) => Promise<number>; usage: string }[] = [
  { run: runHook, usage: HOOK_USAGE },
  { run: runEmulatorCommand, usage: EMULATOR_USAGE },
  { run: runReviewCommand, usage: REVIEW_USAGE },
  { run: runDriftCommand, usage: DRIFT_USAGE },
  { run: runAuditCommand, usage: AUDIT_USAGE },
  { run: runDoctorCommand, usage: DOCTOR_USAGE },
];

const commandName = (usage: string): string => usage.split(" ")[0];

const USAGE = `usage: cdktf-encryption <command> [options]     (cdktf-encryption <command> --help for one command)

commands:
${COMMANDS.map((c) => `  ${c.usage}\n`).join("")}
options:
  --version                print the version of cdktf-encryption
  --help                   print this help

exit codes: 0 success, 1 failure, 2 drift, findings or a --fail-on gate matched, 64 usage error
`;

/** The `cdktf-encryption` command; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const known = COMMANDS.find((c) => commandName(c.usage) === command);
  if (known) return known.run(rest);
  switch (command) {
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return ExitCode.OK;
    case "--version":
    case "-v":
      process.stdout.write(`${packageVersion()}\n`);
      return ExitCode.OK;
    case undefined:
      process.stderr.write(`${new UsageError("no command given").line()}\n${USAGE}`);
      return ExitCode.USAGE;
    default: {
      const what = command.startsWith("-") ? `unknown option ${command}` : `unknown command ${JSON.stringify(command)}`;
      process.stderr.write(`${new UsageError(`${what}: expected one of ${COMMANDS.map((c) => commandName(c.usage)).join(", ")}`).line()}\n`);
      return ExitCode.USAGE;
    }
  }
}

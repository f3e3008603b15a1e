import { AUDIT_COMMAND } from "./audit-command";
import { AnyCommand, CommandIO, commandList, runCommand } from "./command";
import { DOCTOR_COMMAND } from "./doctor-command";
import { DRIFT_COMMAND } from "./drift-command";
import { EMULATOR_COMMAND } from "./emulator-command";
import { HOOK_COMMAND, runHook } from "./hook";
import { REVIEW_COMMAND } from "./review-command";
import { ExitCode, UsageError } from "./usage-error";
import { packageVersion } from "./version";

/** Every command, in the order `cdktf-encryption --help` lists them. */
export const COMMANDS: readonly AnyCommand[] = [HOOK_COMMAND, EMULATOR_COMMAND, REVIEW_COMMAND, DRIFT_COMMAND, AUDIT_COMMAND, DOCTOR_COMMAND];

/** `cdktf-encryption --help`: the commands with their summaries, the global options and the exit codes. */
export function mainHelp(commands: readonly AnyCommand[] = COMMANDS): string {
  return `usage: cdktf-encryption <command> [options]     (cdktf-encryption <command> --help for one command)

commands:
${commandList(commands)}
options:
  --version                print the version of cdktf-encryption
  --help                   print this help

exit codes: 0 success, 1 failure, 2 drift, findings or a --fail-on gate matched, 64 usage error
`;
}

/** The `cdktf-encryption` command; returns the exit code. */
export async function main(argv: readonly string[], io: CommandIO = {}): Promise<number> {
  const [command, ...rest] = argv;
  const stdout = io.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => void process.stderr.write(text));
  // The hook logs its failures, as the provisioners read them.
  if (command === HOOK_COMMAND.name) return runHook(rest, io);
  const known = COMMANDS.find((c) => c.name === command);
  if (known) return runCommand(known, rest, io);
  switch (command) {
    case "help":
    case "--help":
    case "-h":
      stdout(mainHelp());
      return ExitCode.OK;
    case "--version":
    case "-v":
      stdout(`${packageVersion()}\n`);
      return ExitCode.OK;
    case undefined:
      stderr(`${new UsageError("no command given").line()}\n${mainHelp()}`);
      return ExitCode.USAGE;
    default: {
      const what = command.startsWith("-") ? `unknown option ${command}` : `unknown command ${JSON.stringify(command)}`;
      stderr(`${new UsageError(`${what}: expected one of ${COMMANDS.map((c) => c.name).join(", ")}`).line()}\n`);
      return ExitCode.USAGE;
    }
  }
}

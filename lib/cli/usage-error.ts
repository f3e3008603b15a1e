/**
 * The exit codes of every `cdktf-encryption` command (README, "Exit codes"). 2 is reserved for
 * a finding the user asked to be told about (drift found, a `--fail-on` gate matched), so CI can
 * tell it from a mistake in the command line (64, `EX_USAGE` of sysexits.h).
 */
export const ExitCode = {
  /** The command did what was asked and found nothing to report. */
  OK: 0,
  /** The command failed: a cloud error, an unreadable input, an unreachable endpoint. */
  FAILURE: 1,
  /** Drift found / a `--fail-on` gate matched. */
  FOUND: 2,
  /** The command line is wrong: unknown command or option, missing or invalid value. */
  USAGE: 64,
} as const;

/** A mistake in the command line; printed as one line with a pointer to `--help`, exit 64. */
export class UsageError extends Error {
  /**
   * @param message what is wrong, naming the option and the bad value
   * @param command the command whose `--help` explains it, e.g. `review`
   */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }

  /** The line printed for it: the message and where to read the usage. */
  line(): string {
    const help = this.command ? `cdktf-encryption ${this.command} --help` : "cdktf-encryption --help";
    return `error: ${this.message} (see \`${help}\`)`;
  }
}

/** True when the arguments ask for the command's usage (`--help` or `-h` before any `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  const options = end === -1 ? args : args.slice(0, end);
  return options.includes("--help") || options.includes("-h");
}

/** Turns a `parseArgs` error into a `UsageError`; anything else is returned unchanged. */
export function usageErrorFromParseArgs(error: unknown, command: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS")) return error;
  const message = (error as Error).message;
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(`unknown option ${option ?? message}`, command);
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL": {
      const value = /'([^']*)'/.exec(message)?.[1];
      return new UsageError(`unexpected argument ${JSON.stringify(value ?? message)}`, command);
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return new UsageError(
        /argument missing/.test(message) ? `option ${option} needs a value` : `option ${option} takes no value`,
        command,
      );
    default:
      return new UsageError(message.split("\n")[0], command);
  }
}

/** Runs a parser of a command-line value; its error (the value named, what is allowed) becomes a `UsageError`. */
export function orUsageError<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw error instanceof Error ? new UsageError(error.message, command) : error;
  }
}

import { parseArgs } from "node:util";
import { closeConnections } from "../cloud/http-transport";
import { Clock } from "../runtime/clock";
import { Log } from "../runtime/log";
import { Redactor } from "../runtime/redact";
import { ExitCode, UsageError, usageErrorFromParseArgs, wantsHelp } from "./usage-error";
import { describeFailure } from "./user-error";

/** Where a command prints and what it reads; injectable so tests run commands in-process. */
export interface CommandIO {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  /** For commands that wait or date what they find. @default the system clock */
  readonly clock?: Clock;
  /** Where a command that logs its progress logs it. @default lines on stderr */
  readonly log?: Log;
}

/** One `--option` of a command: what it parses and what its help says. */
export interface CommandOption {
  /** The long name without dashes: `plan` for `--plan`. */
  readonly name: string;
  /**
   * The value as the usage shows it: `FILE`, `text|json`.
   * @default none: a flag that takes no value
   */
  readonly value?: string;
  /** One sentence for the option's line in `--help`. */
  readonly help: string;
  /** @default none: the option is absent unless given */
  readonly default?: string;
  /**
   * May be given more than once; the command receives every value in order.
   * @default false
   */
  readonly repeatable?: boolean;
  /**
   * The command cannot run without it: its absence is a usage error quoting the help.
   * @default false
   */
  readonly required?: boolean;
}

type OptionValue<O extends CommandOption> = O extends { readonly value: string }
  ? O extends { readonly repeatable: true }
    ? string[]
    : O extends { readonly default: string } | { readonly required: true }
      ? string
      : string | undefined
  : boolean;

/** The parsed values of a command's options, typed from their definitions. */
export type OptionValues<Os extends readonly CommandOption[]> = { readonly [O in Os[number] as O["name"]]: OptionValue<O> };

/** What a command's `run` receives: its parsed command line and printers that redact credentials. */
export interface CommandContext<Os extends readonly CommandOption[]> {
  readonly values: OptionValues<Os>;
  readonly positionals: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Everything the caller passed, for what only some commands read (stdin, a clock, a log). */
  readonly io: CommandIO;
}

/** A `cdktf-encryption` command: everything its usage, parsing and error handling are made from. */
export interface CommandDefinition<Os extends readonly CommandOption[] = readonly CommandOption[]> {
  /** The word after `cdktf-encryption`. */
  readonly name: string;
  /**
   * The positional arguments as the usage shows them, e.g. `apply|destroy`.
   * @default none: a positional argument is a usage error
   */
  readonly arguments?: string;
  /** One line for the list of commands in `cdktf-encryption --help`. */
  readonly summary: string;
  /**
   * What the command's own `--help` adds under the summary.
   * @default none
   */
  readonly details?: string;
  readonly options: Os;
  /** The command's exit codes in words, the last line of its `--help`. */
  readonly exits: string;
  /**
   * Standard output is printed as written, not redacted: for a command whose output is itself
   * credentials meant to be exported (the emulator's made-up keys).
   * @default false
   */
  readonly rawOutput?: boolean;
  /** Does the work; returns the exit code. A thrown error becomes one line and an exit code. */
  run(context: CommandContext<Os>): Promise<number>;
}

/** Declares a command; `const` keeps the option names literal so `run` sees typed values. */
export function defineCommand<const Os extends readonly CommandOption[]>(definition: CommandDefinition<Os>): CommandDefinition<Os> {
  return definition;
}

/** Any command, whatever its options: what the usage and the command list read. */
export type AnyCommand = CommandDefinition<readonly CommandOption[]>;

const WIDTH = 100;
/** Where the help of an option or a command starts, as in the usage of every command so far. */
const HELP_COLUMN = 27;

/** `cdktf-encryption <name> --help`: usage line, summary, options and exit codes. */
export function commandHelp(definition: AnyCommand): string {
  const head = `usage: cdktf-encryption ${definition.name}`;
  const words: string[] = [...(definition.arguments ? [definition.arguments] : []), ...definition.options.map(optionSynopsis)];
  const options = [...definition.options, { name: "help", help: "print this help" }].map((o) => column(`  ${optionLabel(o)}`, o.help + (o.default === undefined ? "" : ` (default: ${o.default})`)));
  return [
    wrapWords(words, head, " ".repeat(head.length + 1)),
    "",
    wrap(definition.details ? `${definition.summary}; ${definition.details}` : definition.summary, "", ""),
    "",
    "options:",
    ...options,
    "",
    wrap(definition.exits, "", ""),
    "",
  ].join("\n");
}

/** The `commands:` block of `cdktf-encryption --help`: each command with its arguments and summary. */
export function commandList(definitions: readonly AnyCommand[]): string {
  return definitions.map((d) => `${column(`  ${d.name}${d.arguments ? ` ${d.arguments}` : ""}`, d.summary)}\n`).join("");
}

/**
 * Runs a command: `--help` from its definition, its options parsed strictly, and every failure
 * printed as one redacted line with its exit code: a wrong command line 64, anything else 1.
 * Network connections are closed whatever happens, so the process can exit at once.
 */
export async function runCommand<Os extends readonly CommandOption[]>(
  definition: CommandDefinition<Os>,
  args: readonly string[],
  io: CommandIO = {},
): Promise<number> {
  const env = io.env ?? process.env;
  const redactor = new Redactor(env);
  const stdout = io.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => void process.stderr.write(text));
  const out = definition.rawOutput ? stdout : (text: string) => stdout(redactor.redact(text));
  const err = (text: string) => stderr(redactor.redact(text));
  try {
    if (wantsHelp(args)) {
      out(commandHelp(definition));
      return ExitCode.OK;
    }
    const { values, positionals } = parseCommandLine(definition, args);
    return await definition.run({ values, positionals, env, cwd: io.cwd ?? process.cwd(), out, err, io });
  } catch (error) {
    const usage = usageErrorFromParseArgs(error, definition.name);
    err(`${usage instanceof UsageError ? usage.line() : describeFailure(error, env)}\n`);
    return usage instanceof UsageError ? ExitCode.USAGE : ExitCode.FAILURE;
  } finally {
    await closeConnections();
  }
}

function parseCommandLine<Os extends readonly CommandOption[]>(
  definition: CommandDefinition<Os>,
  args: readonly string[],
): { values: OptionValues<Os>; positionals: string[] } {
  const options = Object.fromEntries(
    definition.options.map((o) => [
      o.name,
      o.value === undefined
        ? { type: "boolean" as const, default: false }
        : { type: "string" as const, multiple: o.repeatable ?? false, ...(o.repeatable ? { default: [] } : o.default === undefined ? {} : { default: o.default }) },
    ]),
  );
  const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: definition.arguments !== undefined });
  const missing = definition.options.find((o) => o.required && !values[o.name]);
  if (missing) throw new UsageError(`--${missing.name} is required: ${missing.help}`, definition.name);
  return { values: values as unknown as OptionValues<Os>, positionals };
}

function optionLabel(option: Pick<CommandOption, "name" | "value">): string {
  return option.value === undefined ? `--${option.name}` : `--${option.name} ${option.value}`;
}

function optionSynopsis(option: CommandOption): string {
  const label = `${optionLabel(option)}${option.repeatable ? " ..." : ""}`;
  return option.required ? label : `[${label}]`;
}

/** `  --plan FILE              help…`, the help wrapped under its own column. */
function column(label: string, help: string): string {
  const indent = " ".repeat(HELP_COLUMN);
  return label.length < HELP_COLUMN - 1 ? wrap(help, label.padEnd(HELP_COLUMN), indent) : `${label}\n${wrap(help, indent, indent)}`;
}

function wrap(text: string, first: string, rest: string): string {
  return wrapWords(text.split(/\s+/).filter(Boolean), first, rest);
}

/** Fills lines up to WIDTH with the words (a word is never split), the first after `first`, the others after `rest`. */
function wrapWords(words: readonly string[], first: string, rest: string): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest;
    }
    line += `${line === "" || line.endsWith(" ") ? "" : " "}${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.join("\n");
}

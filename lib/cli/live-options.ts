import { Redactor } from "../runtime/redact";
import { LiveOptions } from "../review/live";
import { Duration } from "../contract/duration";
import { UsageError, usageErrorFromParseArgs } from "./usage-error";
import { describeFailure } from "./user-error";

/** Where a command prints and what it reads; injectable so tests run commands in-process. */
export interface CommandIO {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
}

/** `--concurrency` and `--timeout` of the commands that read the live cloud. */
export const LIVE_OPTION_SPECS = {
  concurrency: { type: "string", default: "8" },
  timeout: { type: "string", default: "30s" },
} as const;

export function liveOptions(values: { concurrency?: string; timeout?: string }, env: NodeJS.ProcessEnv): LiveOptions {
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency ${JSON.stringify(values.concurrency)} is invalid: expected a whole number 1-64`);
  }
  let timeoutMs: number;
  try {
    timeoutMs = Duration.parse(values.timeout ?? "").toMilliseconds();
  } catch {
    throw new UsageError(`--timeout ${JSON.stringify(values.timeout)} is invalid: expected a duration such as 10s or 2m`);
  }
  if (timeoutMs <= 0) throw new UsageError(`--timeout ${JSON.stringify(values.timeout)} is invalid: expected more than 0s`);
  return { env, concurrency, timeoutMs };
}

/** Printers that never let a credential from the environment through. */
export function redactedPrinters(io: CommandIO): { out: (text: string) => void; err: (text: string) => void; env: NodeJS.ProcessEnv } {
  const env = io.env ?? process.env;
  const redactor = new Redactor(env);
  const out = io.stdout ?? ((t: string) => process.stdout.write(t));
  const err = io.stderr ?? ((t: string) => process.stderr.write(t));
  return { out: (t) => out(redactor.redact(t)), err: (t) => err(redactor.redact(t)), env };
}

/** The one line printed for a failed command; a bad command line reads as the user's mistake. */
export function commandFailure(error: unknown, command: string, env: NodeJS.ProcessEnv): string {
  const usage = usageErrorFromParseArgs(error, command);
  if (usage instanceof UsageError) return usage.line();
  return describeFailure(error, env);
}

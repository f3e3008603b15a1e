import { LiveOptions } from "../review/live";
import { Duration } from "../contract/duration";
import { UsageError } from "./usage-error";

export type { CommandIO } from "./command";

/** `--concurrency` and `--timeout` of the commands that read the live cloud. */
export const LIVE_OPTIONS = [
  { name: "concurrency", value: "N", default: "8", help: "how many resources are read from the cloud at once, 1-64" },
  { name: "timeout", value: "DURATION", default: "30s", help: "longest time to read one resource, retries included, such as 10s or 2m" },
] as const;

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

import { Clock } from "./clock";
import { TransportOptions } from "./http-transport";
import { Log } from "./log";
import { requestTimeoutFromEnv } from "./request-timeout";

/** What every service client accepts besides its service's own identity (region, project). */
export interface ClientOptions {
  /** Where credentials, endpoint overrides and the request timeout are read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  readonly log?: Log;
  /** Per-attempt request timeout. @default CDKTF_ENCRYPTION_REQUEST_TIMEOUT, else 30 s */
  readonly timeoutMs?: number;
  /** Attempts per call. @default 6 */
  readonly maxAttempts?: number;
  /** First backoff ceiling. @default 500 ms */
  readonly backoffBaseMs?: number;
  /** Keep retrying busy refusals at least this long. @default 0 */
  readonly busyRetryMs?: number;
}

/** The transport settings a client's options stand for. */
export function transportTuning(options: ClientOptions): Pick<TransportOptions, "clock" | "log" | "timeoutMs" | "maxAttempts" | "backoffBaseMs" | "busyRetryMs" | "env"> {
  return {
    clock: options.clock,
    log: options.log,
    timeoutMs: options.timeoutMs ?? requestTimeoutFromEnv(options.env ?? process.env),
    maxAttempts: options.maxAttempts,
    backoffBaseMs: options.backoffBaseMs,
    busyRetryMs: options.busyRetryMs,
    env: options.env,
  };
}

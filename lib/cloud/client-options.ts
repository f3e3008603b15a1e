import { Clock } from "../runtime/clock";
import { CONNECT_TO_ENV, ENDPOINT_ENV } from "./endpoint";
import { TransportOptions } from "./http-transport";
import { Log } from "../runtime/log";
import { Redactor } from "../runtime/redact";
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
  /**
   * When the run must end (epoch ms of `clock`): waits between attempts stop there and
   * throttling or busy refusals are retried until then. @default none
   */
  readonly deadline?: number;
}

/** The transport settings a client's options stand for. */
export function transportTuning(options: ClientOptions): Pick<
  TransportOptions,
  "clock" | "log" | "timeoutMs" | "maxAttempts" | "backoffBaseMs" | "busyRetryMs" | "deadline" | "endpointFromEnv" | "redactor" | "env"
> {
  const env = options.env ?? process.env;
  return {
    clock: options.clock,
    log: options.log,
    timeoutMs: options.timeoutMs ?? requestTimeoutFromEnv(env),
    maxAttempts: options.maxAttempts,
    backoffBaseMs: options.backoffBaseMs,
    busyRetryMs: options.busyRetryMs,
    deadline: options.deadline,
    endpointFromEnv: Boolean(env[ENDPOINT_ENV]?.trim() || env[CONNECT_TO_ENV]?.trim()),
    redactor: new Redactor(env),
    env: options.env,
  };
}

import { backoffDelay } from "./backoff";
import { CloudError } from "./cloud-error";
import { CloudDialect, isThrottling } from "./cloud-dialect";
import { PROXY_NEVER_SENT_CODES } from "./proxy-error";
import { MAX_TIMER_MS } from "../runtime/clock";
import { formatDuration } from "../runtime/duration-text";

/** Network failures before the request left this machine: nothing was sent. */
export const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  ...PROXY_NEVER_SENT_CODES,
]);

/** How long an endpoint that cannot be reached at all is tried before the call gives up. */
export const UNREACHABLE_RETRY_MS = 20_000;
/** Without a run deadline, a service asking to wait longer than this is not waited for. */
const MAX_UNBOUNDED_WAIT_MS = 5 * 60_000;

export interface RetryPolicyOptions {
  /** Attempts per call, the first included. @default 6 */
  readonly maxAttempts?: number;
  /** Keep retrying refusals that prove nothing was done for at least this long. @default 0 */
  readonly busyRetryMs?: number;
  /** First backoff ceiling. @default 500 ms */
  readonly backoffBaseMs?: number;
  /** Largest backoff. @default 20 s */
  readonly backoffMaxMs?: number;
  readonly random?: () => number;
  /** Whether the run has a deadline: refusals are then retried until it, not a number of times. */
  readonly bounded: boolean;
}

/** One failed attempt, as the policy weighs it. */
export interface FailedAttempt {
  readonly error: CloudError;
  /** Whether sending the call twice has the effect of sending it once. */
  readonly idempotent: boolean;
  /** This attempt's number, the first is 1. */
  readonly attempt: number;
  /** Milliseconds since the first attempt. */
  readonly elapsedMs: number;
  /** The exponent of the backoff (the endpoint's throttling level, or attempts so far). */
  readonly backoffLevel: number;
  /** Milliseconds until the run's deadline (Infinity without one). */
  readonly timeLeftMs: number;
}

/** Try again in `retryIn` ms ("attempt N of `of`" where `of` really ends the retries), or give up with `error`. */
export type RetryDecision = { readonly retryIn: number; readonly of?: number } | { readonly error: CloudError };

/**
 * What is retried and when. Refusals that prove nothing was done (throttling, busy, 503) are
 * retried until the run's deadline, or for `busyRetryMs` without one; an unreachable endpoint for
 * UNREACHABLE_RETRY_MS (and at most `maxAttempts` times); other retryable errors `maxAttempts`
 * times; backoff is exponential with jitter (backoff.ts) or the service's own wait if longer.
 * A call that is not idempotent is never repeated, whatever the error: after a refusal another
 * deploy may be making the same change, after an unclear answer this one may have been made.
 * The error then says `notRepeated`, and the caller observes before deciding again.
 */
export class RetryPolicy {
  readonly maxAttempts: number;

  constructor(
    private readonly options: RetryPolicyOptions,
    private readonly dialect: CloudDialect,
  ) {
    this.maxAttempts = options.maxAttempts ?? 6;
  }

  decide(failed: FailedAttempt): RetryDecision {
    const { error, attempt, elapsedMs, timeLeftMs } = failed;
    if (!failed.idempotent) return { error: new CloudError({ ...error.details(), notRepeated: true }) };
    if (!(error.retryable || isThrottling(error, this.dialect))) return { error: attempt > 1 ? gaveUp(error, attempt, elapsedMs) : error };
    const backoff = backoffDelay(failed.backoffLevel, {
      baseMs: this.options.backoffBaseMs ?? 500,
      maxMs: this.options.backoffMaxMs ?? 20_000,
      random: this.options.random,
    });
    const serverWait = (error.retryAfterSeconds ?? 0) * 1000;
    const delay = Math.max(backoff, serverWait);
    const unreachable = NEVER_SENT_CODES.has(error.code);
    const refusal = !error.ambiguous && !unreachable;
    const { bounded } = this.options;
    let allowed: boolean;
    let of: number | undefined;
    if (unreachable) allowed = elapsedMs + delay < UNREACHABLE_RETRY_MS && attempt < this.maxAttempts;
    else if (refusal && (bounded || elapsedMs < (this.options.busyRetryMs ?? 0))) allowed = true;
    else {
      allowed = attempt < this.maxAttempts;
      of = this.maxAttempts;
    }
    if (!allowed) return { error: gaveUp(error, attempt, elapsedMs, unreachable ? ` (an unreachable endpoint is tried for ${formatDuration(UNREACHABLE_RETRY_MS)})` : "") };
    if (timeLeftMs <= 0) return { error: gaveUp(error, attempt, elapsedMs, ": the run's timeout ran out") };
    if (serverWait > (bounded ? timeLeftMs : MAX_UNBOUNDED_WAIT_MS)) {
      const limit = bounded ? `the ${formatDuration(timeLeftMs)} left of the run's timeout` : `the longest wait taken without a timeout (${formatDuration(MAX_UNBOUNDED_WAIT_MS)})`;
      return { error: gaveUp(error, attempt, elapsedMs, `: the service asked to wait ${formatDuration(serverWait)}, more than ${limit}`) };
    }
    return { retryIn: Math.min(delay, timeLeftMs, MAX_TIMER_MS), of };
  }

  /** What a retried error means, in a few words, for the progress line. */
  reason(error: CloudError): string {
    if (isThrottling(error, this.dialect)) return "throttled: too many requests";
    if (error.status === 503) return "service unavailable";
    const meaning = NETWORK_MEANINGS[error.code] ?? this.dialect.codeMeanings[error.code];
    if (meaning) return meaning;
    if (!error.ambiguous && error.status !== undefined) return "busy, nothing was done";
    return error.status !== undefined && error.status >= 500 ? "server error" : "network error";
  }
}

function gaveUp(error: CloudError, attempts: number, elapsedMs: number, why = ""): CloudError {
  const tries = attempts === 1 ? "after 1 attempt" : `after ${attempts} attempts in ${formatDuration(elapsedMs)}`;
  return new CloudError({ ...error.details(), outcome: `gave up ${tries}${why}` });
}

/** The transport's own codes for what went wrong on the way, in a few words. */
const NETWORK_MEANINGS: Readonly<Record<string, string>> = {
  Timeout: "no answer in time",
  ConnectionReset: "connection dropped",
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name not found",
  UND_ERR_CONNECT_TIMEOUT: "no connection in time",
  ProxyClosed: "the proxy closed the connection",
  ProxyTimeout: "the proxy did not answer",
  ProxyRefused: "the proxy refused the tunnel",
  ProxyTunnelClosed: "the proxy's tunnel closed",
  MalformedResponse: "unreadable answer",
};

/** `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3). */
export function httpRetryAfterSeconds(headers: Record<string, string>, now: number): number | undefined {
  const value = headers["retry-after"];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

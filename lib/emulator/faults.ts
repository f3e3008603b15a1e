/** A failure to inject, as posted to `/_emulator/faults`. */
export interface FaultRule {
  /** Operation name (`SetBackupEncryption`), `service:Operation`, or `*`. @default "*" */
  readonly operation?: string;
  /** Only requests whose path contains this text. */
  readonly path?: string;
  /** Only this method. */
  readonly method?: string;
  /** Answer with this HTTP status (in the service's error shape, with `code`). */
  readonly status?: number;
  readonly code?: string;
  readonly message?: string;
  /** Seconds, sent as the service's retry-after header. */
  readonly retry_after?: number;
  /** Delay before answering (or before resetting). */
  readonly latency_ms?: number;
  /**
   * Hold the request until the call log holds at least `calls` answered calls of `operation`,
   * then carry on (a barrier: two deploys have both observed before either acts). The hold
   * ends after `latency_ms` (default 60 s) in any case.
   */
  readonly hold_until?: { readonly operation: string; readonly calls: number };
  /** Close the connection without an answer. */
  readonly reset?: boolean;
  /** Answer with a body that is not the service's JSON. */
  readonly body?: "html" | "truncated" | "not-json" | "empty";
  /** Answer with this JSON instead of the service's (status `status`, default 200): missing fields, unexpected values. */
  readonly json?: unknown;
  /** Apply the fault after the request was carried out (the work is done, the answer is lost). */
  readonly after?: boolean;
  /** How many matching requests it hits. @default 1 */
  readonly count?: number;
  /**
   * A gateway limit, not a one-off fault: at most this many matching requests per second of
   * the emulator's clock pass; the others are answered 429 with the gateway's throttling code
   * (`code`, or `APIGW.0308` / `Throttling.User`). Stays until the faults are cleared; `count` is ignored.
   */
  readonly rate_limit?: number;
  /** Send the answer's body one byte every this many milliseconds (a trickle no idle timeout catches). */
  readonly trickle_ms?: number;
  /** Send a `102 Processing` interim response every this many milliseconds, for as long as the client waits. */
  readonly interim_ms?: number;
  /** Answer `status` (default 200) with a body of this many bytes, streamed. */
  readonly body_bytes?: number;
  /** The `Location` of a redirect (`status` 301–308). */
  readonly location?: string;
  /**
   * Answer a listing as the service would, but claiming this many items in all (`total_count`,
   * ACK's `page_info.total_count`): a service whose total disagrees with its pages.
   */
  readonly list_total?: number;
}

interface ActiveFault extends FaultRule {
  remaining: number;
  /** Emulated times of the requests a rate limit let through in the last second. */
  passed?: number[];
}

/** The throttling answer of each signing family's gateway. */
const THROTTLING_CODES: Record<string, string> = { huawei: "APIGW.0308", alibaba: "Throttling.User" };

export class FaultBook {
  private faults: ActiveFault[] = [];

  add(rules: FaultRule | FaultRule[]): void {
    for (const rule of Array.isArray(rules) ? rules : [rules]) {
      this.faults.push({ ...rule, remaining: rule.count ?? 1 });
    }
  }

  clear(): void {
    this.faults = [];
  }

  list(): FaultRule[] {
    return this.faults.map(({ remaining, passed, ...rule }) => (rule.rate_limit === undefined ? { ...rule, count: remaining } : rule));
  }

  /**
   * The first fault matching the request, consumed; a rate limit answers only for requests
   * past its limit. `now` is the emulator's time, `signing` the service's gateway family.
   */
  take(service: string, operation: string, method: string, path: string, now = Date.now(), signing = "huawei"): FaultRule | undefined {
    const matches = (f: ActiveFault) =>
      (f.operation === undefined || f.operation === "*" || f.operation === operation || f.operation === `${service}:${operation}`) &&
      (f.method === undefined || f.method.toUpperCase() === method) &&
      (f.path === undefined || path.includes(f.path));
    for (const limit of this.faults) {
      if (limit.rate_limit === undefined || !matches(limit)) continue;
      limit.passed = (limit.passed ?? []).filter((t) => t > now - 1000 && t <= now);
      if (limit.passed.length < limit.rate_limit) {
        limit.passed.push(now);
        continue;
      }
      return {
        status: 429,
        code: limit.code ?? THROTTLING_CODES[signing],
        message: limit.message ?? `The throttling threshold has been reached: ${limit.rate_limit} requests per second`,
      };
    }
    const index = this.faults.findIndex((f) => f.rate_limit === undefined && f.remaining > 0 && matches(f));
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

/** A listing's answer with its claimed total replaced (the `list_total` fault); other answers unchanged. */
export function withListTotal(body: unknown, total: number): unknown {
  if (typeof body !== "object" || body === null) return body;
  const listing = body as { total_count?: unknown; page_info?: Record<string, unknown> };
  if (typeof listing.total_count === "number") return { ...listing, total_count: total };
  if (typeof listing.page_info?.total_count === "number") return { ...listing, page_info: { ...listing.page_info, total_count: total } };
  return body;
}

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
}

interface ActiveFault extends FaultRule {
  remaining: number;
}

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
    return this.faults.map(({ remaining, ...rule }) => ({ ...rule, count: remaining }));
  }

  /** The first fault matching the request, consumed. */
  take(service: string, operation: string, method: string, path: string): FaultRule | undefined {
    const index = this.faults.findIndex(
      (f) =>
        f.remaining > 0 &&
        (f.operation === undefined || f.operation === "*" || f.operation === operation || f.operation === `${service}:${operation}`) &&
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.path === undefined || path.includes(f.path)),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

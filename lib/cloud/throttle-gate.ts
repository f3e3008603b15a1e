import { Clock } from "../runtime/clock";

/**
 * What one process knows about an endpoint's throttling: when it next may be asked, and how
 * hard it has been pushing back lately. Every call to the endpoint honours it, so parallel
 * calls back off together instead of each learning the limit on its own.
 */
export class ThrottleGate {
  private notBefore = 0;
  private setAt = 0;
  /** Throttled answers lately, less one per answer that was not throttled. */
  private streak = 0;

  /** How long to hold the next request (0 when the endpoint is free). */
  holdFor(now: number): number {
    // A clock that went back (another clock's gate, an adjusted clock) frees the gate.
    if (now < this.setAt) return 0;
    return Math.max(0, this.notBefore - now);
  }

  /** The exponent for the next backoff: grows while the endpoint keeps throttling. */
  get level(): number {
    return this.streak;
  }

  throttled(now: number, waitMs: number): void {
    this.streak = Math.min(this.streak + 1, 30);
    if (now + waitMs > this.notBefore) {
      this.notBefore = now + waitMs;
      this.setAt = now;
    }
  }

  passed(): void {
    this.streak = Math.max(0, this.streak - 1);
  }
}

/** One gate per endpoint per clock: a test's virtual clock never shares a gate with the real one. */
const gates = new WeakMap<Clock, Map<string, ThrottleGate>>();

export function throttleGate(clock: Clock, origin: string): ThrottleGate {
  let byOrigin = gates.get(clock);
  if (!byOrigin) gates.set(clock, (byOrigin = new Map()));
  let gate = byOrigin.get(origin);
  if (!gate) byOrigin.set(origin, (gate = new ThrottleGate()));
  return gate;
}

import { Duration } from "../contract/duration";
import { TIMEOUT_RANGE, isTimeoutInRange } from "../contract/timeout-range";
import { PropValidator } from "./prop-validation";

export const DEFAULT_TIMEOUT = Duration.minutes(60);

/** Validates the `timeout` prop shared by every construct; returns the effective value. */
export function validateTimeout(check: PropValidator, timeout: Duration | undefined): Duration {
  if (timeout === undefined) return DEFAULT_TIMEOUT;
  if (!(timeout instanceof Duration)) {
    check.fail("timeout", timeout, "a Duration such as Duration.minutes(60)");
    return DEFAULT_TIMEOUT;
  }
  const ok = isTimeoutInRange(timeout);
  check.check(ok, "timeout", timeout, TIMEOUT_RANGE.allowed);
  // An invalid value is reported; the default stands in so rendering the rest cannot throw.
  return ok ? timeout : DEFAULT_TIMEOUT;
}

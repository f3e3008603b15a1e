import { Duration } from "../spec/duration";
import { PropValidator } from "./prop-validation";

export const DEFAULT_TIMEOUT = Duration.minutes(60);
const MIN_SECONDS = 10;
const MAX_SECONDS = 24 * 3600;

/** Validates the `timeout` prop shared by every construct; returns the effective value. */
export function validateTimeout(check: PropValidator, timeout: Duration | undefined): Duration {
  if (timeout === undefined) return DEFAULT_TIMEOUT;
  if (!(timeout instanceof Duration)) {
    check.fail("timeout", timeout, "a Duration such as Duration.minutes(60)");
    return DEFAULT_TIMEOUT;
  }
  const seconds = timeout.toSeconds();
  const ok = Number.isInteger(seconds) && seconds >= MIN_SECONDS && seconds <= MAX_SECONDS;
  check.check(ok, "timeout", `${seconds} seconds`, "between 10 seconds and 24 hours, in whole seconds");
  // An invalid value is reported; the default stands in so rendering the rest cannot throw.
  return ok ? timeout : DEFAULT_TIMEOUT;
}

import { Duration } from "./duration";

/**
 * How long one hook run may wait: the range of every construct's `timeout` prop, applied again
 * by the hook to the Spec's `timeout` field.
 */
export const TIMEOUT_RANGE = {
  minSeconds: 10,
  maxSeconds: 24 * 3600,
  /** The words for the range, in messages. */
  allowed: "between 10 seconds and 24 hours, in whole seconds",
} as const;

/** True when the duration is a whole number of seconds within `TIMEOUT_RANGE`. */
export function isTimeoutInRange(timeout: Duration): boolean {
  const seconds = timeout.toSeconds();
  return Number.isInteger(seconds) && seconds >= TIMEOUT_RANGE.minSeconds && seconds <= TIMEOUT_RANGE.maxSeconds;
}

import { ConfigError } from "../runtime/config-error";

/** Per-attempt limit of one HTTP request, in seconds (default 30): `CDKTF_ENCRYPTION_REQUEST_TIMEOUT=10`. */
export const REQUEST_TIMEOUT_ENV = "CDKTF_ENCRYPTION_REQUEST_TIMEOUT";

/**
 * The per-attempt request timeout from the environment, in milliseconds; undefined when not
 * set (the transport's default then applies). A slower answer is a Timeout, retried for reads
 * and never blindly repeated for a change.
 */
export function requestTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[REQUEST_TIMEOUT_ENV]?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(seconds >= 0.1 && seconds <= 600)) {
    throw new ConfigError(`${REQUEST_TIMEOUT_ENV} "${raw}" is invalid: expected seconds between 0.1 and 600, e.g. 30`);
  }
  return Math.round(seconds * 1000);
}

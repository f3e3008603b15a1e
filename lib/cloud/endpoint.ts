import { ConfigError } from "./config-error";

/** One base URL for every service, e.g. the emulator's `http://127.0.0.1:4599`. */
export const ENDPOINT_ENV = "CDKTF_ENCRYPTION_ENDPOINT";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The base URL a service client talks to: the override from the environment when set,
 * otherwise the service's public endpoint. Plain http is accepted only for loopback, so no
 * credential or signature ever crosses a network unencrypted.
 */
export function resolveBaseUrl(publicUrl: string, env: NodeJS.ProcessEnv = process.env): URL {
  const override = env[ENDPOINT_ENV]?.trim();
  const raw = override || publicUrl;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${ENDPOINT_ENV} "${raw}" is not a URL: expected e.g. https://host or http://127.0.0.1:4599`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      `${override ? ENDPOINT_ENV : "endpoint"} "${raw}" uses plain http to a non-loopback host: only https is allowed there (http only for 127.0.0.1/localhost, e.g. the emulator)`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${ENDPOINT_ENV} "${raw}" must use https (or http on loopback)`);
  }
  return url;
}

import { ConfigError } from "../runtime/config-error";

/** One base URL for every service, e.g. the emulator's `http://127.0.0.1:4599`. */
export const ENDPOINT_ENV = "CDKTF_ENCRYPTION_ENDPOINT";

/**
 * "Connect to this address, keep the public host": every connection goes to this address,
 * while the URL, the Host header, the signature and the TLS server name keep the service's
 * own host name (as `curl --connect-to` does). For the emulator (`http://127.0.0.1:4599`,
 * which then learns the region from the host, as the cloud does) and for private endpoints
 * behind a fixed address (`https://10.1.2.3`).
 */
export const CONNECT_TO_ENV = "CDKTF_ENCRYPTION_CONNECT_TO";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Where connections go under CDKTF_ENCRYPTION_CONNECT_TO. */
export interface ConnectTarget {
  /** `http:` only towards loopback: then every service is spoken to in plain http over loopback. */
  readonly protocol: "http:" | "https:";
  readonly hostname: string;
  readonly port: number;
  /** As the user wrote it, for messages. */
  readonly text: string;
}

/**
 * Whether a URL's host is the host of an endpoint variable (CDKTF_ENCRYPTION_ENDPOINT or a
 * service's CDKTF_ENCRYPTION_ENDPOINT_*): such an endpoint is dialled as given, while
 * CDKTF_ENCRYPTION_CONNECT_TO applies to the endpoints of the region tables.
 */
export function isOverrideHost(url: URL, env: NodeJS.ProcessEnv): boolean {
  return Object.entries(env).some(([name, value]) => {
    if (!name.startsWith(ENDPOINT_ENV) || !value?.trim()) return false;
    try {
      return new URL(value.trim()).host === url.host;
    } catch {
      return false;
    }
  });
}

/** The CDKTF_ENCRYPTION_CONNECT_TO address, or undefined when not set. */
export function connectTargetFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectTarget | undefined {
  const raw = env[CONNECT_TO_ENV]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.includes("://") ? raw : `https://${raw}`);
  } catch {
    throw new ConfigError(`${CONNECT_TO_ENV} "${raw}" is not an address: expected e.g. http://127.0.0.1:4599 or https://10.1.2.3:443`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || (url.pathname !== "/" && url.pathname !== "") || url.search || url.username) {
    throw new ConfigError(`${CONNECT_TO_ENV} "${raw}" must be scheme://host[:port] with scheme https (or http towards 127.0.0.1/localhost), and no path`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(`${CONNECT_TO_ENV} "${raw}" uses plain http to a non-loopback address: only https is allowed there (http only for 127.0.0.1/localhost, e.g. the emulator)`);
  }
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ""), port, text: raw };
}

/**
 * The base URL a service client talks to: the service's own override variable when set, else
 * CDKTF_ENCRYPTION_ENDPOINT, else the service's public endpoint (spoken in plain http when
 * CDKTF_ENCRYPTION_CONNECT_TO is an http loopback address). Plain http is accepted only when the
 * bytes stay on loopback, so no credential or signature ever crosses a network unencrypted.
 */
export function resolveBaseUrl(publicUrl: string, env: NodeJS.ProcessEnv = process.env, serviceVariable?: string): URL {
  const variable = [serviceVariable, ENDPOINT_ENV].find((name): name is string => name !== undefined && !!env[name]?.trim());
  const raw = variable ? env[variable]!.trim() : publicUrl;
  const named = variable ?? "endpoint";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${named} "${raw}" is not a URL: expected e.g. https://host or http://127.0.0.1:4599`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${named} "${raw}" must use https (or http on loopback)`);
  }
  if (!variable && connectTargetFromEnv(env)?.protocol === "http:") {
    // The connection itself goes to a loopback address in plain http (the emulator).
    url.protocol = "http:";
  } else if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      `${named} "${raw}" uses plain http to a non-loopback host: only https is allowed there (http only for 127.0.0.1/localhost, e.g. the emulator)`,
    );
  }
  return url;
}

/** A yes/no switch from the environment: true, 1, yes or false, 0, no (case-insensitive); unset is false. */
export function envSwitch(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw || raw === "false" || raw === "0" || raw === "no") return false;
  if (raw === "true" || raw === "1" || raw === "yes") return true;
  throw new ConfigError(`${name} "${env[name]}" is not a switch: expected true or false`);
}

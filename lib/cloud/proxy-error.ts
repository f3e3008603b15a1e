import { CallSite, CloudError } from "./cloud-error";
import { ProxyInUse } from "./network-route";
import { TunnelError } from "./proxy-tunnel";

/** Failures to open a connection: with a proxy in the way, the connection was to the proxy. */
const CONNECT_FAILURES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT"]);
/** Of those, the ones a moment later may cure. */
const TRANSIENT = new Set(["EAI_AGAIN", "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * Codes of a request that failed at the proxy before anything reached the service: the proxy
 * closed, did not answer, refused the tunnel, or the tunnel closed before TLS was up.
 */
export const PROXY_NEVER_SENT_CODES: ReadonlySet<string> = new Set(["ProxyClosed", "ProxyTimeout", "ProxyRefused", "ProxyTunnelClosed"]);

/**
 * A network failure of a request sent through a proxy, as one line that blames the proxy when
 * the proxy is what failed: it could not be reached, closed or did not answer the CONNECT,
 * refused the tunnel or wants credentials. Undefined for other failures (those are the
 * service's, reported as usual).
 */
export function proxyError(site: CallSite, code: string, message: string, proxy: ProxyInUse, host: string, cause?: unknown): CloudError | undefined {
  const via = `proxy ${proxy.url} (from ${proxy.variable})`;
  if (cause instanceof TunnelError) return tunnelFailure(site, cause, proxy, via);
  if (CONNECT_FAILURES.has(code)) {
    return new CloudError({
      ...site,
      code,
      message: `cannot reach ${via}: ${message}`,
      hint: `that the proxy ${proxy.url} is running and reachable from this machine, or that ${proxy.variable} is right (NO_PROXY lists hosts that go direct)`,
      retryable: TRANSIENT.has(code),
      ambiguous: false,
    });
  }
  const refused = /Proxy response \((\d+)\)/.exec(message);
  if (refused) {
    const status = Number(refused[1]);
    return new CloudError({
      ...site,
      code: "ProxyRefused",
      message: `${via} answered HTTP ${status} when asked to open a tunnel to ${host}`,
      hint: `that the proxy allows CONNECT to ${host}, or name the host in NO_PROXY if it is reachable directly`,
      retryable: status >= 500,
      ambiguous: false,
    });
  }
  if (/Proxy Authentication Required|\b407\b/.test(message)) {
    return new CloudError({
      ...site,
      code: "ProxyAuthenticationRequired",
      message: `${via} requires authentication (HTTP 407)`,
      hint: `the user and password in ${proxy.variable} (http://user:password@host:port)`,
      retryable: false,
      ambiguous: false,
    });
  }
  return undefined;
}

/** A CONNECT tunnel that did not open (lib/cloud/proxy-tunnel.ts): nothing reached the service. */
function tunnelFailure(site: CallSite, error: TunnelError, proxy: ProxyInUse, via: string): CloudError {
  const target = error.authority;
  const base = { ...site, code: error.code, ambiguous: false };
  switch (error.code) {
    case "ProxyAuthenticationRequired":
      return new CloudError({ ...base, message: `${via} ${error.message}`, hint: `the user and password in ${proxy.variable} (http://user:password@host:port)`, retryable: false });
    case "ProxyRefused":
      return new CloudError({
        ...base,
        message: `${via} ${error.message}`,
        hint: `that the proxy allows CONNECT to ${target}, or name the host in NO_PROXY if it is reachable directly`,
        retryable: error.status === undefined || error.status >= 500,
      });
    default:
      return new CloudError({
        ...base,
        message: `${via} ${error.message}`,
        hint: `that the proxy ${proxy.url} works and lets this machine open tunnels to ${target} (CONNECT), or name the host in NO_PROXY if it is reachable directly`,
        retryable: true,
      });
  }
}

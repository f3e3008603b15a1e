import { BlockList, isIP } from "node:net";
import type { Dispatcher } from "undici";
import { ConfigError } from "../runtime/config-error";
import { CONNECT_TO_ENV, ConnectTarget, connectTargetFromEnv, isLoopbackHost, isOverrideHost } from "./endpoint";
import { TunnelWaits, tunnelConnector } from "./proxy-tunnel";
import { Agent, proxyAgentClass, socketConnector } from "./undici-parts";

/** A proxy from the environment, as printed: credentials in its URL are never shown. */
export interface ProxyInUse {
  /** `http://proxy.bank.example:3128`, user name and password removed. */
  readonly url: string;
  /** The variable it came from: `HTTPS_PROXY`, `http_proxy`, … */
  readonly variable: string;
}

/** How one request reaches its host. */
export interface NetworkRoute {
  readonly dispatcher: Dispatcher;
  /** The proxy the request goes through, when one applies. */
  readonly proxy?: ProxyInUse;
  /** The address dialled instead of the URL's host (CDKTF_ENCRYPTION_CONNECT_TO). */
  readonly connectTo?: ConnectTarget;
  /** The request's host is named in NO_PROXY: it goes direct although a proxy is set. */
  readonly exemptBy?: string;
  /** For https through a proxy: what the CONNECT tunnel to a host is waiting for, if anything. */
  readonly tunnel?: TunnelWaits;
}

export interface RouteOptions {
  /**
   * Longest wait for each step of opening a connection through a proxy: the connection to the
   * proxy, its answer to CONNECT, the TLS handshake through the tunnel. @default 30 s
   */
  readonly connectTimeoutMs?: number;
}

interface ProxyVariable {
  readonly name: string;
  readonly value: string;
}

// Certificates are always verified, stated here so that NODE_TLS_REJECT_UNAUTHORIZED=0 in the
// environment cannot turn verification off for the hook. Trust a private CA with NODE_EXTRA_CA_CERTS.
const TLS = { rejectUnauthorized: true } as const;
const POOL = { keepAliveTimeout: 10_000, connections: 64 } as const;

const dispatchers = new Map<string, Dispatcher>();
const tunnels = new Map<string, { readonly waits: TunnelWaits; readonly proxy: ProxyInUse }>();
let generation = 0;

/** Changes each time the pools are closed: a route kept from before must be looked up again. */
export function routesGeneration(): number {
  return generation;
}

function shared(key: string, make: () => Dispatcher): Dispatcher {
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    dispatcher = make();
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}

/** The first of these variables that is set (an empty value counts as set: "no proxy"). */
function firstSet(env: NodeJS.ProcessEnv, names: readonly string[]): ProxyVariable | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) return { name, value: value.trim() };
  }
  return undefined;
}

/**
 * The proxy for a URL's scheme, with undici's `EnvHttpProxyAgent` precedence: lower-case
 * before upper-case; an https request uses HTTPS_PROXY, else HTTP_PROXY.
 */
function proxyVariableFor(protocol: string, env: NodeJS.ProcessEnv): ProxyVariable | undefined {
  const http = firstSet(env, ["http_proxy", "HTTP_PROXY"]);
  const chosen = protocol === "https:" ? (firstSet(env, ["https_proxy", "HTTPS_PROXY"]) ?? http) : http;
  return chosen?.value ? chosen : undefined;
}

function parseProxy(variable: ProxyVariable): URL {
  let url: URL;
  try {
    // Like Go's ProxyFromEnvironment, a bare host:port means http://host:port.
    url = new URL(variable.value.includes("://") ? variable.value : `http://${variable.value}`);
  } catch {
    throw new ConfigError(`${variable.name} is not a proxy URL: expected e.g. http://proxy.example:3128`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${variable.name} uses ${url.protocol.replace(":", "")}: only http:// and https:// proxies are supported`);
  }
  return url;
}

/** A proxy URL as it may be printed: no user name, no password. */
function displayProxy(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/**
 * Whether NO_PROXY (or no_proxy) names this host: `*`, a host name (its subdomains too), a
 * `.domain` or `*.domain`, `host:port`, an IP address or a CIDR block (`10.0.0.0/8`).
 * Returns the matching entry.
 */
export function noProxyEntryFor(url: URL, env: NodeJS.ProcessEnv): string | undefined {
  const variable = firstSet(env, ["no_proxy", "NO_PROXY"]);
  if (!variable?.value) return undefined;
  const hostname = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  for (const entry of variable.value.split(/[,\s]+/).filter(Boolean)) {
    if (entry === "*") return `${variable.name}=*`;
    const cidr = /^([0-9a-f.:]+)\/(\d{1,3})$/i.exec(entry);
    if (cidr) {
      const family = isIP(cidr[1]) === 6 ? "ipv6" : "ipv4";
      const hostFamily = isIP(hostname);
      if (hostFamily === 0 || (hostFamily === 6) !== (family === "ipv6")) continue;
      const block = new BlockList();
      block.addSubnet(cidr[1], Number(cidr[2]), family);
      if (block.check(hostname, family)) return entry;
      continue;
    }
    const withPort = /^(.+):(\d+)$/.exec(entry);
    if (withPort && isIP(entry) !== 6 && Number(withPort[2]) !== port) continue;
    const name = (withPort && isIP(entry) !== 6 ? withPort[1] : entry).replace(/^\*?\./, "").replace(/^\[|\]$/g, "").toLowerCase();
    if (hostname === name || hostname.endsWith(`.${name}`)) return entry;
  }
  return undefined;
}

/** The clouds' API host names, which CDKTF_ENCRYPTION_CONNECT_TO redirects (not metadata, credential URIs or loopback). */
function isCloudApiHost(url: URL, env: NodeJS.ProcessEnv): boolean {
  const domains = ["myhuaweicloud.com", "myhuaweicloud.cn", "myhuaweicloud.eu", "aliyuncs.com", env.HW_CLOUD?.trim()].filter(Boolean);
  return domains.some((domain) => url.hostname === domain || url.hostname.endsWith(`.${domain}`));
}

/** Link-local addresses (Huawei ECS metadata 169.254.169.254) and Alibaba's IMDS 100.100.100.200. */
function isInstanceMetadataHost(hostname: string): boolean {
  return /^169\.254\.\d{1,3}\.\d{1,3}$/.test(hostname) || hostname === "100.100.100.200";
}

/**
 * How a request to this URL goes out, from the environment: to the CDKTF_ENCRYPTION_CONNECT_TO
 * address for the clouds' API hosts (direct; not for a host an endpoint variable names), direct
 * for instance metadata, through the proxy of HTTPS_PROXY/HTTP_PROXY unless NO_PROXY names the host,
 * or direct. Dispatchers (connection pools) are shared by the whole process.
 */
export function routeFor(url: URL, env: NodeJS.ProcessEnv = process.env, options: RouteOptions = {}): NetworkRoute {
  const connectTo = isCloudApiHost(url, env) && !isOverrideHost(url, env) ? connectTargetFromEnv(env) : undefined;
  if (connectTo) {
    const dispatcher = shared(`connect ${connectTo.protocol}//${connectTo.hostname}:${connectTo.port}`, () => {
      const connect = socketConnector(TLS);
      // Dial the given address; `host` (the URL's host) still names the TLS server and the Host header.
      return new Agent({ ...POOL, connect: (options, callback) => connect({ ...options, hostname: connectTo.hostname, port: String(connectTo.port) }, callback) });
    });
    return { dispatcher, connectTo };
  }
  const variable = proxyVariableFor(url.protocol, env);
  const direct = () => shared("direct", () => new Agent({ ...POOL, connect: TLS }));
  // Instance metadata answers only on the host itself: never through a proxy.
  if (!variable || isInstanceMetadataHost(url.hostname)) return { dispatcher: direct() };
  const exemptBy = noProxyEntryFor(url, env);
  if (exemptBy) return { dispatcher: direct(), exemptBy };
  const proxyUrl = parseProxy(variable);
  if (url.protocol === "http:" && !isLoopbackHost(proxyUrl.hostname)) {
    // Plain http is only ever spoken over loopback: a signed request must not cross a network in clear.
    throw new ConfigError(
      `${variable.name} would carry plain http to ${url.host} through ${displayProxy(proxyUrl)}: add ${url.hostname} to NO_PROXY (plain http is allowed on loopback only)`,
    );
  }
  const proxy = { url: displayProxy(proxyUrl), variable: variable.name };
  if (url.protocol === "https:") {
    const timeoutMs = options.connectTimeoutMs ?? 30_000;
    const key = `tunnel ${proxyUrl.href} ${timeoutMs}`;
    const dispatcher = shared(key, () => {
      const { connect, waits } = tunnelConnector(proxyUrl, timeoutMs, TLS);
      tunnels.set(key, { waits, proxy });
      return new Agent({ ...POOL, connect });
    });
    return { dispatcher, proxy, tunnel: tunnels.get(key)?.waits };
  }
  // Plain http (loopback only) is forwarded in absolute form, without a tunnel.
  const ProxyAgent = proxyAgentClass();
  const dispatcher = shared(`proxy ${proxyUrl.href}`, () => new ProxyAgent({ ...POOL, uri: proxyUrl.href, requestTls: TLS, proxyTls: TLS, proxyTunnel: false }));
  return { dispatcher, proxy };
}

/**
 * What connections through proxies are still waiting for, in words: `CONNECT to
 * host:443 through proxy http://p:3128 (from HTTPS_PROXY)`. For a command that gives up at its
 * deadline before the transport has failed, to say what held it.
 */
export function pendingProxyWaits(): string[] {
  return [...tunnels.values()].flatMap(({ waits, proxy }) => waits.pending().map((stage) => `${stage} through proxy ${proxy.url} (from ${proxy.variable})`));
}

/** The route in words, for `doctor` and debug lines: "direct", "proxy http://p:3128 (HTTPS_PROXY)", … */
export function describeRoute(route: Omit<NetworkRoute, "dispatcher">): string {
  if (route.connectTo) return `connects to ${route.connectTo.text} (${CONNECT_TO_ENV}), no proxy`;
  if (route.proxy) return `through proxy ${route.proxy.url} (${route.proxy.variable})`;
  if (route.exemptBy) return `direct (NO_PROXY entry ${route.exemptBy})`;
  return "direct";
}

/**
 * Closes every pooled connection so a short-lived process can exit at once. Tunnels still
 * being opened are ended first: `close()` waits for queued requests, and a request abandoned
 * at its deadline stays queued while a proxy leaves its CONNECT unanswered.
 */
export async function closeRoutes(): Promise<void> {
  generation++;
  const all = [...dispatchers.values()];
  dispatchers.clear();
  for (const { waits } of tunnels.values()) waits.destroy();
  tunnels.clear();
  await Promise.all(all.map((d) => d.close()));
}

import type { Agent as UndiciAgent, Dispatcher, ProxyAgent, buildConnector } from "undici";

// Only the two parts of undici the transport uses. `require("undici")` loads every feature
// (fetch, WebSocket, caches, mocks); loading these alone halves the hook's start-up, which
// every provisioner run pays. Types still come from the package's own declarations. These
// paths are undici's private layout: package.json pins undici exactly, and
// test/unit/cloud/undici-parts.test.ts names any path the installed undici lacks.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AgentClass = require("undici/lib/dispatcher/agent") as typeof UndiciAgent;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const apiRequest = require("undici/lib/api/api-request") as (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

export type Agent = UndiciAgent;
export const Agent = AgentClass;

/** `undici.request` against a given dispatcher. */
export function request(
  url: URL,
  options: { dispatcher: Dispatcher } & Omit<Dispatcher.RequestOptions, "origin" | "path">,
): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  return apiRequest.call(dispatcher, { ...rest, origin: url.origin, path: `${url.pathname}${url.search}` });
}

/**
 * undici's proxy dispatcher, loaded only when a proxy is configured, for plain http (forwarded
 * in absolute form); https tunnels are opened by lib/cloud/proxy-tunnel.ts. undici 7 also
 * ships `EnvHttpProxyAgent`, which routes on the same variables; the library routes itself (lib/cloud/network-route.ts) so that errors and
 * `doctor` can name the proxy a request used, which EnvHttpProxyAgent keeps private.
 */
export function proxyAgentClass(): typeof ProxyAgent {
  // ProxyAgent's tunnels use `Dispatcher#connect`, which `require("undici")` would attach.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dispatcher = require("undici/lib/dispatcher/dispatcher") as { prototype: { connect?: unknown } };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  dispatcher.prototype.connect ??= require("undici/lib/api/api-connect");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("undici/lib/dispatcher/proxy-agent") as typeof ProxyAgent;
}

/** undici's socket connector, wrapped to dial another address than the origin's host. */
export function socketConnector(options: buildConnector.BuildOptions): buildConnector.connector {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("undici/lib/core/connect") as typeof buildConnector)(options);
}

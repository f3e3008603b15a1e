import { EmulatorService, RawRequest, Route, Verdict } from "./emulator-service";
import { HttpReply } from "./http-reply";
import { huaweiError } from "./huawei-error-reply";
import { hostServes } from "./request-region";

/** Paths under this prefix are the emulator's own control endpoints, never a cloud API. */
const ADMIN_PREFIX = "/_emulator/";

/** What the router reads of a request to pick its destination. */
export interface RoutedRequest {
  readonly method: string;
  readonly path: string;
  /** The RPC action (`x-acs-action` header or `Action` query parameter) of Alibaba's RPC-style APIs. */
  readonly action?: string | string[];
  /** The Host header: a public host name names its service and region. */
  readonly host?: string;
}

/** The service and route a cloud API request goes to, with the path's named parameters decoded. */
export interface RouteMatch {
  readonly service: EmulatorService;
  readonly route: Route;
  readonly params: Record<string, string>;
}

/** Checks a request's signature or token: one per signing family (the cloud's API gateway). */
export type Authenticator = (request: RawRequest) => Verdict;

/** Whether a path goes to the admin API (`/_emulator/...`) rather than to an emulated service. */
export function isAdminPath(path: string): boolean {
  return path.startsWith(ADMIN_PREFIX);
}

/**
 * The first service (in `services` order) that the request's host can reach with a route of the
 * request's method, action and path; undefined when no service publishes that API.
 */
export function findRoute(services: readonly EmulatorService[], request: RoutedRequest): RouteMatch | undefined {
  for (const service of services) {
    if (!hostServes(request.host, service.name)) continue;
    for (const route of service.routes) {
      if (route.method !== request.method || (route.action !== undefined && route.action !== request.action)) continue;
      const m = route.pattern.exec(request.path);
      if (m) {
        const params: Record<string, string> = {};
        for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = decodeURIComponent(v);
        return { service, route, params };
      }
    }
  }
  return undefined;
}

/**
 * Who checks a request to `service`: the service itself when it authenticates its own callers
 * (STS, instance metadata), otherwise the API gateway of its signing family.
 */
export function authenticatorOf(service: EmulatorService, gateways: Readonly<Record<string, Authenticator>>): Authenticator {
  if (service.authenticate) return (request) => service.authenticate!(request);
  return gateways[service.signing];
}

/**
 * The gateway's answer for a path no service publishes, in Huawei's API gateway shape. The code
 * `APIGW.0101` is *unverified* (docs/cloud-fidelity.md, "Unverified"); clients read it as a plain error.
 */
export function unknownApiReply(): HttpReply {
  return huaweiError(404, "APIGW.0101", "The API does not exist or has not been published in the environment.");
}

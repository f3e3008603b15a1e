import { EmulatorClock } from "./emulator-clock";
import { HttpReply } from "./http-reply";

/** Who signed a request, once the gateway accepted it. */
export interface Caller {
  readonly accessKey: string;
  /** Read-only callers are refused mutating calls with the service's permission error. */
  readonly readOnly: boolean;
  /** Callers without any permission are refused every call, reads too. */
  readonly noPermissions?: boolean;
  /** The identity the key or token belongs to, e.g. `agency encryption-admin in domain acme-prod`, `user alice`. */
  readonly principal?: string;
}

export interface RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string>;
  /** Parsed JSON body, or undefined when empty. Invalid JSON is answered before the route runs. */
  readonly body: unknown;
  readonly caller: Caller;
  /** The region the request addresses (from its Host header); undefined when the host does not say. */
  readonly region?: string;
}

export type Signing = "huawei" | "alibaba";

export interface Route {
  readonly operation: string;
  readonly method: "GET" | "POST" | "PUT";
  /** Path pattern with named groups, e.g. `^/v3/(?<project>[^/]+)/instances/(?<id>[^/]+)$`. */
  readonly pattern: RegExp;
  /** RPC-style APIs share one path (`POST /`): the route also needs this `x-acs-action`. */
  readonly action?: string;
  readonly mutating: boolean;
  handle(request: RouteRequest): HttpReply;
}

/**
 * One emulated cloud service: its routes, its slice of the state and its own error shape.
 * Services mirror the clients' API surface, not the reconcilers.
 */
export interface EmulatorService {
  /** `taurusdb`, `dws`, `ack`: the key of its slice in `/_emulator/state`. */
  readonly name: string;
  readonly signing: Signing;
  /** Header carrying the request id in this service's answers. */
  readonly requestIdHeader: string;
  readonly routes: readonly Route[];
  /** Checks requests itself instead of the cloud's API gateway (identity services: STS, metadata). */
  authenticate?(request: RawRequest): Verdict;
  /** The service's answer for an injected fault or a gateway refusal, in its own error shape. */
  errorReply(status: number, code: string, message: string, requestId: string): HttpReply;
  /** The answer for a caller without permission for a mutating call. */
  deniedReply(operation: string, requestId: string): HttpReply;
  /** Every resource as JSON, ids under the API's own names. */
  snapshot(): unknown;
  /** Replaces the state with the fixture's slice (or the service's empty state). */
  load(slice: unknown): void;
  /** Changes one resource behind the client's back (drift): `{ id, ...fields }`. */
  patch(id: string, fields: Record<string, unknown>): void;
}

export interface ServiceContext {
  readonly clock: EmulatorClock;
  /** Called after a change so a persisted state file stays current. */
  readonly changed: () => void;
}

/** A request as an authenticator sees it, body unparsed. */
export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** The caller, or the refusal. */
export interface Verdict {
  readonly caller?: Caller;
  /** HTTP status of the refusal. @default 401 */
  readonly status?: number;
  readonly code?: string;
  readonly message?: string;
}

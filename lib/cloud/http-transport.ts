import { request } from "./undici-parts";
import { NetworkRoute, closeRoutes, routeFor } from "./network-route";
import { proxyError } from "./proxy-error";
import { backoffDelay } from "./backoff";
import { CallSite, CloudError } from "./cloud-error";
import { Clock, systemClock } from "./clock";
import { Log, silentLog } from "./log";
import { redactHeaders } from "./redact";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** A request as the signer sees it: final URL, headers so far, exact body bytes. */
export interface OutgoingRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Adds authentication headers to a request; called afresh for every attempt. May resolve
 * credentials first (a credential provider), which is why it may return a promise.
 */
export interface RequestSigner {
  sign(request: OutgoingRequest, now: Date): Record<string, string> | Promise<Record<string, string>>;
}

/** A response as the service's error parser sees it. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
}

/**
 * Turns a response into the service's typed error, or undefined when it is a success.
 * Called for every status, because some services report errors inside an HTTP 200.
 */
export type ErrorParser = (response: RawResponse, site: CallSite) => CloudError | undefined;

export interface ServiceCall extends CallSite {
  readonly method: HttpMethod;
  /** Path below the base URL, already filled: `/v3/{project}/instances/{id}/…`. */
  readonly path: string;
  readonly query?: Record<string, string | readonly string[]>;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /**
   * Whether sending the call twice has the effect of sending it once. Non-idempotent calls
   * are repeated only after errors that prove the server did not act on them.
   */
  readonly idempotent: boolean;
}

export interface CallResult<T> {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: T;
  /** The server's clock, from its `Date` header, when it sent one. */
  readonly serverTime?: Date;
}

export interface TransportOptions {
  readonly baseUrl: URL;
  readonly signer: RequestSigner;
  readonly parseError: ErrorParser;
  /** Header carrying the request id in this service's responses. */
  readonly requestIdHeaders: readonly string[];
  readonly clock?: Clock;
  readonly log?: Log;
  /** Per-attempt timeout for the response headers and for the body. @default 30 s */
  readonly timeoutMs?: number;
  /** Attempts per call, the first included. @default 6 */
  readonly maxAttempts?: number;
  /**
   * Keep retrying refusals that prove nothing was done (busy codes, 429, 503) for at least this
   * long after the first attempt, beyond `maxAttempts`. @default 0
   */
  readonly busyRetryMs?: number;
  /** First backoff ceiling. @default 500 ms */
  readonly backoffBaseMs?: number;
  /** Largest backoff. @default 20 s */
  readonly backoffMaxMs?: number;
  readonly random?: () => number;
  /** Where proxy variables and CDKTF_ENCRYPTION_CONNECT_TO are read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Certificate verification failures (Node's OpenSSL codes). */
const TLS_VERIFY_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME/;

const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH"]);

/** Closes pooled connections so a short-lived process can exit at once. */
export async function closeConnections(): Promise<void> {
  await closeRoutes();
}

/**
 * Sends signed JSON requests to one service with retries, backoff with jitter, per-attempt
 * timeouts and typed errors. Knows one signing scheme through its signer and one error
 * shape through its parser; knows nothing of what the service manages.
 */
export class HttpTransport {
  private readonly clock: Clock;
  private readonly log: Log;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: TransportOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLog;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 6;
  }

  async call<T>(call: ServiceCall): Promise<CallResult<T>> {
    const started = this.clock.now();
    for (let attempt = 0; ; attempt++) {
      let error: CloudError;
      try {
        return await this.attempt<T>(call);
      } catch (e) {
        if (!(e instanceof CloudError)) throw e;
        error = e;
      }
      // A refusal that proves nothing was done (busy, throttled) is retried for a while, not
      // only a number of times: some services stay busy for a known stretch after a change.
      const withinBusyWindow = !error.ambiguous && this.clock.now() - started < (this.options.busyRetryMs ?? 0);
      const last = attempt + 1 >= this.maxAttempts && !withinBusyWindow;
      if (!error.retryable || last || (error.ambiguous && !call.idempotent)) throw error;
      const backoff = backoffDelay(attempt, {
        baseMs: this.options.backoffBaseMs ?? 500,
        maxMs: this.options.backoffMaxMs ?? 20_000,
        random: this.options.random,
      });
      const delay = Math.max(backoff, (error.retryAfterSeconds ?? 0) * 1000);
      this.log.progress(
        `${call.service} ${call.operation}: ${error.code}${error.status ? ` (HTTP ${error.status})` : ""}, retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 2}${attempt + 2 <= this.maxAttempts ? ` of ${this.maxAttempts}` : ""})`,
      );
      await this.clock.sleep(delay);
    }
  }

  private async attempt<T>(call: ServiceCall): Promise<CallResult<T>> {
    const url = this.urlFor(call);
    const body = call.body === undefined ? "" : JSON.stringify(call.body);
    const baseHeaders: Record<string, string> = { ...(call.headers ?? {}) };
    if (body) baseHeaders["content-type"] ??= "application/json";
    const outgoing: OutgoingRequest = { method: call.method, url, headers: baseHeaders, body };
    const headers = { ...baseHeaders, ...(await this.options.signer.sign(outgoing, new Date(this.clock.now()))) };
    const started = Date.now();
    if (this.log.debugEnabled) this.log.debug(`${call.method} ${url.pathname}${url.search} ${JSON.stringify(redactHeaders(headers))}`);

    const route = routeFor(url, this.options.env ?? process.env);
    let status: number;
    let responseHeaders: Record<string, string>;
    let text: string;
    try {
      const response = await request(url, {
        method: call.method,
        headers,
        body: body || undefined,
        dispatcher: route.dispatcher,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      status = response.statusCode;
      responseHeaders = flattenHeaders(response.headers);
      text = await response.body.text();
    } catch (e) {
      throw this.networkError(call, e, route);
    }
    if (this.log.debugEnabled) this.log.debug(`${call.method} ${url.pathname} -> ${status} in ${Date.now() - started} ms`);

    const raw: RawResponse = { status, headers: responseHeaders, text };
    const serviceError = this.options.parseError(raw, call);
    if (serviceError) throw this.withRequestId(serviceError, responseHeaders);

    let parsed: unknown = {};
    if (text.trim() !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new CloudError({
          ...siteOf(call),
          status,
          code: "MalformedResponse",
          message: `the response is not JSON (starts with ${JSON.stringify(text.slice(0, 60))})`,
          requestId: this.requestId(responseHeaders),
          hint: "a proxy or gateway between you and the service may have answered instead of the service",
          retryable: true,
          ambiguous: true,
        });
      }
    }
    if (parsed === null || typeof parsed !== "object") {
      // Every answer of these APIs is a JSON object; `null` or a bare value is someone else's answer.
      throw new CloudError({
        ...siteOf(call),
        status,
        code: "MalformedResponse",
        message: `the response is JSON ${JSON.stringify(parsed).slice(0, 60)}, not an object`,
        requestId: this.requestId(responseHeaders),
        hint: "a proxy or gateway between you and the service may have answered instead of the service",
        retryable: true,
        ambiguous: true,
      });
    }
    const date = responseHeaders["date"] ? new Date(responseHeaders["date"]) : undefined;
    return {
      status,
      headers: responseHeaders,
      body: parsed as T,
      serverTime: date && !Number.isNaN(date.getTime()) ? date : undefined,
    };
  }

  private urlFor(call: ServiceCall): URL {
    const base = this.options.baseUrl;
    const url = new URL(base.origin + base.pathname.replace(/\/$/, "") + call.path);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      for (const v of typeof value === "string" ? [value] : value) url.searchParams.append(key, v);
    }
    return url;
  }

  private networkError(call: ServiceCall, e: unknown, route: NetworkRoute): CloudError {
    const err = e as { code?: string; message?: string; cause?: { code?: string } };
    const code = err.code ?? err.cause?.code ?? "NetworkError";
    const viaProxy = route.proxy && proxyError(siteOf(call), code, err.message ?? String(e), route.proxy, this.options.baseUrl.host);
    if (viaProxy) return viaProxy;
    const timedOut = code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
    const reset = code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "EPIPE";
    if (TLS_VERIFY_CODES.test(code)) {
      // A certificate that does not verify will not verify on a retry; nothing was sent.
      return new CloudError({
        ...siteOf(call),
        code,
        message: err.message ?? String(e),
        hint: `the certificate of ${this.options.baseUrl.origin} is valid for that name and issued by a CA this machine trusts (add a private CA with NODE_EXTRA_CA_CERTS)`,
        retryable: false,
        ambiguous: false,
      });
    }
    return new CloudError({
      ...siteOf(call),
      code: timedOut ? "Timeout" : reset ? "ConnectionReset" : code,
      message: timedOut
        ? `no complete response within ${this.timeoutMs / 1000} s`
        : (err.message ?? String(e)),
      hint: `that ${this.options.baseUrl.origin} is reachable from this machine`,
      retryable: true,
      ambiguous: !NEVER_SENT_CODES.has(code),
    });
  }

  private requestId(headers: Record<string, string>): string | undefined {
    for (const name of this.options.requestIdHeaders) {
      if (headers[name]) return headers[name];
    }
    return undefined;
  }

  private withRequestId(error: CloudError, headers: Record<string, string>): CloudError {
    const requestId = error.requestId ?? this.requestId(headers);
    const retryAfter = error.retryAfterSeconds ?? retryAfterSeconds(headers);
    if (requestId === error.requestId && retryAfter === error.retryAfterSeconds) return error;
    return new CloudError({ ...error.details(), requestId, retryAfterSeconds: retryAfter });
  }
}

function siteOf(call: CallSite): CallSite {
  return { service: call.service, operation: call.operation, resource: call.resource };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/**
 * `x-acs-retry-after` is in milliseconds: the official Alibaba SDK (`@alicloud/openapi-core`
 * `getThrottlingTimeLeft` → `@darabonba/typescript` `getBackoffDelay` → `sleep(ms)`) uses its
 * integer value as a delay in ms. `retry-after` is in seconds (RFC 9110).
 */
function retryAfterSeconds(headers: Record<string, string>): number | undefined {
  const value = headers["x-acs-retry-after"] ?? headers["retry-after"];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return headers["x-acs-retry-after"] ? seconds / 1000 : seconds;
  return undefined;
}

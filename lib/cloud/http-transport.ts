import { request } from "./undici-parts";
import { NetworkRoute, closeRoutes, routeFor, routesGeneration } from "./network-route";
import { proxyError } from "./proxy-error";
import { TunnelError } from "./proxy-tunnel";
import { CallSite, CloudError } from "./cloud-error";
import { CloudDialect, isThrottling } from "./cloud-dialect";
import { NEVER_SENT_CODES, RetryPolicy } from "./retry-policy";
import { Clock, MAX_TIMER_MS, systemClock } from "../runtime/clock";
import { formatDuration } from "../runtime/duration-text";
import { ConfigError } from "../runtime/config-error";
import { CONNECT_TO_ENV, ENDPOINT_ENV, isLoopbackHost } from "./endpoint";
import { Log, silentLog } from "../runtime/log";
import { Redactor, redactHeaders, registerSecret } from "../runtime/redact";
import { throttleGate } from "./throttle-gate";

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
   * are never repeated here: after a refusal (busy, throttled) another deploy may be making
   * the same change, after an unclear answer this one may have been made. The error says
   * `notRepeated`, and the caller observes before deciding again.
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
  /** The cloud's codes and headers: request id, throttling, waits, credentials on the wire. */
  readonly dialect: CloudDialect;
  readonly clock?: Clock;
  readonly log?: Log;
  /** Per-attempt limit for the whole answer, headers and body. @default 30 s */
  readonly timeoutMs?: number;
  /**
   * When the run must end, in this transport's clock (epoch ms): no wait between attempts
   * runs past it, and refusals that prove nothing was done (throttling, busy) are retried
   * until it, not a number of times. @default none (attempts and `busyRetryMs` bound a call)
   */
  readonly deadline?: number;
  /** Whether CDKTF_ENCRYPTION_ENDPOINT or CDKTF_ENCRYPTION_CONNECT_TO chose where requests go (for the hint of an unreachable endpoint). @default false */
  readonly endpointFromEnv?: boolean;
  /** Hides credential values in error messages before they are cut. @default the process environment's */
  readonly redactor?: Redactor;
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

/** The largest answer read; a larger one is the service's (or a proxy's) error, never retried. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** An attempt that starts when the run's deadline has passed (a last check) still gets this long. */
const LAST_ATTEMPT_MS = 5_000;
/** A difference between the service's clock and ours worth naming in an error. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Header values HTTP allows (RFC 9110 field-value): no control characters but tab. */
const VALID_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Closes pooled connections so a short-lived process can exit at once. */
export async function closeConnections(): Promise<void> {
  await closeRoutes();
}

/**
 * Sends signed JSON requests to one service with retries (retry-policy.ts), per-attempt
 * timeouts and typed errors. Knows one signing scheme through its signer, one error shape
 * through its parser and the cloud's codes and headers through its dialect; knows nothing of
 * what the service manages, nor of any vendor.
 */
export class HttpTransport {
  private readonly clock: Clock;
  private readonly log: Log;
  private readonly timeoutMs: number;
  private readonly redactor: Redactor;
  private readonly retries: RetryPolicy;
  private route?: NetworkRoute & { generation: number };

  constructor(private readonly options: TransportOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLog;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.redactor = options.redactor ?? new Redactor(process.env);
    this.retries = new RetryPolicy({ ...options, bounded: options.deadline !== undefined }, options.dialect);
  }

  async call<T>(call: ServiceCall): Promise<CallResult<T>> {
    const started = this.clock.now();
    const gate = throttleGate(this.clock, this.options.baseUrl.origin);
    const random = this.options.random ?? Math.random;
    for (let attempt = 1; ; attempt++) {
      // Another call's throttled answer holds this one too, with jitter so the held calls spread.
      const hold = gate.holdFor(this.clock.now());
      if (hold > 0) await this.clock.sleep(Math.min(hold * (1 + random() / 2), this.timeLeft(), MAX_TIMER_MS));
      let error: CloudError;
      try {
        const result = await this.attempt<T>(call);
        gate.passed();
        return result;
      } catch (e) {
        if (!(e instanceof CloudError)) throw e;
        error = e;
      }
      const throttled = isThrottling(error, this.options.dialect);
      const next = this.retries.decide({
        error,
        idempotent: call.idempotent,
        attempt,
        elapsedMs: this.clock.now() - started,
        backoffLevel: throttled ? gate.level : attempt - 1,
        timeLeftMs: this.timeLeft(),
      });
      if (throttled) gate.throttled(this.clock.now(), "retryIn" in next ? next.retryIn : 0);
      else gate.passed();
      if (!("retryIn" in next)) throw next.error;
      this.log.progress(
        `${describeSite(call)}: ${error.code} (${this.retries.reason(error)}), retrying in ${formatDuration(next.retryIn)} (attempt ${attempt + 1}${next.of ? ` of ${next.of}` : ""})`,
      );
      await this.clock.sleep(next.retryIn);
    }
  }

  /** Milliseconds until the run's deadline (Infinity without one). */
  private timeLeft(): number {
    return this.options.deadline === undefined ? Infinity : this.options.deadline - this.clock.now();
  }

  /** Milliseconds this attempt may take in all: the per-attempt limit, within the run's deadline. */
  private attemptLimit(): number {
    return Math.max(1, Math.min(this.timeoutMs, Math.max(this.timeLeft(), LAST_ATTEMPT_MS), MAX_TIMER_MS));
  }

  private async attempt<T>(call: ServiceCall): Promise<CallResult<T>> {
    const url = this.urlFor(call);
    const body = call.body === undefined ? "" : JSON.stringify(call.body);
    const baseHeaders: Record<string, string> = { ...(call.headers ?? {}) };
    if (body) baseHeaders["content-type"] ??= "application/json";
    const outgoing: OutgoingRequest = { method: call.method, url, headers: baseHeaders, body };
    const headers = { ...baseHeaders, ...(await this.options.signer.sign(outgoing, new Date(this.clock.now()))) };
    this.checkHeaders(headers);
    this.registerWireCredentials(headers);
    const started = Date.now();
    if (this.log.debugEnabled) this.log.debug(`${call.method} ${url.pathname}${url.search} ${JSON.stringify(redactHeaders(headers))}`);

    // Every call of a transport goes to one origin: its route (proxy, connect-to, direct) is
    // decided once, not on each attempt (reading the environment costs more than the request).
    if (this.route?.generation !== routesGeneration()) {
      this.route = { ...routeFor(url, this.options.env ?? process.env, { connectTimeoutMs: this.timeoutMs }), generation: routesGeneration() };
    }
    const route = this.route;
    // One limit for the whole answer: undici's header and body timeouts restart on every
    // interim (1xx) response and every body chunk, so a server trickling bytes would hold
    // them open for ever.
    const limitMs = this.attemptLimit();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), limitMs);
    // The limit ends the attempt even where undici does not look at the signal: a request
    // queued behind a connection still being opened (a proxy that never answers CONNECT).
    const limit = new Promise<never>((_, reject) => abort.signal.addEventListener("abort", () => reject(new Error("attempt limit")), { once: true }));
    limit.catch(() => undefined);
    let status: number;
    let responseHeaders: Record<string, string>;
    let text: string;
    try {
      const sent = request(url, {
        method: call.method,
        headers,
        body: body || undefined,
        dispatcher: route.dispatcher,
        headersTimeout: limitMs,
        bodyTimeout: limitMs,
        signal: abort.signal,
      });
      const response = await Promise.race([sent, limit]);
      status = response.statusCode;
      responseHeaders = flattenHeaders(response.headers);
      text = await Promise.race([readCapped(response.body, responseHeaders), limit]);
    } catch (e) {
      if (e instanceof ResponseTooLarge) throw this.tooLarge(call, e.bytes);
      throw this.networkError(call, abort.signal.aborted ? { code: "UND_ERR_DEADLINE" } : e, limitMs, route);
    } finally {
      clearTimeout(timer);
    }
    if (this.log.debugEnabled) this.log.debug(`${call.method} ${url.pathname} -> ${status} in ${Date.now() - started} ms`);

    const date = responseHeaders["date"] ? new Date(responseHeaders["date"]) : undefined;
    const serverTime = date && !Number.isNaN(date.getTime()) ? date : undefined;
    if (status >= 300 && status < 400) throw this.finish(this.redirected(call, status, responseHeaders), responseHeaders, serverTime);
    const raw: RawResponse = { status, headers: responseHeaders, text };
    const serviceError = this.options.parseError(raw, call);
    if (serviceError) throw this.finish(serviceError, responseHeaders, serverTime);

    let parsed: unknown = {};
    if (text.trim() !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw this.finish(
          new CloudError({
            ...siteOf(call),
            status,
            code: "MalformedResponse",
            message: `the response is not JSON (starts with ${JSON.stringify(text.slice(0, 60))})`,
            hint: "a proxy or gateway between you and the service may have answered instead of the service",
            retryable: true,
            ambiguous: true,
          }),
          responseHeaders,
          serverTime,
        );
      }
    }
    if (parsed === null || typeof parsed !== "object") {
      // Every answer of these APIs is a JSON object; `null` or a bare value is someone else's answer.
      throw this.finish(
        new CloudError({
          ...siteOf(call),
          status,
          code: "MalformedResponse",
          message: `the response is JSON ${JSON.stringify(parsed).slice(0, 60)}, not an object`,
          hint: "a proxy or gateway between you and the service may have answered instead of the service",
          retryable: true,
          ambiguous: true,
        }),
        responseHeaders,
        serverTime,
      );
    }
    return { status, headers: responseHeaders, body: parsed as T, serverTime };
  }

  private urlFor(call: ServiceCall): URL {
    const base = this.options.baseUrl;
    const url = new URL(base.origin + base.pathname.replace(/\/$/, "") + call.path);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      for (const v of typeof value === "string" ? [value] : value) url.searchParams.append(key, v);
    }
    return url;
  }

  private redirected(call: ServiceCall, status: number, headers: Record<string, string>): CloudError {
    const location = headers["location"];
    return new CloudError({
      ...siteOf(call),
      status,
      code: `HTTP${status}`,
      message: `the answer is a redirect to ${location ? JSON.stringify(location) : "no Location"}, not followed: signed requests go only to ${this.options.baseUrl.origin}`,
      hint: `the endpoint is the service's (${ENDPOINT_ENV}, region); a proxy or captive portal may be answering`,
      retryable: false,
      ambiguous: false,
    });
  }

  private tooLarge(call: ServiceCall, bytes: number): CloudError {
    return new CloudError({
      ...siteOf(call),
      code: "ResponseTooLarge",
      message: `the answer is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB (${bytes} bytes or more read); reading stopped`,
      hint: `that ${this.options.baseUrl.origin} is the service's endpoint: a proxy or gateway may be answering instead`,
      retryable: false,
      ambiguous: true,
    });
  }

  private networkError(call: ServiceCall, e: unknown, limitMs: number, route: NetworkRoute): CloudError {
    const err = e as { code?: string; message?: string; cause?: { code?: string } };
    const code = err.code ?? err.cause?.code ?? "NetworkError";
    const viaProxy = route.proxy && proxyError(siteOf(call), code, err.message ?? String(e), route.proxy, this.options.baseUrl.host, e);
    if (viaProxy) return this.safe(viaProxy);
    const base = this.options.baseUrl;
    const authority = `${base.hostname}:${base.port || (base.protocol === "https:" ? "443" : "80")}`;
    const waitingFor = code === "UND_ERR_DEADLINE" ? route.tunnel?.waitingFor(authority) : undefined;
    if (waitingFor && route.proxy) {
      // The attempt's limit (or the run's deadline) passed while the proxy was still opening the tunnel.
      const stalled = new TunnelError("ProxyTimeout", authority, `left ${waitingFor} unanswered for ${formatDuration(limitMs)}`);
      return this.safe(proxyError(siteOf(call), stalled.code, stalled.message, route.proxy, base.host, stalled)!);
    }
    const timedOut = code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_DEADLINE";
    const reset = code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "EPIPE";
    if (TLS_VERIFY_CODES.test(code)) {
      // A certificate that does not verify will not verify on a retry; nothing was sent.
      return this.safe(
        new CloudError({
          ...siteOf(call),
          code,
          message: err.message ?? String(e),
          hint: `the certificate of ${this.options.baseUrl.origin} is valid for that name and issued by a CA this machine trusts (add a private CA with NODE_EXTRA_CA_CERTS)`,
          retryable: false,
          ambiguous: false,
        }),
      );
    }
    const host = this.options.baseUrl.hostname;
    const publicEndpoint = !this.options.endpointFromEnv && !isLoopbackHost(host);
    const hint = NEVER_SENT_CODES.has(code) && publicEndpoint
      ? `that ${this.options.baseUrl.origin} is reachable from this machine (DNS, firewall, proxy); for the emulator or a private endpoint set ${ENDPOINT_ENV} (or ${CONNECT_TO_ENV})`
      : `that ${this.options.baseUrl.origin} is reachable from this machine`;
    return this.safe(
      new CloudError({
        ...siteOf(call),
        code: timedOut ? "Timeout" : reset ? "ConnectionReset" : code,
        message: timedOut ? `no complete response within ${formatDuration(limitMs)}` : (err.message ?? String(e)),
        hint,
        retryable: true,
        ambiguous: !NEVER_SENT_CODES.has(code),
      }),
    );
  }

  private requestId(headers: Record<string, string>): string | undefined {
    for (const name of this.options.dialect.requestIdHeaders) {
      if (headers[name]) return headers[name];
    }
    return undefined;
  }

  /**
   * The service's error as printed: request id and retry-after from the headers, a clock
   * difference named, throttling always retryable, and every credential redacted before the
   * message is cut to one line.
   */
  private finish(error: CloudError, headers: Record<string, string>, serverTime: Date | undefined): CloudError {
    const details = { ...error.details() };
    const requestId = error.requestId ?? this.requestId(headers);
    const retryAfter = error.retryAfterSeconds ?? this.options.dialect.retryAfterSeconds(headers, this.clock.now());
    let hint = details.hint;
    if (this.options.dialect.isClockRefusal(error.code) && !hint) hint = "the machine's clock is right (signatures are valid for a few minutes around the service's time)";
    // The machine's own clock, not an injected one: it is what signatures are dated with.
    const skew = serverTime ? serverTime.getTime() - Date.now() : 0;
    let message = details.message;
    if (Math.abs(skew) > CLOCK_SKEW_MS) {
      message = `${message.trim().replace(/\.$/, "")} (the service's clock is ${formatDuration(Math.abs(skew))} ${skew > 0 ? "ahead of" : "behind"} this machine's)`;
    }
    const throttled = isThrottling(error, this.options.dialect);
    return this.safe(
      new CloudError({
        ...details,
        message,
        hint,
        requestId,
        retryAfterSeconds: retryAfter,
        retryable: details.retryable || throttled,
        ambiguous: throttled ? false : details.ambiguous,
      }),
    );
  }

  /** A header value that HTTP cannot carry is a credential or setting with a stray control character. */
  private checkHeaders(headers: Record<string, string>): void {
    for (const [name, value] of Object.entries(headers)) {
      if (VALID_HEADER_VALUE.test(value)) continue;
      throw new ConfigError(
        `the ${name} header carries a control character (a newline, tab or similar inside a value): a credential or setting has one in it. Check the credential variables (${this.options.dialect.credentialVariables}, …) for a stray character`,
      );
    }
  }

  /** The credential values exactly as they go on the wire, so an echo of them is redacted everywhere. */
  private registerWireCredentials(headers: Record<string, string>): void {
    const { dialect } = this.options;
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (dialect.credentialHeaders.has(lower)) registerSecret(value);
      if (lower === "authorization") registerSecret(dialect.accessKeyInAuthorization(value));
    }
  }

  private safe(error: CloudError): CloudError {
    const d = error.details();
    const redact = (text: string | undefined) => (text === undefined ? undefined : this.redactor.redact(text));
    return new CloudError({ ...d, code: redact(d.code)!, message: redact(d.message)!, requestId: redact(d.requestId), hint: redact(d.hint) });
  }
}

class ResponseTooLarge extends Error {
  constructor(readonly bytes: number) {
    super("response too large");
  }
}

/** Reads a body up to MAX_RESPONSE_BYTES; past it, stops reading and closes the stream. */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(error?: Error): void }, headers: Record<string, string>): Promise<string> {
  const declared = Number(headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES) {
    body.destroy();
    throw new ResponseTooLarge(declared);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      body.destroy();
      throw new ResponseTooLarge(size);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function describeSite(call: CallSite): string {
  return call.resource ? `${call.service} ${call.operation} on ${call.resource}` : `${call.service} ${call.operation}`;
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

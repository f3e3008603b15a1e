import { request } from "./undici-parts";
import { NetworkRoute, closeRoutes, routeFor, routesGeneration } from "./network-route";
import { PROXY_NEVER_SENT_CODES, proxyError } from "./proxy-error";
import { TunnelError } from "./proxy-tunnel";
import { backoffDelay } from "./backoff";
import { CallSite, CloudError } from "./cloud-error";
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
  /** Header carrying the request id in this service's responses. */
  readonly requestIdHeaders: readonly string[];
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

const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH", ...PROXY_NEVER_SENT_CODES]);

/** How long an endpoint that cannot be reached at all is tried before the call gives up. */
export const UNREACHABLE_RETRY_MS = 20_000;
/** The largest answer read; a larger one is the service's (or a proxy's) error, never retried. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** An attempt that starts when the run's deadline has passed (a last check) still gets this long. */
const LAST_ATTEMPT_MS = 5_000;
/** Without a run deadline, a service asking to wait longer than this is not waited for. */
const MAX_UNBOUNDED_WAIT_MS = 5 * 60_000;
/** A difference between the service's clock and ours worth naming in an error. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Header values HTTP allows (RFC 9110 field-value): no control characters but tab. */
const VALID_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

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
  private readonly redactor: Redactor;
  private route?: NetworkRoute & { generation: number };

  constructor(private readonly options: TransportOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLog;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.redactor = options.redactor ?? new Redactor(process.env);
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
      const throttled = isThrottling(error);
      const next = this.nextStep(error, call, attempt, started, throttled ? gate.level : attempt - 1);
      if (throttled) gate.throttled(this.clock.now(), "retryIn" in next ? next.retryIn : 0);
      else gate.passed();
      if (!("retryIn" in next)) throw next.error;
      this.log.progress(
        `${describeSite(call)}: ${error.code} (${retryReason(error)}), retrying in ${formatDuration(next.retryIn)} (attempt ${attempt + 1}${next.of ? ` of ${next.of}` : ""})`,
      );
      await this.clock.sleep(next.retryIn);
    }
  }

  /** Milliseconds until the run's deadline (Infinity without one). */
  private timeLeft(): number {
    return this.options.deadline === undefined ? Infinity : this.options.deadline - this.clock.now();
  }

  /**
   * Whether and when to try again. Refusals that prove nothing was done (throttling, busy,
   * 503) are retried until the run's deadline; an unreachable endpoint for UNREACHABLE_RETRY_MS
   * (and at most `maxAttempts` times); other errors `maxAttempts` times. A call that is not
   * idempotent is never repeated: the reconciler observes and decides again.
   */
  private nextStep(
    error: CloudError,
    call: ServiceCall,
    attempt: number,
    started: number,
    backoffLevel: number,
  ): { retryIn: number; of?: number } | { error: CloudError } {
    const elapsed = this.clock.now() - started;
    const retryable = error.retryable || isThrottling(error);
    if (!call.idempotent) return { error: new CloudError({ ...error.details(), notRepeated: true }) };
    if (!retryable) return { error: attempt > 1 ? this.gaveUp(error, attempt, elapsed) : error };
    const backoff = backoffDelay(backoffLevel, {
      baseMs: this.options.backoffBaseMs ?? 500,
      maxMs: this.options.backoffMaxMs ?? 20_000,
      random: this.options.random,
    });
    const serverWait = (error.retryAfterSeconds ?? 0) * 1000;
    const delay = Math.max(backoff, serverWait);
    const left = this.timeLeft();
    const unreachable = NEVER_SENT_CODES.has(error.code);
    const refusal = !error.ambiguous && !unreachable;
    const bounded = this.options.deadline !== undefined;
    const inBusyWindow = elapsed < (this.options.busyRetryMs ?? 0);
    let allowed: boolean;
    // "attempt N of M" only where M really ends the retries.
    let of: number | undefined;
    if (unreachable) allowed = elapsed + delay < UNREACHABLE_RETRY_MS && attempt < this.maxAttempts;
    else if (refusal && bounded) allowed = true;
    else if (refusal && inBusyWindow) allowed = true;
    else {
      allowed = attempt < this.maxAttempts;
      of = this.maxAttempts;
    }
    if (!allowed) return { error: this.gaveUp(error, attempt, elapsed, unreachable ? ` (an unreachable endpoint is tried for ${formatDuration(UNREACHABLE_RETRY_MS)})` : "") };
    if (left <= 0) return { error: this.gaveUp(error, attempt, elapsed, ": the run's timeout ran out") };
    if (serverWait > (bounded ? left : MAX_UNBOUNDED_WAIT_MS)) {
      const limit = bounded ? `the ${formatDuration(left)} left of the run's timeout` : `the longest wait taken without a timeout (${formatDuration(MAX_UNBOUNDED_WAIT_MS)})`;
      return { error: this.gaveUp(error, attempt, elapsed, `: the service asked to wait ${formatDuration(serverWait)}, more than ${limit}`) };
    }
    return { retryIn: Math.min(delay, left, MAX_TIMER_MS), of };
  }

  private gaveUp(error: CloudError, attempts: number, elapsedMs: number, why = ""): CloudError {
    const tries = attempts === 1 ? "after 1 attempt" : `after ${attempts} attempts in ${formatDuration(elapsedMs)}`;
    return new CloudError({ ...error.details(), outcome: `gave up ${tries}${why}` });
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
    checkHeaders(headers);
    registerWireCredentials(headers);
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
    for (const name of this.options.requestIdHeaders) {
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
    const retryAfter = error.retryAfterSeconds ?? retryAfterSeconds(headers, this.clock.now());
    let hint = details.hint;
    if (/^InvalidTimeStamp/.test(error.code) && !hint) hint = "the machine's clock is right (signatures are valid for a few minutes around the service's time)";
    // The machine's own clock, not an injected one: it is what signatures are dated with.
    const skew = serverTime ? serverTime.getTime() - Date.now() : 0;
    let message = details.message;
    if (Math.abs(skew) > CLOCK_SKEW_MS) {
      message = `${message.trim().replace(/\.$/, "")} (the service's clock is ${formatDuration(Math.abs(skew))} ${skew > 0 ? "ahead of" : "behind"} this machine's)`;
    }
    const throttled = isThrottling(error);
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

  private safe(error: CloudError): CloudError {
    const d = error.details();
    const redact = (text: string | undefined) => (text === undefined ? undefined : this.redactor.redact(text));
    return new CloudError({ ...d, code: redact(d.code)!, message: redact(d.message)!, requestId: redact(d.requestId), hint: redact(d.hint) });
  }
}

/**
 * 429, Huawei's gateway `APIGW.0308` (also spelled `APIG.0308` in Huawei's FAQ pages: "The
 * throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second",
 * HTTP 429, support.huaweicloud.com/api-bpconsole/fci_00001.html) and Alibaba's codes containing
 * `Throttling` (`Throttling.User`, `Throttling.Api`, …): the service asks for fewer requests.
 */
export function isThrottling(error: CloudError): boolean {
  return error.status === 429 || error.code === "APIGW.0308" || error.code === "APIG.0308" || /Throttling/.test(error.code);
}

/** Retried service codes in a few words (the services' error code references). */
const CODE_MEANINGS: Record<string, string> = {
  "DWS.7023": "cluster busy",
  "DWS.0005": "service unavailable",
  ServiceUnavailable: "service unavailable",
};

/** What a retried code means, in a few words, for the progress line. */
function retryReason(error: CloudError): string {
  if (isThrottling(error)) return "throttled: too many requests";
  if (error.status === 503 || error.code === "ServiceUnavailable") return "service unavailable";
  switch (error.code) {
    case "Timeout":
      return "no answer in time";
    case "ConnectionReset":
      return "connection dropped";
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host name not found";
    case "UND_ERR_CONNECT_TIMEOUT":
      return "no connection in time";
    case "ProxyClosed":
      return "the proxy closed the connection";
    case "ProxyTimeout":
      return "the proxy did not answer";
    case "ProxyRefused":
      return "the proxy refused the tunnel";
    case "ProxyTunnelClosed":
      return "the proxy's tunnel closed";
    case "MalformedResponse":
      return "unreadable answer";
  }
  if (CODE_MEANINGS[error.code]) return CODE_MEANINGS[error.code];
  if (!error.ambiguous && error.status !== undefined) return "busy, nothing was done";
  return error.status !== undefined && error.status >= 500 ? "server error" : "network error";
}

function describeSite(call: CallSite): string {
  return call.resource ? `${call.service} ${call.operation} on ${call.resource}` : `${call.service} ${call.operation}`;
}

/** A header value that HTTP cannot carry is a credential or setting with a stray control character. */
function checkHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (VALID_HEADER_VALUE.test(value)) continue;
    throw new ConfigError(
      `the ${name} header carries a control character (a newline, tab or similar inside a value): a credential or setting has one in it. Check the credential variables (HW_ACCESS_KEY, HW_SECURITY_TOKEN, ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_SECURITY_TOKEN, …) for a stray character`,
    );
  }
}

/** The credential values exactly as they go on the wire, so an echo of them is redacted everywhere. */
function registerWireCredentials(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === "x-security-token" || lower === "x-acs-security-token" || lower === "x-acs-accesskey-id" || lower === "x-auth-token") registerSecret(value);
    if (lower === "authorization") {
      // `SDK-HMAC-SHA256 Access=AK, …` (Huawei) and `ACS3-HMAC-SHA256 Credential=AK,…` (Alibaba).
      const key = /(?:Access|Credential)=([^,/\s]+)/.exec(value)?.[1];
      registerSecret(key);
    }
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
 * integer value as a delay in ms. `retry-after` is in seconds or an HTTP date (RFC 9110 §10.2.3).
 */
function retryAfterSeconds(headers: Record<string, string>, now: number): number | undefined {
  const acs = headers["x-acs-retry-after"];
  if (acs !== undefined) {
    const ms = Number(acs);
    return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : undefined;
  }
  const value = headers["retry-after"];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

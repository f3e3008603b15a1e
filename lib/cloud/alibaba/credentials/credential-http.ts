import { backoffDelay } from "../../backoff";
import { Clock } from "../../../runtime/clock";
import { formatDuration } from "../../../runtime/duration-text";
import { isLoopbackHost } from "../../endpoint";
import { routeFor } from "../../network-route";
import { Agent, request } from "../../undici-parts";
import { CredentialSourceError } from "./credential-source-error";

export interface CredentialAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  /** The answer's `Date`, the issuer's clock. */
  readonly serverTime?: Date;
}

export interface CredentialRequest {
  readonly method: "GET" | "PUT" | "POST";
  readonly url: URL;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Whole request, connect included. @default 10 s (the official SDK's read timeout for STS and URIs) */
  readonly timeoutMs?: number;
  /** Plain http allowed to this non-loopback host (the instance metadata service is http by design). */
  readonly allowHttp?: boolean;
  /**
   * The run's environment: STS and credentials URIs go through its proxy (HTTPS_PROXY, NO_PROXY)
   * and CDKTF_ENCRYPTION_CONNECT_TO like every other request. Unset for instance metadata, which
   * answers only on the host itself.
   */
  readonly env?: NodeJS.ProcessEnv;
}

/** Thrown when the host did not answer at all; the chain may then try its next source. */
export class CredentialHostUnreachable extends CredentialSourceError {}

/** How a credential request is repeated when the service answers that it is busy or failing. */
export interface CredentialRetry {
  readonly clock: Clock;
  /** Also repeat when the host did not answer at all (STS, a URI); never for a metadata probe. */
  readonly whenUnreachable: boolean;
  /** @default 4 */
  readonly attempts?: number;
}

/**
 * Whether an answer is worth asking again: HTTP 5xx, or an error code of throttling or
 * unavailability, as the alicloud provider's `needRetry` (`alicloud/connectivity/config.go`:
 * `ServiceUnavailable`, `Rejected.Throttling`, any code containing `Throttling`, 5xx) decides.
 */
export function isRetryableAnswer(answer: CredentialAnswer): boolean {
  if (answer.status >= 500) return true;
  const code = /"Code"\s*:\s*"([^"]*)"/.exec(answer.text)?.[1] ?? "";
  return code === "ServiceUnavailable" || code.includes("Throttling");
}

/**
 * A credential request repeated like any idempotent read when the service is busy or failing
 * (STS 503, throttling), a few times with a growing pause, so one blip does not fail a deploy.
 * A signed request is made anew for each attempt (`request` as a function): STS refuses a
 * signature nonce it has seen.
 */
export async function retriedCredentialRequest(source: string, check: string, request: CredentialRequest | (() => CredentialRequest), retry: CredentialRetry): Promise<CredentialAnswer> {
  const attempts = retry.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await credentialRequest(source, check, typeof request === "function" ? request() : request);
      if (attempt >= attempts || !isRetryableAnswer(answer)) return answer;
    } catch (error) {
      if (!(error instanceof CredentialHostUnreachable) || !retry.whenUnreachable || attempt >= attempts) throw error;
    }
    await retry.clock.sleep(backoffDelay(attempt - 1, { baseMs: 200, maxMs: 2000 }));
  }
}

/**
 * One request of a credential source (STS, instance metadata, a credentials URI), on a
 * connection of its own that is closed afterwards (a run makes one to three). Certificates are
 * always verified.
 */
export async function credentialRequest(source: string, check: string, req: CredentialRequest): Promise<CredentialAnswer> {
  const route = req.env === undefined ? undefined : routeFor(req.url, req.env);
  // Plain http goes only to loopback: the URL's host, or the CDKTF_ENCRYPTION_CONNECT_TO address dialled instead.
  const dialled = route?.connectTo?.hostname ?? req.url.hostname;
  if (req.url.protocol === "http:" && !req.allowHttp && !isLoopbackHost(dialled)) {
    throw new CredentialSourceError(source, `${req.url.origin} uses plain http to a non-loopback host`, "use an https URL (plain http only on 127.0.0.1/localhost)");
  }
  const timeoutMs = req.timeoutMs ?? 10_000;
  const own = route === undefined ? new Agent({ connect: { rejectUnauthorized: true } }) : undefined;
  const dispatcher = own ?? route!.dispatcher;
  try {
    const response = await request(req.url, {
      dispatcher,
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
    const date = headers["date"] ? new Date(headers["date"]) : undefined;
    return { status: response.statusCode, headers, text: await response.body.text(), serverTime: date && !Number.isNaN(date.getTime()) ? date : undefined };
  } catch (e) {
    const err = e as { code?: string; name?: string; message?: string; cause?: { code?: string } };
    const code = err.name === "TimeoutError" || err.name === "AbortError" ? `no answer within ${formatDuration(timeoutMs)}` : (err.code ?? err.cause?.code ?? err.message ?? String(e));
    throw new CredentialHostUnreachable(source, `${req.url.origin} is unreachable (${code})`, check);
  } finally {
    void own?.destroy();
  }
}

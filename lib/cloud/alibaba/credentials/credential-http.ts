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

/**
 * One request of a credential source (STS, instance metadata, a credentials URI), on a
 * connection of its own that is closed afterwards (a run makes one to three). Certificates are
 * always verified. Not retried: a source that does not answer is a configuration problem to
 * report, not a blip to wait out.
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
    const code = err.name === "TimeoutError" || err.name === "AbortError" ? `no answer within ${timeoutMs / 1000} s` : (err.code ?? err.cause?.code ?? err.message ?? String(e));
    throw new CredentialHostUnreachable(source, `${req.url.origin} is unreachable (${code})`, check);
  } finally {
    void own?.destroy();
  }
}

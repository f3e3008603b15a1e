import type { Socket } from "node:net";
import type { buildConnector } from "undici";
import { formatDuration } from "../runtime/duration-text";
import { socketConnector } from "./undici-parts";

/** Codes of a tunnel that failed at the proxy: nothing reached the service. */
export type TunnelFailure = "ProxyClosed" | "ProxyTimeout" | "ProxyRefused" | "ProxyAuthenticationRequired" | "ProxyTunnelClosed";

/** A CONNECT tunnel that could not be opened, with what was waited for (`CONNECT to host:443`). */
export class TunnelError extends Error {
  constructor(
    readonly code: TunnelFailure,
    /** `host:port` the tunnel was asked for. */
    readonly authority: string,
    message: string,
    /** The proxy's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A CONNECT answer larger than this is not a proxy's. */
const MAX_ANSWER_BYTES = 16 * 1024;

/** Errors of a TLS handshake that would fail again the same way: not the tunnel's fault. */
const TLS_VERIFY_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME/;

/** What a tunnel connector is waiting for now, by authority: for the line that ends a run at its deadline. */
export interface TunnelWaits {
  /** `CONNECT to host:443`, `the TLS handshake with host:443 through the tunnel`, or undefined when nothing is pending. */
  waitingFor(authority: string): string | undefined;
  /** Everything still being waited for, oldest first. */
  pending(): string[];
  /** Ends every connection still being opened (a short-lived process exits at once). */
  destroy(): void;
}

/**
 * undici connector for https through an HTTP CONNECT proxy, in place of undici's ProxyAgent
 * tunnel: each step — the connection to the proxy, the proxy's answer to CONNECT, the TLS
 * handshake with the service through the tunnel — ends within `timeoutMs`, and every failure
 * is a TunnelError naming what was waited for. undici's own tunnel reports a proxy that closes
 * the CONNECT as a socket error, which its client answers by connecting again at once (undici 7
 * `client.js` `onError` leaves queued requests alone for `UND_ERR_SOCKET`): ~100 000 CONNECTs in
 * 30 s, and a CONNECT without an answer was waited for as long as the proxy kept it open.
 */
export function tunnelConnector(
  proxy: URL,
  timeoutMs: number,
  tls: { readonly rejectUnauthorized: true },
): { connect: buildConnector.connector; waits: TunnelWaits } {
  const toProxy = socketConnector({ ...tls, timeout: timeoutMs });
  const toService = socketConnector({ ...tls, timeout: timeoutMs });
  const authorization = proxyAuthorization(proxy);
  const pending = new Map<Socket, { authority: string; stage: string }>();

  const connect: buildConnector.connector = (options, callback) => {
    const authority = `${options.hostname}:${options.port || (options.protocol === "https:" ? "443" : "80")}`;
    const proxyPort = proxy.port || (proxy.protocol === "https:" ? "443" : "80");
    toProxy({ hostname: proxy.hostname, host: proxy.host, protocol: proxy.protocol, port: proxyPort, servername: proxy.hostname }, (error, socket) => {
      // Refused, not resolved, no connection in time: the transport names the proxy it could not reach.
      if (error || !socket) return callback(error ?? new Error("no socket"), null);
      const state = { authority, stage: `CONNECT to ${authority}` };
      pending.set(socket, state);
      const done = (...args: buildConnector.CallbackArgs) => {
        pending.delete(socket);
        callback(...args);
      };
      openTunnel(socket, authority, authorization, timeoutMs).then(
        () => {
          state.stage = `the TLS handshake with ${authority} through the tunnel`;
          toService({ ...options, httpSocket: socket }, (tlsError, tlsSocket) => {
            if (tlsError || !tlsSocket) {
              socket.destroy();
              const code = (tlsError as { code?: string } | null)?.code ?? "";
              // A certificate that does not verify is the service's (or an inspecting proxy's) answer, reported as such.
              if (TLS_VERIFY_CODES.test(code)) return done(tlsError!, null);
              return done(new TunnelError("ProxyTunnelClosed", authority, `opened the tunnel (CONNECT to ${authority}), then the TLS handshake with the service through it failed: ${tlsError?.message ?? "no socket"}`), null);
            }
            done(null, tlsSocket);
          });
        },
        (tunnelError: TunnelError) => {
          socket.destroy();
          done(tunnelError, null);
        },
      );
    });
  };

  return {
    connect,
    waits: {
      waitingFor: (authority) => [...pending.values()].find((p) => p.authority === authority)?.stage,
      pending: () => [...new Set([...pending.values()].map((p) => p.stage))],
      destroy: () => {
        for (const socket of pending.keys()) socket.destroy();
      },
    },
  };
}

/** `Proxy-Authorization` from the proxy URL's user and password (RFC 7617 Basic), as undici's ProxyAgent sends it. */
function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials).toString("base64")}`;
}

/**
 * Sends `CONNECT authority` (RFC 9110 §9.3.6) and waits for the proxy's answer: any 2xx opens
 * the tunnel. Rejects with a TunnelError when the proxy closes, answers otherwise, sends
 * something that is not an HTTP answer, or does not answer within `timeoutMs`.
 */
function openTunnel(socket: Socket, authority: string, authorization: string | undefined, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let answer = Buffer.alloc(0);
    const finish = (error?: TunnelError) => {
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("close", onClose);
      socket.off("error", onError);
      socket.pause();
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
      const end = answer.indexOf("\r\n\r\n");
      if (end < 0) {
        if (answer.length > MAX_ANSWER_BYTES) finish(new TunnelError("ProxyRefused", authority, `answered CONNECT to ${authority} with something that is not HTTP (over ${MAX_ANSWER_BYTES} bytes without an end of headers)`));
        return;
      }
      const statusLine = answer.subarray(0, answer.indexOf("\r\n")).toString("latin1");
      const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})\b/.exec(statusLine)?.[1]);
      if (!status) return finish(new TunnelError("ProxyRefused", authority, `answered CONNECT to ${authority} with something that is not HTTP: ${JSON.stringify(statusLine.slice(0, 40))}`));
      if (status === 407) return finish(new TunnelError("ProxyAuthenticationRequired", authority, `requires authentication (HTTP 407) for CONNECT to ${authority}`, status));
      if (status < 200 || status > 299) return finish(new TunnelError("ProxyRefused", authority, `answered HTTP ${status} to CONNECT to ${authority}`, status));
      // The service speaks only after the ClientHello: bytes past the answer are not expected; keep them for TLS.
      const rest = answer.subarray(end + 4);
      finish();
      // Errors from here on are the TLS socket's; this keeps a late one from being unhandled.
      socket.on("error", () => undefined);
      if (rest.length > 0) socket.unshift(rest);
    };
    const onClose = () => finish(new TunnelError("ProxyClosed", authority, `closed the connection before answering CONNECT to ${authority}`));
    const onError = (error: Error) => finish(new TunnelError("ProxyClosed", authority, `dropped the connection before answering CONNECT to ${authority}: ${error.message}`));
    const timer = setTimeout(
      () => finish(new TunnelError("ProxyTimeout", authority, `left CONNECT to ${authority} unanswered for ${formatDuration(timeoutMs)}`)),
      timeoutMs,
    );
    socket.on("data", onData);
    socket.on("close", onClose);
    socket.on("error", onError);
    const headers = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`, ...(authorization ? [`Proxy-Authorization: ${authorization}`] : []), "", ""];
    socket.write(headers.join("\r\n"));
  });
}

import { Clock } from "../clock";
import { ErrorParser, HttpTransport } from "../http-transport";
import { Log } from "../log";
import { requestTimeoutFromEnv } from "../request-timeout";
import { alibabaCredentialsFromEnv } from "./alibaba-credentials";
import { AlibabaService, alibabaBaseUrl } from "./alibaba-endpoints";
import { AlibabaSigner } from "./alibaba-signer";

export interface AlibabaClientOptions {
  readonly region: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  readonly log?: Log;
  /** Per-attempt request timeout. @default 30 s */
  readonly timeoutMs?: number;
  /** Attempts per call. @default 6 */
  readonly maxAttempts?: number;
  readonly backoffBaseMs?: number;
  /** Source of `x-acs-signature-nonce`; injectable for tests. @default 16 random bytes in hex */
  readonly nonce?: () => string;
}

/** A transport for one Alibaba Cloud ROA service in one region, credentials from the environment. */
export function alibabaTransport(service: AlibabaService, parseError: ErrorParser, options: AlibabaClientOptions): HttpTransport {
  const env = options.env ?? process.env;
  return new HttpTransport({
    baseUrl: alibabaBaseUrl(service, options.region, env),
    signer: new AlibabaSigner(alibabaCredentialsFromEnv(env), options.nonce),
    parseError,
    requestIdHeaders: ["x-acs-request-id"],
    clock: options.clock,
    log: options.log,
    timeoutMs: options.timeoutMs ?? requestTimeoutFromEnv(env),
    maxAttempts: options.maxAttempts,
    backoffBaseMs: options.backoffBaseMs,
  });
}

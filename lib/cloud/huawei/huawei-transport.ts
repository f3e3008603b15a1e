import { Clock } from "../clock";
import { ErrorParser, HttpTransport } from "../http-transport";
import { Log } from "../log";
import { requestTimeoutFromEnv } from "../request-timeout";
import { huaweiCredentialsFromEnv } from "./huawei-credentials";
import { HuaweiService, huaweiBaseUrl } from "./huawei-endpoints";
import { HuaweiSigner } from "./huawei-signer";

export interface HuaweiClientOptions {
  readonly region: string;
  readonly projectId: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  readonly log?: Log;
  /** Per-attempt request timeout. @default 30 s */
  readonly timeoutMs?: number;
  /** Attempts per call. @default 6 */
  readonly maxAttempts?: number;
  readonly backoffBaseMs?: number;
}

/** A transport for one Huawei Cloud service in one region and project, from the environment. */
export function huaweiTransport(service: HuaweiService, parseError: ErrorParser, options: HuaweiClientOptions): HttpTransport {
  const env = options.env ?? process.env;
  return new HttpTransport({
    baseUrl: huaweiBaseUrl(service, options.region, env),
    signer: new HuaweiSigner(huaweiCredentialsFromEnv(env), options.projectId),
    parseError,
    requestIdHeaders: ["x-request-id", "x-openstack-request-id"],
    clock: options.clock,
    log: options.log,
    timeoutMs: options.timeoutMs ?? requestTimeoutFromEnv(env),
    maxAttempts: options.maxAttempts,
    backoffBaseMs: options.backoffBaseMs,
  });
}

import { CloudError } from "./cloud-error";

/**
 * What one cloud's wire says beyond HTTP, for the generic transport (http-transport.ts), which
 * knows no vendor code or header: where the request id is, which codes ask for fewer requests,
 * what a retried code means, how long an answer asks to wait, and which request headers carry
 * credentials. Each cloud supplies its own (huawei/huawei-dialect.ts, alibaba/alibaba-dialect.ts);
 * the error body itself is read by the service's ErrorParser.
 */
export interface CloudDialect {
  /** Response headers (lower case) carrying the request id; the first present wins. */
  readonly requestIdHeaders: readonly string[];
  /** Whether a code is the cloud asking for fewer requests (HTTP 429 always is). */
  isThrottlingCode(code: string): boolean;
  /** Whether a code refuses the request's timestamp: the machine's clock is the thing to check. */
  isClockRefusal(code: string): boolean;
  /** Retried codes in a few words, for the progress line (`DWS.7023` → "cluster busy"). */
  readonly codeMeanings: Readonly<Record<string, string>>;
  /** Seconds an answer asks to wait before the next request, from its headers. */
  retryAfterSeconds(headers: Record<string, string>, now: number): number | undefined;
  /** Request headers (lower case) whose values are credentials as sent, redacted wherever echoed. */
  readonly credentialHeaders: ReadonlySet<string>;
  /** The access key id inside this cloud's `Authorization` value. */
  accessKeyInAuthorization(authorization: string): string | undefined;
  /** The variables to check when a signed header carries a control character. */
  readonly credentialVariables: string;
}

/** Whether the service asks for fewer requests: HTTP 429 or the cloud's own throttling code. */
export function isThrottling(error: CloudError, dialect: CloudDialect): boolean {
  return error.status === 429 || dialect.isThrottlingCode(error.code);
}

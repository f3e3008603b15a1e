import { CloudDialect } from "../cloud-dialect";
import { httpRetryAfterSeconds } from "../retry-policy";
import { isAlibabaThrottling } from "./ack-errors";

/**
 * Alibaba Cloud's wire for the generic transport: the request id in `x-acs-request-id`,
 * throttling codes (any code containing `Throttling`), `InvalidTimeStamp.*` for a request dated
 * too far from the gateway's clock, the wait in `x-acs-retry-after`, and the credentials the
 * ACS3-HMAC-SHA256 signer puts on a request (`Authorization: ACS3-HMAC-SHA256 Credential=AK,…`,
 * `x-acs-accesskey-id`, `x-acs-security-token`).
 */
export const ALIBABA_DIALECT: CloudDialect = {
  requestIdHeaders: ["x-acs-request-id"],
  isThrottlingCode: isAlibabaThrottling,
  isClockRefusal: (code) => code.startsWith("InvalidTimeStamp"),
  codeMeanings: { ServiceUnavailable: "service unavailable" },
  retryAfterSeconds: alibabaRetryAfterSeconds,
  credentialHeaders: new Set(["x-acs-security-token", "x-acs-accesskey-id"]),
  accessKeyInAuthorization: (authorization) => /Credential=([^,/\s]+)/.exec(authorization)?.[1],
  credentialVariables: "ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN",
};

/**
 * `x-acs-retry-after` is in milliseconds: the official Alibaba SDK (`@alicloud/openapi-core`
 * `getThrottlingTimeLeft` → `@darabonba/typescript` `getBackoffDelay` → `sleep(ms)`) uses its
 * integer value as a delay in ms. Without it, `Retry-After` as HTTP defines it.
 */
function alibabaRetryAfterSeconds(headers: Record<string, string>, now: number): number | undefined {
  const acs = headers["x-acs-retry-after"];
  if (acs === undefined) return httpRetryAfterSeconds(headers, now);
  const ms = Number(acs);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : undefined;
}

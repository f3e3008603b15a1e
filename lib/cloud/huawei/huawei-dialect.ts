import { CloudDialect } from "../cloud-dialect";
import { httpRetryAfterSeconds } from "../retry-policy";
import { isHuaweiThrottling } from "./huawei-errors";

/**
 * Huawei Cloud's wire for the generic transport: the request id in `X-Request-Id` (API
 * gateway) or, *unverified* (docs/cloud-fidelity.md), `X-Openstack-Request-Id` (IAM and other
 * OpenStack-derived services; only an error line's request id rests on it), the
 * gateway's throttling code, `Retry-After` as HTTP defines it, and the credentials the
 * SDK-HMAC-SHA256 signer (`Authorization: SDK-HMAC-SHA256 Access=AK, …`, `X-Security-Token`)
 * or a token (`X-Auth-Token`) put on a request.
 */
export const HUAWEI_DIALECT: CloudDialect = {
  requestIdHeaders: ["x-request-id", "x-openstack-request-id"],
  isThrottlingCode: isHuaweiThrottling,
  isClockRefusal: () => false,
  // The DWS error code reference.
  codeMeanings: { "DWS.7023": "cluster busy", "DWS.0005": "service unavailable" },
  retryAfterSeconds: httpRetryAfterSeconds,
  credentialHeaders: new Set(["x-security-token", "x-auth-token"]),
  accessKeyInAuthorization: (authorization) => /Access=([^,/\s]+)/.exec(authorization)?.[1],
  credentialVariables: "HW_ACCESS_KEY, HW_SECRET_KEY, HW_SECURITY_TOKEN, HW_AUTH_TOKEN",
};

import { createHash } from "node:crypto";
import { timingSafeEqual } from "node:crypto";
import { HUAWEI_ALGORITHM, UNSIGNED_PAYLOAD, huaweiSignature, parseSdkDate } from "../cloud/huawei/sdk-hmac-sha256";
import { Caller } from "./emulator-service";

export interface HuaweiAccount {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly readOnly?: boolean;
  readonly noPermissions?: boolean;
  /** Temporary keys: requests must carry this `X-Security-Token`, signed. */
  readonly securityToken?: string;
  /** Temporary keys: refused from this instant on (the emulator's clock, ms). */
  readonly expiresAt?: number;
  /** Who the key belongs to, for the call log: `user alice`, `agency x in domain y`. */
  readonly principal?: string;
}

/** An IAM token the gateway accepts as `X-Auth-Token`. */
export interface HuaweiToken {
  readonly token: string;
  readonly principal?: string;
  /** Refused from this instant on (the emulator's clock, ms). */
  readonly expiresAt?: number;
}

export interface GatewayVerdict {
  readonly caller?: Caller;
  readonly code?: string;
  readonly message?: string;
}

/**
 * An expired token: APIGW.0307 "The token must be updated." (HTTP 401) in API Gateway's error
 * code table (support.huaweicloud.com, APIG error codes). Expired temporary AK/SK get the same
 * answer here: *unverified* which code the gateway gives them.
 */
const TOKEN_MUST_BE_UPDATED: GatewayVerdict = { code: "APIGW.0307", message: "The token must be updated." };

/** The API gateway's window for `X-Sdk-Date`, either side of its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Checks an SDK-HMAC-SHA256 signature (or an `X-Auth-Token`) the way Huawei's API gateway
 * does, answering APIGW.0301 for anything wrong (APIGW.0307 for what has expired). Freshness is judged by the real clock.
 */
export function verifyHuaweiRequest(
  request: { method: string; path: string; query: URLSearchParams; headers: Record<string, string>; body: Buffer },
  accounts: readonly HuaweiAccount[],
  tokens: readonly HuaweiToken[],
  now: number = Date.now(),
): GatewayVerdict {
  const token = request.headers["x-auth-token"];
  const authorization = request.headers["authorization"];
  if (!authorization && token) {
    const known = tokens.find((t) => t.token === token);
    if (known?.expiresAt !== undefined && known.expiresAt <= now) {
      return TOKEN_MUST_BE_UPDATED;
    }
    return known
      ? { caller: { accessKey: "token", readOnly: false, principal: known.principal } }
      : { code: "APIGW.0301", message: "Incorrect IAM authentication information: the token is invalid or expired" };
  }
  if (!authorization) return { code: "APIGW.0301", message: "Incorrect IAM authentication information: Authorization header is missing" };
  const m = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/.exec(authorization.trim());
  if (!m) return { code: "APIGW.0301", message: `Incorrect IAM authentication information: Authorization is not ${HUAWEI_ALGORITHM}` };
  const [, accessKey, signedList, signature] = m;
  const account = accounts.find((a) => a.accessKey === accessKey);
  if (!account) return { code: "APIGW.0301", message: "Incorrect IAM authentication information: ak not found" };
  if (account.securityToken !== undefined) {
    // Temporary keys: their security token must be sent and signed, and they end on the emulated clock.
    if (request.headers["x-security-token"] !== account.securityToken || !signedList.split(";").includes("x-security-token")) {
      return { code: "APIGW.0301", message: "Incorrect IAM authentication information: the security token is missing or does not belong to this ak" };
    }
    if (account.expiresAt !== undefined && account.expiresAt <= now) {
      return TOKEN_MUST_BE_UPDATED;
    }
  }
  const signedNames = signedList.split(";");
  if (!signedNames.includes("host") || !signedNames.includes("x-sdk-date")) {
    return { code: "APIGW.0301", message: "Incorrect IAM authentication information: host and x-sdk-date must be signed" };
  }
  const dateText = request.headers["x-sdk-date"] ?? "";
  const date = parseSdkDate(dateText);
  if (!date) return { code: "APIGW.0301", message: "Incorrect IAM authentication information: x-sdk-date is malformed" };
  if (Math.abs(Date.now() - date.getTime()) > MAX_SKEW_MS) {
    return { code: "APIGW.0301", message: "Incorrect IAM authentication information: the signature has expired (x-sdk-date is more than 15 minutes off)" };
  }
  const signed: Record<string, string> = {};
  for (const name of signedNames) {
    const value = request.headers[name];
    if (value === undefined) return { code: "APIGW.0301", message: `Incorrect IAM authentication information: signed header ${name} is missing` };
    signed[name] = value;
  }
  const query: Record<string, string[]> = {};
  for (const [key, value] of request.query) (query[key] ??= []).push(value);
  const payloadHash =
    request.headers["x-sdk-content-sha256"] === UNSIGNED_PAYLOAD && signedNames.includes("x-sdk-content-sha256")
      ? UNSIGNED_PAYLOAD
      : createHash("sha256").update(request.body).digest("hex");
  const expected = huaweiSignature({ method: request.method, path: request.path, query, headers: signed, payloadHash }, dateText, account.secretKey);
  const ok = expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  if (!ok) return { code: "APIGW.0301", message: "Incorrect IAM authentication information: verify aksk signature fail" };
  return { caller: { accessKey, readOnly: account.readOnly ?? false, noPermissions: account.noPermissions, principal: account.principal } };
}

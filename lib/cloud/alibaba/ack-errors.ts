import { CallSite, CloudError } from "../cloud-error";
import { RawResponse } from "../http-transport";

/**
 * Alibaba Cloud's gateway codes for a request whose keys or signature are not accepted (the
 * "common error codes" of Alibaba Cloud OpenAPI; the same the emulator's gateway answers).
 */
const AUTHENTICATION_CODES = /^(SignatureDoesNotMatch|IncompleteSignature|MissingAuthorization|SignatureNonceUsed|InvalidAccessKeyId(\..+)?|InvalidSecurityToken(\..+)?|InvalidTimeStamp(\..+)?)$/;

/** Whether a code is Alibaba Cloud's gateway refusing who signed. */
export function isAlibabaAuthenticationCode(code: string): boolean {
  return AUTHENTICATION_CODES.test(code);
}

/** ACK's error body, in either capitalisation. */
interface AlibabaErrorBody {
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  Message?: unknown;
  requestId?: unknown;
  RequestId?: unknown;
  status?: unknown;
  /** With a RAM denial (`StatusForbidden`): `AuthAction` names the action the caller lacks. */
  accessDeniedDetail?: { AuthAction?: unknown };
  AccessDeniedDetail?: { AuthAction?: unknown };
}

/** What to check, per error code. */
const HINTS: Record<string, string> = {
  ErrorClusterNotFound: "the cluster id is right and the cluster is in this region (AckCluster region, ALICLOUD_REGION / ALIBABA_CLOUD_REGION)",
  ForbiddenUpdateKMSState:
    "the RAM user or role needs the cluster's RBAC administrator or O&M engineer role (ACK console > Authorization), besides the RAM permission cs:UpdateKMSEncryption",
  // Alibaba Cloud's RAM troubleshooting page lists it among the OpenAPI denials (RPC-style APIs).
  "Forbidden.RAM": "the RAM user or role is allowed this cs: action on this cluster",
  // Unverified code (no official page lists it): only a hint, nothing branches on it.
  ErrorClusterState: "the cluster is running (not updating, upgrading or failed) in the ACK console",
  SignatureDoesNotMatch: "ALIBABA_CLOUD_ACCESS_KEY_SECRET belongs to ALIBABA_CLOUD_ACCESS_KEY_ID and the machine's clock is right",
  IncompleteSignature: "ALIBABA_CLOUD_ACCESS_KEY_SECRET belongs to ALIBABA_CLOUD_ACCESS_KEY_ID and the machine's clock is right",
  "InvalidAccessKeyId.NotFound": "ALIBABA_CLOUD_ACCESS_KEY_ID (or ALICLOUD_ACCESS_KEY) is an existing, enabled AccessKey",
  "InvalidSecurityToken.Expired": "ALIBABA_CLOUD_SECURITY_TOKEN has not expired: request new STS credentials",
  "InvalidSecurityToken.Malformed": "ALIBABA_CLOUD_SECURITY_TOKEN is the token issued with these STS credentials",
};

/**
 * Throttling is any code that contains `Throttling` (the official SDK's rule; the alicloud
 * provider also lists `Rejected.Throttling`, which comes with HTTP 400).
 */
export function isAlibabaThrottling(code: string): boolean {
  return code.includes("Throttling");
}

/** Throttling, ServiceUnavailable and 5xx are refusals worth repeating. */
export function isRetryableAlibabaCode(code: string, status: number): boolean {
  return isAlibabaThrottling(code) || code === "ServiceUnavailable" || status === 429 || status >= 500;
}

/**
 * ACK's RAM denial: HTTP 403 `StatusForbidden` with "RAM policy Forbidden for action cs:X"
 * (or "STSToken policy Forbidden …") and `accessDeniedDetail.AuthAction`. The hint names the
 * missing action.
 */
function ramDenialHint(code: string, message: string, body: AlibabaErrorBody | undefined): string | undefined {
  if (code !== "StatusForbidden") return undefined;
  const detail = body?.accessDeniedDetail ?? body?.AccessDeniedDetail;
  const action = text(detail?.AuthAction) ?? /Forbidden for action ([\w:*-]+)/.exec(message)?.[1];
  return action
    ? `the RAM user or role (or the STS token's policy) is allowed ${action}: grant it in RAM (a custom policy with "Action": "${action}"), or use credentials that have it`
    : "the RAM user or role (or the STS token's policy) is allowed the cs: action named in the message";
}

/**
 * Parses ACK's JSON errors (`code`/`message`/`requestId`, or `Code`/`Message`/`RequestId`).
 * A 409 is not retried here: after a change ACK refuses the next one for about five minutes,
 * which the reconciler waits out with a message rather than the transport silently.
 */
export function parseAlibabaError(response: RawResponse, site: CallSite): CloudError | undefined {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  const body = parseBody(response.text);
  const code = text(body?.code ?? body?.Code) ?? `HTTP${status}`;
  const message = text(body?.message ?? body?.Message) ?? (body ? "the service gave no message" : describeNonJson(response.text));
  const requestId = text(body?.requestId ?? body?.RequestId) ?? response.headers["x-acs-request-id"];
  const retryable = isRetryableAlibabaCode(code, status);
  const server = status >= 500 && status !== 503 && code !== "ServiceUnavailable";
  return new CloudError({
    ...site,
    status,
    code,
    message,
    requestId,
    hint: HINTS[code] ?? ramDenialHint(code, message, body) ?? (status === 404 ? `the ${site.resource ?? "resource"} exists in this region` : undefined),
    retryable,
    // 503 and throttling are refusals before any work; other server errors may hide work done.
    ambiguous: server && !isAlibabaThrottling(code),
  });
}

function parseBody(raw: string): AlibabaErrorBody | undefined {
  if (!raw.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as AlibabaErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function describeNonJson(raw: string): string {
  const trimmed = raw.trim();
  if (!trimmed) return "empty response";
  return `non-JSON response starting ${JSON.stringify(trimmed.slice(0, 60))}`;
}

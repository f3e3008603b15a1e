import { CallSite, CloudError } from "../cloud-error";
import { RawResponse } from "../http-transport";

/** ACK's error body, in either capitalisation. */
interface AlibabaErrorBody {
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  Message?: unknown;
  requestId?: unknown;
  RequestId?: unknown;
  status?: unknown;
}

/** What to check, per error code. */
const HINTS: Record<string, string> = {
  ErrorClusterNotFound: "the cluster id is right and the cluster is in this region (AckCluster region, ALIBABA_CLOUD_REGION)",
  ForbiddenUpdateKMSState:
    "the RAM user or role needs the cluster's RBAC administrator or O&M engineer role (ACK console > Authorization), besides the RAM permission cs:UpdateKMSEncryption",
  "Forbidden.RAM": "the RAM user or role is allowed this cs: action on this cluster",
  ErrorCheckAcl: "the RAM user or role is allowed this cs: action on this cluster",
  ErrorClusterState: "the cluster is running (not updating, upgrading or failed) in the ACK console",
  SignatureDoesNotMatch: "ALIBABA_CLOUD_ACCESS_KEY_SECRET belongs to ALIBABA_CLOUD_ACCESS_KEY_ID and the machine's clock is right",
  IncompleteSignature: "ALIBABA_CLOUD_ACCESS_KEY_SECRET belongs to ALIBABA_CLOUD_ACCESS_KEY_ID and the machine's clock is right",
  "InvalidAccessKeyId.NotFound": "ALIBABA_CLOUD_ACCESS_KEY_ID (or ALICLOUD_ACCESS_KEY) is an existing, enabled AccessKey",
  "InvalidSecurityToken.Expired": "ALIBABA_CLOUD_SECURITY_TOKEN has not expired: request new STS credentials",
  "InvalidSecurityToken.Malformed": "ALIBABA_CLOUD_SECURITY_TOKEN is the token issued with these STS credentials",
};

/** Throttling* codes, ServiceUnavailable and 5xx are refusals worth repeating. */
export function isRetryableAlibabaCode(code: string, status: number): boolean {
  return code.startsWith("Throttling") || code === "ServiceUnavailable" || status === 429 || status >= 500;
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
    hint: HINTS[code] ?? (status === 404 ? `the ${site.resource ?? "resource"} exists in this region` : undefined),
    retryable,
    // 503 and throttling are refusals before any work; other server errors may hide work done.
    ambiguous: server && !code.startsWith("Throttling"),
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

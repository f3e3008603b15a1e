import { CallSite, CloudError } from "../cloud-error";
import { RawResponse } from "../http-transport";

/**
 * The API gateway's throttling, `APIGW.0308` (also spelled `APIG.0308` in Huawei's FAQ pages:
 * "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1
 * second", HTTP 429, support.huaweicloud.com/api-bpconsole/fci_00001.html).
 */
const THROTTLING_CODES: ReadonlySet<string> = new Set(["APIGW.0308", "APIG.0308"]);

/** Whether a code is Huawei's gateway asking for fewer requests. */
export function isHuaweiThrottling(code: string): boolean {
  return THROTTLING_CODES.has(code);
}

/**
 * Whether a code is the API gateway refusing who signed: its `APIGW.03xx` authentication codes
 * (APIGW.0301 "incorrect IAM authentication information", …), except APIGW.0308, its throttling.
 */
export function isHuaweiAuthenticationCode(code: string): boolean {
  return code.startsWith("APIGW.03") && !isHuaweiThrottling(code);
}

export interface HuaweiErrorRules {
  /** Codes that mean "busy right now, nothing was done": retried with backoff. */
  readonly busyCodes: ReadonlySet<string>;
  /** Codes that mean the resource does not exist, whatever the HTTP status. */
  readonly notFoundCodes: ReadonlySet<string>;
  /** Codes that mean success although they sit where an error would (`DWS.0000`). */
  readonly successCodes?: ReadonlySet<string>;
  /** A hint per code, or a function of the site for the rest. */
  readonly hints?: Record<string, string>;
}

interface HuaweiErrorBody {
  error_code?: string;
  error_msg?: string;
  errCode?: string;
  externalMessage?: string;
  code?: string;
  message?: string;
  error?: { code?: string; message?: string };
}

/**
 * Parses both Huawei error shapes (`error_code`/`error_msg` and the legacy
 * `errCode`/`externalMessage`, plus the API gateway's), including an error inside an HTTP 200.
 */
export function huaweiErrorParser(rules: HuaweiErrorRules) {
  return (response: RawResponse, site: CallSite): CloudError | undefined => {
    const body = parseBody(response.text);
    const code = body?.error_code ?? body?.errCode ?? body?.error?.code ?? (response.status >= 400 ? body?.code : undefined);
    const message = body?.error_msg ?? body?.externalMessage ?? body?.error?.message ?? body?.message;
    const ok = response.status >= 200 && response.status < 300;
    if (ok && (!code || rules.successCodes?.has(code))) return undefined;

    const status = response.status;
    const finalCode = code ?? (body ? `HTTP${status}` : nonJsonCode(status));
    const busy = rules.busyCodes.has(finalCode) || wrappedBusyCode(finalCode, message, rules) !== undefined;
    const server = status >= 500 || finalCode.endsWith(".9999") || finalCode === "DWS.0005";
    const throttled = status === 429;
    const notFound = rules.notFoundCodes.has(finalCode) || status === 404;
    return new CloudError({
      ...site,
      status,
      code: finalCode,
      message: message ?? (body ? "the service gave no message" : describeNonJson(response)),
      hint: hintFor(finalCode, status, notFound, rules, site, message),
      retryable: busy || server || throttled,
      // 503 and 429 are refusals before any work; other server errors may hide work done.
      ambiguous: server && status !== 503 && !busy,
    });
  };
}

/**
 * A busy code carried in the message of a generic server error: DWS wraps "cluster status is
 * not allowed to operation" as `DWS.9999` whose message holds `DWS.7023` (documented by the
 * huaweicloud Terraform provider). Nothing was done: retried as busy, not as an unclear failure.
 */
function wrappedBusyCode(code: string, message: string | undefined, rules: HuaweiErrorRules): string | undefined {
  if (!code.endsWith(".9999") || !message) return undefined;
  return [...rules.busyCodes].find((busy) => message.includes(busy));
}

function hintFor(code: string, status: number, notFound: boolean, rules: HuaweiErrorRules, site: CallSite, message?: string): string | undefined {
  if (rules.hints?.[code]) return rules.hints[code];
  const wrapped = wrappedBusyCode(code, message, rules);
  if (wrapped && rules.hints?.[wrapped]) return rules.hints[wrapped];
  if (isHuaweiAuthenticationCode(code) || status === 401) {
    return "HW_ACCESS_KEY/HW_SECRET_KEY (or HW_AUTH_TOKEN) are valid for this account and the machine's clock is right";
  }
  if (notFound) return `the ${site.resource ?? "resource"} exists in this region and project (HW_REGION_NAME, project id)`;
  if (status === 403) return "the credentials' IAM user or agency is allowed this operation on this resource";
  return undefined;
}

function parseBody(text: string): HuaweiErrorBody | undefined {
  if (!text.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as HuaweiErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

function nonJsonCode(status: number): string {
  return status >= 200 && status < 300 ? "MalformedResponse" : `HTTP${status}`;
}

function describeNonJson(response: RawResponse): string {
  const text = response.text.trim();
  if (!text) return "empty response";
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  return title ? `the gateway answered with an HTML page "${title.trim()}"` : `non-JSON response starting ${JSON.stringify(text.slice(0, 60))}`;
}

import { nonEmptyText, requiredObject } from "../answer-fields";
import { CallSite, CloudError } from "../cloud-error";
import { HttpTransport, RawResponse } from "../http-transport";
import { huaweiErrorParser } from "./huawei-errors";
import { HuaweiClientOptions, huaweiTransport } from "./huawei-transport";

const SERVICE = "KMS";

/**
 * `key_state` of the official model (`KeyDetails`, huaweicloud SDK kms/v2; DEW API reference
 * "查询密钥信息"): "1" pending activation, "2" enabled, "3" disabled, "4" pending deletion,
 * "5" pending import. The huaweicloud Terraform provider uses the same values.
 */
export const HUAWEI_KEY_STATES: Readonly<Record<string, HuaweiKeyState>> = {
  "1": "pending-activation",
  "2": "enabled",
  "3": "disabled",
  "4": "pending-deletion",
  "5": "pending-import",
};

export type HuaweiKeyState = "pending-activation" | "enabled" | "disabled" | "pending-deletion" | "pending-import" | "unknown";

/** One Huawei KMS key as describe-key reports it (`key_info`). */
export interface HuaweiKmsKey {
  readonly keyId: string;
  readonly keyAlias?: string;
  readonly state: HuaweiKeyState;
  /** The raw `key_state`, for messages. */
  readonly rawState?: string;
  /** AES_256, SM4, RSA_2048, … */
  readonly keySpec?: string;
  /** ENCRYPT_DECRYPT or SIGN_VERIFY. */
  readonly keyUsage?: string;
  /** Seconds since the epoch (a string), when the key is pending deletion. */
  readonly scheduledDeletionDate?: string;
  /** "1" for a Default Master Key that a cloud service created for itself. */
  readonly defaultKeyFlag?: string;
}

/**
 * Codes of the DEW API reference's KMS error table (huaweicloudDocs/dew, "加密密钥错误码"):
 * KMS.0205 invalid key_id, KMS.0207 key does not exist; KMS.0306 the user may not access the
 * key, KMS.0307 the user's role may not call the API. The table gives no HTTP status per code.
 */
export const KMS_NOT_FOUND_CODES = new Set(["KMS.0205", "KMS.0207"]);
export const KMS_DENIED_CODES = new Set(["KMS.0306", "KMS.0307"]);

const flatParser = huaweiErrorParser({
  busyCodes: new Set(),
  notFoundCodes: KMS_NOT_FOUND_CODES,
  hints: {
    "KMS.0205": "the key id is a Huawei KMS key id (36 characters) of this region and project",
    "KMS.0207": "the key exists in this region and project (a key of another region or project is not visible here)",
    "KMS.0306": "the IAM user or agency is allowed kms:cmk:get on this key",
    "KMS.0307": "the IAM user or agency is allowed kms:cmk:get (KMS CMKReadOnlyAccess or KMS Administrator)",
  },
});

/**
 * KMS answers errors nested (`{"error":{"error_code","error_msg"}}`, per the DEW API
 * reference); the shared Huawei parser reads the flat shape, so the nested one is flattened first.
 */
export function parseHuaweiKmsError(response: RawResponse, site: CallSite): CloudError | undefined {
  let text = response.text;
  try {
    const body = JSON.parse(text) as { error?: { error_code?: unknown; error_msg?: unknown } };
    if (body && typeof body.error === "object" && body.error && typeof body.error.error_code === "string") {
      text = JSON.stringify({ error_code: body.error.error_code, error_msg: body.error.error_msg });
    }
  } catch {
    // Not JSON: the shared parser describes it.
  }
  return flatParser({ ...response, text }, site);
}

/** Whether a KMS error means the caller may not read the key (so the preflight cannot judge it). */
export function isHuaweiKmsDenied(error: unknown): error is CloudError {
  return error instanceof CloudError && error.service === SERVICE && (error.status === 403 || KMS_DENIED_CODES.has(error.code));
}

export function isHuaweiKmsNotFound(error: unknown): error is CloudError {
  return error instanceof CloudError && error.service === SERVICE && (error.status === 404 || KMS_NOT_FOUND_CODES.has(error.code));
}

/** The Huawei KMS (DEW) call this library makes: read one key. */
export class HuaweiKmsClient {
  private readonly transport: HttpTransport;

  constructor(private readonly options: HuaweiClientOptions) {
    this.transport = huaweiTransport("kms", parseHuaweiKmsError, options);
  }

  /** `POST /v1.0/{project_id}/kms/describe-key` with `{"key_id"}` (ListKeyDetail in the official SDKs). */
  async describeKey(keyId: string): Promise<HuaweiKmsKey> {
    const site = { service: SERVICE, operation: "DescribeKey", resource: `key ${keyId}` };
    const path = `/v1.0/${encodeURIComponent(this.options.projectId)}/kms/describe-key`;
    const headers = { "content-type": "application/json;charset=UTF-8" };
    const result = await this.transport.call<Record<string, unknown>>({ ...site, method: "POST", path, headers, body: { key_id: keyId }, idempotent: true });
    const info = requiredObject(result.body, "key_info", site, "Huawei KMS");
    const rawState = nonEmptyText(info.key_state);
    return {
      keyId: nonEmptyText(info.key_id) ?? keyId,
      keyAlias: nonEmptyText(info.key_alias),
      state: (rawState ? HUAWEI_KEY_STATES[rawState] : undefined) ?? "unknown",
      rawState,
      keySpec: nonEmptyText(info.key_spec),
      keyUsage: nonEmptyText(info.key_usage),
      scheduledDeletionDate: nonEmptyText(info.scheduled_deletion_date),
      defaultKeyFlag: nonEmptyText(info.default_key_flag),
    };
  }
}

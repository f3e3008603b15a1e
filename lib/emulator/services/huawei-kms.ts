import { HttpReply } from "../http-reply";
import { keptById, patchKept } from "./kept-resources";
import { EmulatorService, Route, RouteRequest, ServiceContext } from "../emulator-service";

/** One Huawei KMS key as the emulator keeps it (fixture and `/_emulator/state` shape). */
export interface KmsKey {
  key_id: string;
  key_alias: string;
  region: string;
  project_id: string;
  /** enabled, disabled, pending_deletion, pending_activation, pending_import (answered as "1"…"5"). */
  key_state: string;
  /** AES_256, SM4, RSA_2048, … @default "AES_256" */
  key_spec?: string;
  /** ENCRYPT_DECRYPT or SIGN_VERIFY. @default "ENCRYPT_DECRYPT" */
  key_usage?: string;
  /** "1" for a Default Master Key a cloud service created. @default "0" */
  default_key_flag?: string;
}

/**
 * `key_state` values of the official model (`KeyDetails`, huaweicloud SDK kms/v2; DEW API
 * reference "查询密钥信息"): "1" pending activation … "5" pending import.
 */
const KEY_STATE_CODES: Record<string, string> = {
  pending_activation: "1",
  enabled: "2",
  disabled: "3",
  pending_deletion: "4",
  pending_import: "5",
};

/**
 * Error codes and messages from the DEW API reference's KMS error table ("加密密钥错误码").
 * *Unverified*: the HTTP status of each. The table gives none; 400 follows the only example
 * found (an SDK treating 400 + KMS.0205 as not found). Clients branch on the codes and on 403/404,
 * never on 400 alone.
 */
export const KMS_ERRORS = {
  missingParameter: { status: 400, code: "KMS.0204", message: "The request message lacks required parameters." },
  invalidKeyId: { status: 400, code: "KMS.0205", message: "Invalid key_id." },
  keyNotFound: { status: 400, code: "KMS.0207", message: "The key does not exist." },
  noPermission: { status: 403, code: "KMS.0306", message: "The user has no permission to access the key." },
} as const;

/** Account (domain) id of the emulated world. */
const DOMAIN_ID = "b168fe00ff56492495a7d22974df2d0b";
const KEY_ID = /^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$/;

/**
 * Huawei KMS (DEW): describe-key for the hook's preflight, and the keys DWS and TaurusDB check
 * when they encrypt. Errors in KMS's nested shape `{"error":{"error_code","error_msg"}}`.
 */
export class HuaweiKmsService implements EmulatorService {
  readonly name = "kms";
  readonly signing = "huawei" as const;
  readonly requestIdHeader = "x-request-id";
  private keys = new Map<string, KmsKey>();

  readonly routes: readonly Route[] = [
    {
      operation: "DescribeKey",
      method: "POST",
      pattern: /^\/v1\.0\/(?<project>[^/]+)\/kms\/describe-key$/,
      mutating: false,
      handle: (r) => this.describeKey(r),
    },
  ];

  constructor(private readonly ctx: ServiceContext) {}

  /** The key if it exists in that region and project. */
  find(keyId: string, region: string, projectId: string): KmsKey | undefined {
    const key = this.keys.get(keyId);
    return key && key.region === region && key.project_id === projectId ? key : undefined;
  }

  errorReply(status: number, code: string, message: string, requestId: string): HttpReply {
    return new HttpReply(status, { error: { error_code: code, error_msg: message } }, { "x-request-id": requestId });
  }

  deniedReply(_operation: string, requestId: string): HttpReply {
    const { status, code, message } = KMS_ERRORS.noPermission;
    return this.errorReply(status, code, message, requestId);
  }

  snapshot(): unknown {
    return { keys: [...this.keys.values()] };
  }

  load(slice: unknown): void {
    this.keys = keptById((slice as { keys?: KmsKey[] } | undefined)?.keys, (k) => k.key_id);
  }

  patch(id: string, fields: Record<string, unknown>): void {
    patchKept(this.keys, id, fields, "KMS key", this.ctx);
  }

  /**
   * A key of another project is not visible: a Huawei project belongs to one region, so this
   * also hides keys of other regions.
   */
  private describeKey(r: RouteRequest): HttpReply {
    const keyId = (r.body as { key_id?: unknown } | undefined)?.key_id;
    if (keyId === undefined) throw this.fail(KMS_ERRORS.missingParameter);
    if (typeof keyId !== "string" || !KEY_ID.test(keyId)) throw this.fail(KMS_ERRORS.invalidKeyId);
    const key = this.keys.get(keyId);
    if (!key || key.project_id !== r.params.project) throw this.fail(KMS_ERRORS.keyNotFound);
    const created = Math.floor(this.ctx.clock.now() / 1000) - 90 * 86_400;
    return new HttpReply(200, {
      key_info: {
        key_id: key.key_id,
        domain_id: DOMAIN_ID,
        key_alias: key.key_alias,
        realm: key.region,
        key_spec: key.key_spec ?? "AES_256",
        key_usage: key.key_usage ?? "ENCRYPT_DECRYPT",
        key_description: "",
        creation_date: String(created),
        scheduled_deletion_date: key.key_state === "pending_deletion" ? String(Math.floor(this.ctx.clock.now() / 1000) + 7 * 86_400) : "",
        key_state: KEY_STATE_CODES[key.key_state] ?? key.key_state,
        default_key_flag: key.default_key_flag ?? "0",
        key_type: "1",
        expiration_time: "",
        origin: "kms",
        key_rotation_enabled: "false",
        sys_enterprise_project_id: "0",
        keystore_id: "0",
        key_label: "",
        partition_type: "",
      },
    });
  }

  private fail(error: { status: number; code: string; message: string }): HttpReply {
    return new HttpReply(error.status, { error: { error_code: error.code, error_msg: error.message } });
  }
}

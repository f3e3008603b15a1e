import { randomUUID } from "node:crypto";
import { HttpReply } from "../http-reply";
import { keptById, patchKept } from "./kept-resources";
import { EmulatorService, Route, RouteRequest, ServiceContext } from "../emulator-service";

export interface AlibabaKmsKey {
  key_id: string;
  alias?: string;
  region: string;
  /** Aliyun_AES_256, Aliyun_SM4, RSA_2048, … */
  key_spec: string;
  /** ENCRYPT/DECRYPT or SIGN/VERIFY. */
  key_usage: string;
  /** Enabled, Disabled, PendingDeletion, PendingImport. */
  key_state: string;
  /** A key a cloud service created for itself, which customers cannot use elsewhere. */
  service_key?: boolean;
}

/** Account id of the emulated world: `Creator` of customer keys, part of every ARN. */
const ACCOUNT_ID = "1540355698840000";
/**
 * *Unverified*: what DescribeKey's `Creator` holds for a service key. The official model says
 * "the Alibaba Cloud account that is used to create the CMK"; the emulator answers a service
 * name for service keys, which is what the preflight's service-key rule expects.
 */
const SERVICE_KEY_CREATOR = "Cs";

/**
 * Documented KMS errors: 404 `Forbidden.KeyNotFound` (DescribeKey API page), 403
 * `Forbidden.NoPermission` and 400 `InvalidParameter` (KMS common error codes).
 */
const KMS_ERRORS = {
  keyNotFound: { status: 404, code: "Forbidden.KeyNotFound", message: "The specified Key is not found." },
  noPermission: { status: 403, code: "Forbidden.NoPermission", message: "This operation is forbidden by permission system." },
  invalidParameter: { status: 400, code: "InvalidParameter", message: "The specified parameter is not valid." },
} as const;

/**
 * Alibaba Cloud KMS (API 2016-01-20, RPC style): DescribeKey for the hook's preflight, and the
 * keys ACK checks when it encrypts Secrets. Answers carry every field of the official
 * `DescribeKeyResponseBodyKeyMetadata` model.
 */
export class AlibabaKmsService implements EmulatorService {
  readonly name = "alikms";
  readonly signing = "alibaba" as const;
  readonly requestIdHeader = "x-acs-request-id";
  private keys = new Map<string, AlibabaKmsKey>();

  readonly routes: readonly Route[] = [
    {
      operation: "DescribeKey",
      method: "POST",
      pattern: /^\/$/,
      action: "DescribeKey",
      mutating: false,
      handle: (r) => this.describeKey(r),
    },
  ];

  constructor(private readonly ctx: ServiceContext) {}

  find(keyId: string): AlibabaKmsKey | undefined {
    return this.keys.get(keyId);
  }

  errorReply(status: number, code: string, message: string, requestId: string): HttpReply {
    return new HttpReply(status, { Code: code, Message: message, RequestId: requestId, HttpStatus: status });
  }

  deniedReply(_operation: string, requestId: string): HttpReply {
    const { status, code, message } = KMS_ERRORS.noPermission;
    return this.errorReply(status, code, message, requestId);
  }

  snapshot(): unknown {
    return { keys: [...this.keys.values()] };
  }

  load(slice: unknown): void {
    this.keys = keptById((slice as { keys?: AlibabaKmsKey[] } | undefined)?.keys, (k) => k.key_id);
  }

  patch(id: string, fields: Record<string, unknown>): void {
    patchKept(this.keys, id, fields, "Alibaba KMS key", this.ctx);
  }

  /**
   * The emulator does not know which region a request was sent to, so a key of another region
   * is answered with its own region in `Arn` (the real service answers Forbidden.KeyNotFound);
   * the preflight refuses both.
   */
  private describeKey(r: RouteRequest): HttpReply {
    const requestId = randomUUID();
    const keyId = r.query.get("KeyId");
    if (!keyId) throw this.fail(KMS_ERRORS.invalidParameter, requestId);
    const key = this.keys.get(keyId);
    if (!key) throw this.fail(KMS_ERRORS.keyNotFound, requestId);
    const created = new Date(this.ctx.clock.now() - 90 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    return new HttpReply(200, {
      KeyMetadata: {
        Arn: `acs:kms:${key.region}:${ACCOUNT_ID}:key/${key.key_id}`,
        AutomaticRotation: "Disabled",
        CreationDate: created,
        Creator: key.service_key ? SERVICE_KEY_CREATOR : ACCOUNT_ID,
        DKMSInstanceId: "",
        DeleteDate: key.key_state === "PendingDeletion" ? new Date(this.ctx.clock.now() + 7 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z") : "",
        DeletionProtection: "Disabled",
        DeletionProtectionDescription: "",
        Description: key.alias ?? "",
        KeyId: key.key_id,
        KeySpec: key.key_spec,
        KeyState: key.key_state,
        KeyUsage: key.key_usage,
        LastRotationDate: created,
        MaterialExpireTime: "",
        NextRotationDate: "",
        Origin: "Aliyun_KMS",
        PrimaryKeyVersion: randomUUID(),
        ProtectionLevel: "SOFTWARE",
        RotationInterval: "",
      },
      RequestId: requestId,
    });
  }

  private fail(error: { status: number; code: string; message: string }, requestId: string): HttpReply {
    return this.errorReply(error.status, error.code, error.message, requestId);
  }
}

import { nonEmptyText, requiredObject } from "../answer-fields";
import { CloudError } from "../cloud-error";
import { HttpTransport } from "../http-transport";
import { parseAlibabaError } from "./ack-errors";
import { AlibabaClientOptions, alibabaActionHeaders, alibabaTransport } from "./alibaba-transport";

const SERVICE = "KMS";
const API_VERSION = "2016-01-20";

/** One Alibaba Cloud KMS key as DescribeKey reports it (`KeyMetadata`). */
export interface AlibabaKmsKey {
  readonly keyId: string;
  /** Enabled, Disabled, PendingDeletion, PendingImport. */
  readonly keyState?: string;
  /** Aliyun_AES_256, Aliyun_SM4, RSA_2048, … */
  readonly keySpec?: string;
  /** ENCRYPT/DECRYPT, SIGN/VERIFY. */
  readonly keyUsage?: string;
  /** "The Alibaba Cloud account that is used to create the CMK" (official model). */
  readonly creator?: string;
  /** Aliyun_KMS or EXTERNAL. */
  readonly origin?: string;
  /** `acs:kms:{region}:{account}:key/{id}`. */
  readonly arn?: string;
  /** The region named by the ARN. */
  readonly region?: string;
}

/** Documented by the DescribeKey API page: 404 `Forbidden.KeyNotFound` "The specified Key is not found." */
export function isAlibabaKmsNotFound(error: unknown): error is CloudError {
  return error instanceof CloudError && error.service === SERVICE && (error.code === "Forbidden.KeyNotFound" || error.status === 404);
}

/**
 * KMS's common error table documents 403 `Forbidden.NoPermission` ("This operation is forbidden
 * by permission system"); any 403 is taken as "may not read this key".
 */
export function isAlibabaKmsDenied(error: unknown): error is CloudError {
  return error instanceof CloudError && error.service === SERVICE && error.status === 403;
}

/** The Alibaba Cloud KMS call this library makes: read one key. */
export class AlibabaKmsClient {
  private readonly transport: HttpTransport;

  constructor(options: AlibabaClientOptions) {
    this.transport = alibabaTransport("kms", parseAlibabaError, options);
  }

  /**
   * DescribeKey, RPC style as the official `@alicloud/kms20160120` client sends it: `POST /`,
   * `KeyId` in the query, no body, signed with ACS3-HMAC-SHA256 (the query is part of the
   * canonical request).
   */
  async describeKey(keyId: string): Promise<AlibabaKmsKey> {
    const site = { service: SERVICE, operation: "DescribeKey", resource: `key ${keyId}` };
    const headers = alibabaActionHeaders("DescribeKey", API_VERSION);
    const result = await this.transport.call<Record<string, unknown>>({ ...site, method: "POST", path: "/", query: { KeyId: keyId }, headers, idempotent: true });
    const meta = requiredObject(result.body, "KeyMetadata", site, "Alibaba Cloud KMS");
    const arn = nonEmptyText(meta.Arn);
    return {
      keyId: nonEmptyText(meta.KeyId) ?? keyId,
      keyState: nonEmptyText(meta.KeyState),
      keySpec: nonEmptyText(meta.KeySpec),
      keyUsage: nonEmptyText(meta.KeyUsage),
      creator: nonEmptyText(meta.Creator),
      origin: nonEmptyText(meta.Origin),
      arn,
      region: arn?.split(":")[2] || undefined,
    };
  }
}

import { CloudError, unexpectedResponse } from "../cloud-error";
import { HttpTransport } from "../http-transport";
import { huaweiErrorParser } from "./huawei-errors";
import { HuaweiClientOptions, huaweiTransport } from "./huawei-transport";

export type BackupEncryptionStatus = "on" | "off";

export interface TaurusDbInstance {
  readonly id: string;
  /** ACTIVE, BUILD, FAILED, FROZEN, MODIFYING, REBOOTING, RESTORING, BACKING UP, … */
  readonly status: string;
}

/** One instance as ListGaussMySqlInstances reports it (`MysqlInstanceListInfo`). */
export interface TaurusDbInstanceSummary {
  readonly id: string;
  readonly name?: string;
  readonly status?: string;
}

const SERVICE = "TaurusDB";

/** "Instance is being operated": the request was refused, try later. */
export const TAURUSDB_BUSY_CODES = new Set(["DBS.200019", "DBS.201014", "DBS.201015", "DBS.200047", "DBS.05000084", "DBS.212033"]);

/**
 * TaurusDB's own code table is not published. `DBS.280001` is "parameter error" (400) in the
 * other Huawei database services (the Terraform provider maps it to not-found for two log
 * resources only) and `DBS.200022` is "DB instance name already exists": neither means "not
 * found" here. An unknown instance is recognised by HTTP 404 only.
 */
const parseError = huaweiErrorParser({
  busyCodes: TAURUSDB_BUSY_CODES,
  notFoundCodes: new Set(),
  hints: {
    "DBS.280001": "the request's parameters: the instance id (36 letters or digits ending in in07), the project id and, when enabling, the KMS key id",
  },
});

/** The TaurusDB calls this library makes: backup encryption and instance status. */
export class TaurusDbClient {
  private readonly transport: HttpTransport;

  constructor(private readonly options: HuaweiClientOptions) {
    this.transport = huaweiTransport("taurusdb", parseError, options);
  }

  async getBackupEncryption(instanceId: string): Promise<BackupEncryptionStatus> {
    const result = await this.transport.call<{ encryption_status?: unknown }>({
      service: SERVICE,
      operation: "ShowBackupEncryptStatus",
      resource: `instance ${instanceId}`,
      method: "GET",
      path: `${this.instancePath(instanceId)}/backups/encryption`,
      idempotent: true,
    });
    return this.statusOf(result.body.encryption_status, "ShowBackupEncryptStatus", instanceId);
  }

  async setBackupEncryption(instanceId: string, setting: { status: "on"; kmsKeyId: string } | { status: "off" }): Promise<BackupEncryptionStatus> {
    const body = setting.status === "on" ? { encryption_status: "on", type: "kms", kms_key_id: setting.kmsKeyId } : { encryption_status: "off" };
    const result = await this.transport.call<{ encryption_status?: unknown }>({
      service: SERVICE,
      operation: "SetBackupEncryption",
      resource: `instance ${instanceId}`,
      method: "POST",
      path: `${this.instancePath(instanceId)}/backups/encryption`,
      headers: { "X-Language": "en-us" },
      body,
      idempotent: true,
    });
    return this.statusOf(result.body.encryption_status, "SetBackupEncryption", instanceId);
  }

  async getInstance(instanceId: string): Promise<TaurusDbInstance> {
    const result = await this.transport.call<{ instance?: { id?: unknown; status?: unknown } }>({
      service: SERVICE,
      operation: "ShowInstanceDetail",
      resource: `instance ${instanceId}`,
      method: "GET",
      path: this.instancePath(instanceId),
      idempotent: true,
    });
    const status = result.body.instance?.status;
    if (typeof status !== "string") {
      throw this.malformed("ShowInstanceDetail", `instance ${instanceId}`, "instance.status is missing");
    }
    return { id: instanceId, status };
  }

  /** One page of the project's instances (ListGaussMySqlInstances: `offset`, `limit` ≤ 100, `total_count`). */
  async listInstances(offset: number, limit: number): Promise<{ instances: TaurusDbInstanceSummary[]; totalCount: number }> {
    const resource = `project ${this.options.projectId}`;
    const result = await this.transport.call<{ instances?: unknown; total_count?: unknown }>({
      service: SERVICE,
      operation: "ListGaussMySqlInstances",
      resource,
      method: "GET",
      path: `/v3/${encodeURIComponent(this.options.projectId)}/instances`,
      query: { offset: String(offset), limit: String(limit) },
      idempotent: true,
    });
    const { instances, total_count: totalCount } = result.body;
    if (!Array.isArray(instances) || typeof totalCount !== "number") {
      throw this.malformed("ListGaussMySqlInstances", resource, "instances or total_count is missing");
    }
    return {
      totalCount,
      instances: instances.flatMap((item: Record<string, unknown>) =>
        typeof item?.id === "string" ? [{ id: item.id, name: typeof item.name === "string" ? item.name : undefined, status: typeof item.status === "string" ? item.status : undefined }] : [],
      ),
    };
  }

  private instancePath(instanceId: string): string {
    return `/v3/${encodeURIComponent(this.options.projectId)}/instances/${encodeURIComponent(instanceId)}`;
  }

  private statusOf(value: unknown, operation: string, instanceId: string): BackupEncryptionStatus {
    const status = typeof value === "string" ? value.toLowerCase() : value;
    if (status === "on" || status === "off") return status;
    throw this.malformed(operation, `instance ${instanceId}`, `encryption_status is ${JSON.stringify(value)}, expected "on" or "off"`);
  }

  private malformed(operation: string, resource: string, message: string): CloudError {
    return unexpectedResponse({ service: SERVICE, operation, resource }, message);
  }
}

import { CallSite, unexpectedResponse } from "../cloud-error";
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
    const site = this.site("ShowBackupEncryptStatus", `instance ${instanceId}`);
    const result = await this.transport.call<{ encryption_status?: unknown }>({ ...site, method: "GET", path: `${this.instancePath(instanceId)}/backups/encryption`, idempotent: true });
    return statusOf(result.body.encryption_status, site);
  }

  async setBackupEncryption(instanceId: string, setting: { status: "on"; kmsKeyId: string } | { status: "off" }): Promise<BackupEncryptionStatus> {
    const body = setting.status === "on" ? { encryption_status: "on", type: "kms", kms_key_id: setting.kmsKeyId } : { encryption_status: "off" };
    const site = this.site("SetBackupEncryption", `instance ${instanceId}`);
    const result = await this.transport.call<{ encryption_status?: unknown }>({
      ...site,
      method: "POST",
      path: `${this.instancePath(instanceId)}/backups/encryption`,
      headers: { "X-Language": "en-us" },
      body,
      idempotent: true,
    });
    return statusOf(result.body.encryption_status, site);
  }

  async getInstance(instanceId: string): Promise<TaurusDbInstance> {
    const site = this.site("ShowInstanceDetail", `instance ${instanceId}`);
    const result = await this.transport.call<{ instance?: { id?: unknown; status?: unknown } }>({ ...site, method: "GET", path: this.instancePath(instanceId), idempotent: true });
    const status = result.body.instance?.status;
    if (typeof status !== "string") throw unexpectedResponse(site, "instance.status is missing");
    return { id: instanceId, status };
  }

  /** One page of the project's instances (ListGaussMySqlInstances: `offset`, `limit` ≤ 100, `total_count`). */
  async listInstances(offset: number, limit: number): Promise<{ instances: TaurusDbInstanceSummary[]; totalCount: number }> {
    const site = this.site("ListGaussMySqlInstances", `project ${this.options.projectId}`);
    const query = { offset: String(offset), limit: String(limit) };
    const result = await this.transport.call<{ instances?: unknown; total_count?: unknown }>({ ...site, method: "GET", path: `/v3/${encodeURIComponent(this.options.projectId)}/instances`, query, idempotent: true });
    const { instances, total_count: totalCount } = result.body;
    if (!Array.isArray(instances) || typeof totalCount !== "number") throw unexpectedResponse(site, "instances or total_count is missing");
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

  /** Where a call goes, as its errors name it. */
  private site(operation: string, resource: string): CallSite {
    return { service: SERVICE, operation, resource };
  }
}

/** `encryption_status` as "on" or "off", whatever its case. */
function statusOf(value: unknown, site: CallSite): BackupEncryptionStatus {
  const status = typeof value === "string" ? value.toLowerCase() : value;
  if (status === "on" || status === "off") return status;
  throw unexpectedResponse(site, `encryption_status is ${JSON.stringify(value)}, expected "on" or "off"`);
}

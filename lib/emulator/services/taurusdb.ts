import { huaweiError, huaweiErrorReply } from "../huawei-error-reply";
import { HttpReply } from "../http-reply";
import { keptById, patchKept } from "./kept-resources";
import { visibleIn } from "../request-region";
import { EmulatorService, Route, RouteRequest, ServiceContext } from "../emulator-service";
import { HuaweiKmsService } from "./huawei-kms";
import { UNVERIFIED_CODES } from "../unverified-error-codes";
import { taurusDbInstanceListInfo } from "./list-bodies";
import { TaurusDbInstanceState } from "./taurusdb-instance-state";

const CODES = UNVERIFIED_CODES.taurusdb;

const INSTANCE = "^/v3/(?<project>[^/]+)/instances/(?<id>[^/]+)";

/** TaurusDB (GaussDB for MySQL): instance detail and backup encryption, with DBS error codes. */
export class TaurusDbService implements EmulatorService {
  readonly name = "taurusdb";
  readonly signing = "huawei" as const;
  readonly requestIdHeader = "x-request-id";
  private instances = new Map<string, TaurusDbInstanceState>();

  readonly routes: readonly Route[] = [
    {
      operation: "ListGaussMySqlInstances",
      method: "GET",
      pattern: /^\/v3\/(?<project>[^/]+)\/instances$/,
      mutating: false,
      handle: (r) => this.list(r),
    },
    {
      operation: "ShowInstanceDetail",
      method: "GET",
      pattern: new RegExp(`${INSTANCE}$`),
      mutating: false,
      handle: (r) => new HttpReply(200, { instance: this.detail(this.instance(r)) }),
    },
    {
      operation: "ShowBackupEncryptStatus",
      method: "GET",
      pattern: new RegExp(`${INSTANCE}/backups/encryption$`),
      mutating: false,
      handle: (r) => new HttpReply(200, { encryption_status: this.instance(r).backup_encryption }),
    },
    {
      operation: "SetBackupEncryption",
      method: "POST",
      pattern: new RegExp(`${INSTANCE}/backups/encryption$`),
      mutating: true,
      handle: (r) => this.setEncryption(r),
    },
  ];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly kms: HuaweiKmsService,
  ) {}

  readonly errorReply = huaweiErrorReply;

  deniedReply(operation: string, requestId: string): HttpReply {
    return this.errorReply(403, CODES.denied, `Policy doesn't allow gaussdb:instance:${operation === "SetBackupEncryption" ? "modify" : "list"} to be performed.`, requestId);
  }

  snapshot(): unknown {
    return { instances: [...this.instances.values()].map((i) => ({ ...i, status: this.status(i) })) };
  }

  load(slice: unknown): void {
    this.instances = keptById((slice as { instances?: TaurusDbInstanceState[] } | undefined)?.instances, (i) => i.instance_id);
  }

  patch(id: string, fields: Record<string, unknown>): void {
    patchKept(this.instances, id, fields, "TaurusDB instance", this.ctx);
  }

  private setEncryption(r: RouteRequest): HttpReply {
    const instance = this.instance(r);
    const body = (r.body ?? {}) as Record<string, unknown>;
    const status = typeof body.encryption_status === "string" ? body.encryption_status.toLowerCase() : undefined;
    if (status !== "on" && status !== "off") {
      throw huaweiError(400, CODES.invalidParameter, "Invalid parameter encryption_status: expected on or off.");
    }
    if (this.status(instance) !== "ACTIVE") {
      throw huaweiError(409, "DBS.200019", `The instance is being operated (${this.status(instance)}). Try again later.`);
    }
    if (status === "on") {
      if (typeof body.type !== "string" || body.type.toLowerCase() !== "kms") {
        throw huaweiError(400, CODES.invalidParameter, "Invalid parameter type: kms is required when enabling encrypted backup.");
      }
      if (typeof body.kms_key_id !== "string" || body.kms_key_id === "") {
        throw huaweiError(400, CODES.invalidParameter, "Invalid parameter kms_key_id: required when enabling encrypted backup.");
      }
      const key = this.kms.find(body.kms_key_id, instance.region, instance.project_id);
      if (!key) throw huaweiError(400, CODES.kmsKeyNotFound, `The KMS key ${body.kms_key_id} does not exist in this region.`);
      if (key.key_state !== "enabled") throw huaweiError(400, CODES.kmsKeyNotEnabled, `The KMS key ${body.kms_key_id} is ${key.key_state}.`);
      if (instance.cross_region_backup) {
        throw huaweiError(400, CODES.crossRegionBackup, "Encrypted backup cannot be enabled while cross-region backup is enabled.");
      }
      instance.kms_key_id = body.kms_key_id;
    } else {
      instance.kms_key_id = null;
    }
    instance.backup_encryption = status;
    this.ctx.changed();
    return new HttpReply(200, { encryption_status: status });
  }

  /** Every field of the SDK's `MysqlInstanceInfoDetail`, with plausible values where the emulator keeps none. */
  private detail(instance: TaurusDbInstanceState): Record<string, unknown> {
    const az = `${instance.region}a`;
    const nodes = ["master", "slave"].map((type, n) => ({
      id: `${instance.instance_id.slice(0, 32)}no0${n + 1}`,
      name: `${instance.name}_node0${n + 1}`,
      type,
      status: this.status(instance),
      private_read_ips: [`192.168.0.${20 + n}`],
      port: 3306,
      flavor_ref: "gaussdb.mysql.xlarge.x86.4",
      region_code: instance.region,
      az_code: az,
    }));
    return {
      id: instance.instance_id,
      name: instance.name,
      project_id: instance.project_id,
      status: this.status(instance),
      port: "3306",
      alias: "",
      type: "Cluster",
      charge_info: { charge_mode: "postPaid", order_id: null },
      node_count: nodes.length,
      datastore: { type: "gaussdb-mysql", version: "8.0", kernel_version: "2.0.57.240900" },
      backup_used_space: 1.52,
      created: "2024-05-07T09:15:33+0000",
      updated: "2024-05-07T09:32:10+0000",
      private_write_ips: ["192.168.0.10"],
      private_dns_names: [`${instance.instance_id.slice(0, 12)}.internal.${instance.region}.mysql.huaweicloud.com`],
      public_ips: "",
      db_user_name: "root",
      vpc_id: "3cedfc54-b105-4652-a4e0-847b65c1e4d6",
      subnet_id: "c1cfa53c-65bf-4f25-9b3f-1df0a5b5b8ad",
      security_group_id: "fc577a1a-f202-424a-977f-24faec3fdd55",
      configuration_id: "43570e0de32e40c5a15f831aa5ce4176pr07",
      backup_strategy: { start_time: "19:00-20:00", keep_days: "7" },
      nodes,
      enterprise_project_id: "0",
      time_zone: "UTC+08:00",
      az_mode: "single",
      master_az_code: az,
      maintenance_window: "18:00-22:00",
      tags: [],
      dedicated_resource_id: null,
      proxies: [],
    };
  }

  /** Paged with `offset` and `limit` (1–100, default 100), as the official model's request. */
  private list(r: RouteRequest): HttpReply {
    const offset = Number(r.query.get("offset") ?? "0");
    const limit = Number(r.query.get("limit") ?? "100");
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw huaweiError(400, CODES.invalidLimit, "Invalid limit: it must be from 1 to 100.");
    if (!Number.isInteger(offset) || offset < 0) throw huaweiError(400, CODES.invalidOffset, "Invalid offset.");
    const all = [...this.instances.values()].filter((i) => i.project_id === r.params.project && visibleIn(i.region, r.region));
    return new HttpReply(200, {
      instances: all.slice(offset, offset + limit).map((i) => taurusDbInstanceListInfo(i, this.status(i))),
      total_count: all.length,
    });
  }

  private instance(r: RouteRequest): TaurusDbInstanceState {
    const instance = this.instances.get(r.params.id);
    if (!instance || instance.project_id !== r.params.project || !visibleIn(instance.region, r.region)) {
      throw huaweiError(404, CODES.instanceNotFound, "The DB instance does not exist.");
    }
    return instance;
  }

  private status(instance: TaurusDbInstanceState): string {
    if (instance.busy_until && this.ctx.clock.now() >= Date.parse(instance.busy_until)) {
      instance.status = "ACTIVE";
      instance.busy_until = null;
    }
    return instance.status;
  }
}

import { huaweiErrorReply } from "../huawei-error-reply";
import { HttpReply } from "../http-reply";
import { visibleIn } from "../request-region";
import { EmulatorService, Route, RouteRequest, ServiceContext } from "../emulator-service";
import { HuaweiKmsService } from "./huawei-kms";
import { taurusDbInstanceListInfo } from "./list-views";

export interface TaurusDbInstanceState {
  instance_id: string;
  name: string;
  region: string;
  project_id: string;
  /** ACTIVE, BACKING UP, MODIFYING, FROZEN, … */
  status: string;
  /** While set and in the emulated future, `status` holds; afterwards the instance is ACTIVE. */
  busy_until?: string | null;
  backup_encryption: "on" | "off";
  kms_key_id: string | null;
  cross_region_backup: boolean;
}

const INSTANCE = "^/v3/(?<project>[^/]+)/instances/(?<id>[^/]+)";

/** TaurusDB (GaussDB for MySQL): instance detail and backup encryption, with DBS error codes. */
export class TaurusDbService implements EmulatorService {
  readonly name = "taurusdb";
  readonly signing = "huawei" as const;
  readonly requestIdHeader = "x-request-id";
  private instances = new Map<string, TaurusDbInstanceState>();

  readonly routes: readonly Route[] = [
    {
      operation: "ShowInstanceDetail",
      method: "GET",
      pattern: new RegExp(`${INSTANCE}$`),
      mutating: false,
      handle: (r) => {
        const instance = this.instance(r);
        return new HttpReply(200, {
          instance: { id: instance.instance_id, name: instance.name, status: this.status(instance), project_id: instance.project_id, region: instance.region },
        });
      },
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
    {
      // The instances of the project in the addressed region (what `doctor` reads).
      operation: "ListGaussMySqlInstances",
      method: "GET",
      pattern: /^\/v3\/(?<project>[^/]+)\/instances$/,
      mutating: false,
      handle: (r) => {
        const instances = [...this.instances.values()].filter((i) => i.project_id === r.params.project && visibleIn(i.region, r.region));
        return new HttpReply(200, { instances: instances.map((i) => taurusDbInstanceListInfo(i, this.status(i))), total_count: instances.length });
      },
    },
  ];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly kms: HuaweiKmsService,
  ) {}

  readonly errorReply = huaweiErrorReply;

  deniedReply(operation: string, requestId: string): HttpReply {
    return this.errorReply(403, "DBS.280007", `Policy doesn't allow gaussdb:instance:${operation === "SetBackupEncryption" ? "modify" : "list"} to be performed.`, requestId);
  }

  snapshot(): unknown {
    return { instances: [...this.instances.values()].map((i) => ({ ...i, status: this.status(i) })) };
  }

  load(slice: unknown): void {
    const list = (slice as { instances?: TaurusDbInstanceState[] } | undefined)?.instances ?? [];
    this.instances = new Map(list.map((i) => [i.instance_id, { ...i }]));
  }

  patch(id: string, fields: Record<string, unknown>): void {
    const instance = this.instances.get(id);
    if (!instance) throw new HttpReply(404, { error: `no TaurusDB instance ${id}` });
    Object.assign(instance, fields);
    this.ctx.changed();
  }

  private setEncryption(r: RouteRequest): HttpReply {
    const instance = this.instance(r);
    const body = (r.body ?? {}) as Record<string, unknown>;
    const status = typeof body.encryption_status === "string" ? body.encryption_status.toLowerCase() : undefined;
    if (status !== "on" && status !== "off") {
      throw this.error(400, "DBS.280005", "Invalid parameter encryption_status: expected on or off.");
    }
    if (this.status(instance) !== "ACTIVE") {
      throw this.error(409, "DBS.200019", `The instance is being operated (${this.status(instance)}). Try again later.`);
    }
    if (status === "on") {
      if (typeof body.type !== "string" || body.type.toLowerCase() !== "kms") {
        throw this.error(400, "DBS.280005", "Invalid parameter type: kms is required when enabling encrypted backup.");
      }
      if (typeof body.kms_key_id !== "string" || body.kms_key_id === "") {
        throw this.error(400, "DBS.280005", "Invalid parameter kms_key_id: required when enabling encrypted backup.");
      }
      const key = this.kms.find(body.kms_key_id, instance.region, instance.project_id);
      if (!key) throw this.error(400, "DBS.280439", `The KMS key ${body.kms_key_id} does not exist in this region.`);
      if (key.key_state !== "enabled") throw this.error(400, "DBS.280440", `The KMS key ${body.kms_key_id} is ${key.key_state}.`);
      if (instance.cross_region_backup) {
        throw this.error(400, "DBS.280441", "Encrypted backup cannot be enabled while cross-region backup is enabled.");
      }
      instance.kms_key_id = body.kms_key_id;
    } else {
      instance.kms_key_id = null;
    }
    instance.backup_encryption = status;
    this.ctx.changed();
    return new HttpReply(200, { encryption_status: status });
  }

  private instance(r: RouteRequest): TaurusDbInstanceState {
    const instance = this.instances.get(r.params.id);
    if (!instance || instance.project_id !== r.params.project || !visibleIn(instance.region, r.region)) {
      throw this.error(400, "DBS.280001", "The DB instance does not exist.");
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

  private error(status: number, code: string, message: string): HttpReply {
    return new HttpReply(status, { error_code: code, error_msg: message });
  }
}

import { randomUUID } from "node:crypto";
import { HttpReply } from "../http-reply";
import { visibleIn } from "../request-region";
import { EmulatorService, Route, RouteRequest, ServiceContext } from "../emulator-service";
import { AlibabaKmsService } from "./alibaba-kms";

/** A change ACK has accepted and is carrying out. */
export interface AckPendingUpdate {
  kms_key_id: string | null;
  disable_encryption: boolean;
  /** Until then the cluster still reads `running`. */
  updating_at: string;
  /** Then the cluster is `running` again with the new setting. */
  done_at: string;
}

export interface AckClusterState {
  cluster_id: string;
  name: string;
  region_id: string;
  /** ManagedKubernetes, Kubernetes, ExternalKubernetes. */
  cluster_type: string;
  /** ack.pro.small, ack.standard, … */
  cluster_spec: string;
  /** Default, Serverless, Edge. */
  profile: string;
  /** running, updating, failed, … (while an update is pending, derived from it). */
  state: string;
  /** The Secret encryption key recorded in meta_data, kept when encryption is disabled. */
  encryption_kms_key_id: string | null;
  disable_encryption: boolean;
  /** How meta_data is served: normally, absent, or as an empty string. @default "normal" */
  meta_data_mode?: "normal" | "missing" | "empty";
  /** Emulated seconds the cluster still reads running after accepting a change. @default 2 */
  update_lag_seconds?: number;
  /** Emulated seconds the cluster stays updating. @default 4 */
  update_seconds?: number;
  update?: AckPendingUpdate | null;
  /** Another change is refused with HTTP 409 until then (five minutes after the last one ended). */
  cool_down_until?: string | null;
}

const COOL_DOWN_MS = 5 * 60 * 1000;
const CLUSTER = "^/clusters/(?<id>[^/]+)";

/**
 * ACK (Container Service for Kubernetes): DescribeClusterDetail and UpdateKMSEncryption, with
 * the asynchronous update (running → still running a moment → updating → running), the
 * 5-minute 409 cool-down on the emulator clock, KMS key checks and ACK's error shape.
 */
export class AckService implements EmulatorService {
  readonly name = "ack";
  readonly signing = "alibaba" as const;
  readonly requestIdHeader = "x-acs-request-id";
  private clusters = new Map<string, AckClusterState>();

  readonly routes: readonly Route[] = [
    {
      operation: "DescribeClusterDetail",
      method: "GET",
      pattern: new RegExp(`${CLUSTER}$`),
      mutating: false,
      handle: (r) => new HttpReply(200, this.detail(this.cluster(r))),
    },
    {
      operation: "UpdateKMSEncryption",
      method: "PUT",
      pattern: new RegExp(`${CLUSTER}/kms$`),
      mutating: true,
      handle: (r) => this.updateKmsEncryption(r),
    },
    {
      // DescribeClustersV1: the clusters of a region (what `doctor` reads), one page.
      operation: "DescribeClustersV1",
      method: "GET",
      pattern: /^\/api\/v1\/clusters$/,
      mutating: false,
      handle: (r) => {
        const region = r.query.get("region_id") ?? r.region;
        const clusters = [...this.clusters.values()].filter((c) => visibleIn(c.region_id, region ?? undefined));
        const size = Number(r.query.get("page_size") ?? 10);
        return new HttpReply(200, {
          clusters: clusters.slice(0, size).map((c) => this.detail(c)),
          page_info: { page_number: 1, page_size: size, total_count: clusters.length },
        });
      },
    },
  ];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly kms: AlibabaKmsService,
  ) {}

  errorReply(status: number, code: string, message: string, requestId: string): HttpReply {
    return new HttpReply(status, { code, message, requestId, status }, { "x-acs-request-id": requestId });
  }

  deniedReply(operation: string, requestId: string): HttpReply {
    return this.errorReply(403, "Forbidden.RAM", `User not authorized to operate on the specified resource: cs:${operation} is not allowed.`, requestId);
  }

  snapshot(): unknown {
    return {
      clusters: [...this.clusters.values()].map((c) => {
        this.settle(c);
        const { cluster_id, ...rest } = c;
        return { cluster_id, ...rest, secret_encryption: c.encryption_kms_key_id && !c.disable_encryption ? "on" : "off" };
      }),
    };
  }

  load(slice: unknown): void {
    const list = (slice as { clusters?: AckClusterState[] } | undefined)?.clusters ?? [];
    this.clusters = new Map(list.map((c) => [c.cluster_id, { ...c }]));
  }

  patch(id: string, fields: Record<string, unknown>): void {
    const cluster = this.clusters.get(id);
    if (!cluster) throw new HttpReply(404, { error: `no ACK cluster ${id}` });
    Object.assign(cluster, fields);
    this.ctx.changed();
  }

  private updateKmsEncryption(r: RouteRequest): HttpReply {
    const cluster = this.cluster(r);
    const body = r.body ?? {};
    if (typeof body !== "object" || Array.isArray(body)) throw this.error(400, "InvalidParameter", "The request body must be a JSON object.");
    const { disable_encryption: disable, kms_key_id: keyId, ...unknown } = body as Record<string, unknown>;
    if (Object.keys(unknown).length > 0) throw this.error(400, "InvalidParameter", `Unknown parameter ${Object.keys(unknown).join(", ")}.`);
    if (disable !== undefined && typeof disable !== "boolean") throw this.error(400, "InvalidParameter", "disable_encryption must be a boolean.");
    if (keyId !== undefined && (typeof keyId !== "string" || keyId === "")) throw this.error(400, "InvalidParameter", "kms_key_id must be a non-empty string.");
    if (disable === undefined && keyId === undefined) throw this.error(400, "InvalidParameter", "Either kms_key_id or disable_encryption is required.");
    if (disable === true && keyId !== undefined) throw this.error(400, "InvalidParameter", "kms_key_id cannot be set when disable_encryption is true.");
    if (!(cluster.cluster_type === "ManagedKubernetes" && cluster.cluster_spec.startsWith("ack.pro."))) {
      throw this.error(400, "ErrorClusterSpecNotSupported", `Secret encryption at rest is only supported by ACK Pro clusters; cluster ${cluster.cluster_id} is ${cluster.cluster_spec}.`);
    }
    if (cluster.update) throw this.error(409, "Conflict", "Another operation is in progress on the cluster. Please try again later.");
    if (cluster.state !== "running") throw this.error(400, "ErrorClusterState", `The cluster state ${cluster.state} does not allow this operation.`);
    const now = this.ctx.clock.now();
    if (cluster.cool_down_until && now < Date.parse(cluster.cool_down_until)) {
      throw this.error(409, "Conflict", "The cluster was modified less than 5 minutes ago. Please try again later.");
    }
    if (disable !== true) {
      const key = keyId === undefined ? undefined : this.kms.find(keyId as string);
      if (keyId === undefined && !cluster.encryption_kms_key_id) throw this.error(400, "InvalidParameter", "kms_key_id is required to enable Secret encryption.");
      if (keyId !== undefined) this.checkKey(keyId as string, key, cluster);
    }
    const lag = (cluster.update_lag_seconds ?? 2) * 1000;
    const length = (cluster.update_seconds ?? 4) * 1000;
    cluster.update = {
      kms_key_id: disable === true ? cluster.encryption_kms_key_id : ((keyId as string | undefined) ?? cluster.encryption_kms_key_id),
      disable_encryption: disable === true,
      updating_at: new Date(now + lag).toISOString(),
      done_at: new Date(now + lag + length).toISOString(),
    };
    this.ctx.changed();
    return new HttpReply(200, {});
  }

  private checkKey(keyId: string, key: ReturnType<AlibabaKmsService["find"]>, cluster: AckClusterState): void {
    if (!key || key.region !== cluster.region_id) {
      throw this.error(400, "ErrorKMSKeyNotFound", `The KMS key ${keyId} does not exist in region ${cluster.region_id}.`);
    }
    if (key.service_key) throw this.error(400, "ErrorKMSKeyInvalid", `The KMS key ${keyId} is a service key; use a customer master key.`);
    if (key.key_spec !== "Aliyun_AES_256") throw this.error(400, "ErrorKMSKeyInvalid", `The KMS key ${keyId} has spec ${key.key_spec}; Aliyun_AES_256 is required.`);
    if (key.key_usage !== "ENCRYPT/DECRYPT") throw this.error(400, "ErrorKMSKeyInvalid", `The KMS key ${keyId} has usage ${key.key_usage}; ENCRYPT/DECRYPT is required.`);
    if (key.key_state !== "Enabled") throw this.error(400, "ErrorKMSKeyInvalid", `The KMS key ${keyId} is ${key.key_state}.`);
  }

  private detail(cluster: AckClusterState): Record<string, unknown> {
    const detail: Record<string, unknown> = {
      cluster_id: cluster.cluster_id,
      name: cluster.name,
      region_id: cluster.region_id,
      cluster_type: cluster.cluster_type,
      cluster_spec: cluster.cluster_spec,
      profile: cluster.profile,
      state: cluster.state,
      current_version: "1.33.1-aliyun.1",
      size: 3,
    };
    const mode = cluster.meta_data_mode ?? "normal";
    if (mode === "empty") detail.meta_data = "";
    if (mode === "normal") {
      const capabilities: Record<string, unknown> = { AnyAZ: true, ProxyMode: "ipvs" };
      if (cluster.encryption_kms_key_id) {
        capabilities.EncryptionKMSKeyId = cluster.encryption_kms_key_id;
        capabilities.DisableEncryption = cluster.disable_encryption;
      }
      detail.meta_data = JSON.stringify({ Addons: [{ name: "terway-eniip" }], Capabilities: capabilities, KubernetesVersion: "1.33.1-aliyun.1" });
    }
    return detail;
  }

  /** Moves a pending update along on the emulator clock. */
  private settle(cluster: AckClusterState): void {
    const update = cluster.update;
    if (!update) return;
    const now = this.ctx.clock.now();
    if (now >= Date.parse(update.done_at)) {
      cluster.encryption_kms_key_id = update.kms_key_id;
      cluster.disable_encryption = update.disable_encryption;
      cluster.state = "running";
      cluster.cool_down_until = new Date(Date.parse(update.done_at) + COOL_DOWN_MS).toISOString();
      cluster.update = null;
      this.ctx.changed();
    } else if (now >= Date.parse(update.updating_at)) {
      cluster.state = "updating";
    }
  }

  private cluster(r: RouteRequest): AckClusterState {
    const cluster = this.clusters.get(r.params.id);
    if (!cluster || !visibleIn(cluster.region_id, r.region)) throw this.error(404, "ErrorClusterNotFound", `The specified cluster ${r.params.id} is not found.`);
    this.settle(cluster);
    return cluster;
  }

  private error(status: number, code: string, message: string): HttpReply {
    const requestId = randomUUID().toUpperCase();
    return this.errorReply(status, code, message, requestId);
  }
}

import { randomUUID } from "node:crypto";
import { HttpReply } from "../http-reply";
import { keptById, patchKept } from "./kept-resources";
import { visibleIn } from "../request-region";
import { EmulatorService, Route, RouteRequest, ServiceContext } from "../emulator-service";
import { AlibabaKmsService } from "./alibaba-kms";
import { UNVERIFIED_CODES } from "../unverified-error-codes";
import { AckClusterState } from "./ack-cluster-state";

const CODES = UNVERIFIED_CODES.ack;

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
      operation: "DescribeClustersV1",
      method: "GET",
      pattern: /^\/api\/v1\/clusters$/,
      mutating: false,
      handle: (r) => this.list(r),
    },
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
  ];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly kms: AlibabaKmsService,
  ) {}

  errorReply(status: number, code: string, message: string, requestId: string): HttpReply {
    return new HttpReply(status, { code, message, requestId, status }, { "x-acs-request-id": requestId });
  }

  /**
   * ACK's RAM denial: HTTP 403 `StatusForbidden`, "RAM policy Forbidden for action cs:X", with
   * an `accessDeniedDetail` object (ACK RRSA and authorization FAQ pages; the detail's fields
   * are those of Alibaba Cloud's RAM access-denied troubleshooting page).
   */
  deniedReply(operation: string, requestId: string): HttpReply {
    const action = `cs:${operation}`;
    return new HttpReply(
      403,
      {
        code: "StatusForbidden",
        message: `RAM policy Forbidden for action ${action}`,
        requestId,
        status: 403,
        accessDeniedDetail: {
          PolicyType: "AccountLevelIdentityBasedPolicy",
          AuthPrincipalOwnerId: "1234567890123456",
          AuthPrincipalType: "SubUser",
          AuthPrincipalDisplayName: "208100000000000001",
          NoPermissionType: "ImplicitDeny",
          AuthAction: action,
          EncodedDiagnosticMessage: "AQIBIAAAAOPdwKY2QLOvgMEc7SkkoJfj1kvZwsaRqNYMh10Tv0wTe0fCzaCdrvgazfNb0EnJKETgXyhR+3BIQjx9WAqZryejBsp1Bl4qI5En/D9dEhcXAtKCxCmE2kZCiEzpy8BoEUt+bs0DmlaGWO5xkEpttypLIB4rUhDvZd+zwPg4EXk4KSSWSWsurxtqDkKEMshKlQFBTKvJcKwyhk62IeYly4hQ+5IpXjkh1GQXuDRCQ==",
        },
      },
      { "x-acs-request-id": requestId },
    );
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
    this.clusters = keptById((slice as { clusters?: AckClusterState[] } | undefined)?.clusters, (c) => c.cluster_id);
  }

  patch(id: string, fields: Record<string, unknown>): void {
    patchKept(this.clusters, id, fields, "ACK cluster", this.ctx);
  }

  private updateKmsEncryption(r: RouteRequest): HttpReply {
    const cluster = this.cluster(r);
    const body = r.body ?? {};
    if (typeof body !== "object" || Array.isArray(body)) throw this.error(400, CODES.invalidParameter, "The request body must be a JSON object.");
    const { disable_encryption: disable, kms_key_id: keyId, ...unknown } = body as Record<string, unknown>;
    if (Object.keys(unknown).length > 0) throw this.error(400, CODES.invalidParameter, `Unknown parameter ${Object.keys(unknown).join(", ")}.`);
    if (disable !== undefined && typeof disable !== "boolean") throw this.error(400, CODES.invalidParameter, "disable_encryption must be a boolean.");
    if (keyId !== undefined && (typeof keyId !== "string" || keyId === "")) throw this.error(400, CODES.invalidParameter, "kms_key_id must be a non-empty string.");
    if (disable === undefined && keyId === undefined) throw this.error(400, CODES.invalidParameter, "Either kms_key_id or disable_encryption is required.");
    if (disable === true && keyId !== undefined) throw this.error(400, CODES.invalidParameter, "kms_key_id cannot be set when disable_encryption is true.");
    if (!(cluster.cluster_type === "ManagedKubernetes" && cluster.cluster_spec.startsWith("ack.pro."))) {
      throw this.error(400, CODES.specNotSupported, `Secret encryption at rest is only supported by ACK Pro clusters; cluster ${cluster.cluster_id} is ${cluster.cluster_spec}.`);
    }
    if (cluster.update) throw this.error(409, CODES.coolDown, "Another operation is in progress on the cluster. Please try again later.");
    if (cluster.state !== "running") throw this.error(400, CODES.clusterState, `The cluster state ${cluster.state} does not allow this operation.`);
    const now = this.ctx.clock.now();
    if (cluster.cool_down_until && now < Date.parse(cluster.cool_down_until)) {
      throw this.error(409, CODES.coolDown, "The cluster was modified less than 5 minutes ago. Please try again later.");
    }
    if (disable !== true) {
      const key = keyId === undefined ? undefined : this.kms.find(keyId as string);
      if (keyId === undefined && !cluster.encryption_kms_key_id) throw this.error(400, CODES.invalidParameter, "kms_key_id is required to enable Secret encryption.");
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
      throw this.error(400, CODES.kmsKeyNotFound, `The KMS key ${keyId} does not exist in region ${cluster.region_id}.`);
    }
    if (key.service_key) throw this.error(400, CODES.kmsKeyInvalid, `The KMS key ${keyId} is a service key; use a customer master key.`);
    if (key.key_spec !== "Aliyun_AES_256") throw this.error(400, CODES.kmsKeyInvalid, `The KMS key ${keyId} has spec ${key.key_spec}; Aliyun_AES_256 is required.`);
    if (key.key_usage !== "ENCRYPT/DECRYPT") throw this.error(400, CODES.kmsKeyInvalid, `The KMS key ${keyId} has usage ${key.key_usage}; ENCRYPT/DECRYPT is required.`);
    if (key.key_state !== "Enabled") throw this.error(400, CODES.kmsKeyInvalid, `The KMS key ${keyId} is ${key.key_state}.`);
  }

  /** Every field of the SDK's `DescribeClusterDetailResponseBody`, with plausible values where the emulator keeps none. */
  private detail(cluster: AckClusterState): Record<string, unknown> {
    const version = "1.33.1-aliyun.1";
    const detail: Record<string, unknown> = {
      auto_mode: { enable: false },
      cluster_domain: "cluster.local",
      cluster_id: cluster.cluster_id,
      cluster_spec: cluster.cluster_spec,
      cluster_type: cluster.cluster_type,
      container_cidr: "172.20.0.0/16",
      control_plane_config: {
        auto_renew: false,
        auto_renew_period: 0,
        charge_type: "PostPaid",
        cloud_monitor_flags: false,
        cpu_policy: "none",
        deploymentset_id: "",
        image_id: "aliyun_3_x64_20G_alibase_20250117.vhd",
        image_type: "AliyunLinux3",
        instance_metadata_options: { http_tokens: "optional" },
        instance_types: ["ecs.g7.xlarge"],
        key_pair: "",
        node_port_range: "30000-32767",
        period: 0,
        period_unit: "Month",
        runtime: "containerd",
        security_hardening_os: false,
        size: 3,
        soc_enabled: false,
        system_disk_bursting_enabled: false,
        system_disk_category: "cloud_essd",
        system_disk_performance_level: "PL1",
        system_disk_provisioned_iops: 0,
        system_disk_size: 120,
        system_disk_snapshot_policy_id: "",
      },
      control_plane_endpoints_config: {
        internal_dns_config: { bind_vpcs: [], enabled: false },
        load_balancers_config: [{ endpoint: "192.168.0.251:6443", endpoint_type: "private", load_balancer_id: "lb-bp1qyp5xq1m3nbzs7cf8k" }],
      },
      created: "2025-03-04T10:26:51+08:00",
      current_version: version,
      deletion_protection: true,
      docker_version: "",
      external_loadbalancer_id: "lb-bp1qyp5xq1m3nbzs7cf8k",
      extra_sans: [],
      init_version: version,
      ip_stack: "ipv4",
      maintenance_window: { duration: "3h", enable: false, maintenance_time: "2025-03-08T03:00:00.000+08:00", recurrence: "FREQ=WEEKLY;INTERVAL=1;BYDAY=SA", weekly_period: "Saturday" },
      master_url: JSON.stringify({ api_server_endpoint: "", intranet_api_server_endpoint: "https://192.168.0.251:6443" }),
      name: cluster.name,
      network_mode: "vpc",
      next_version: "",
      node_cidr_mask: "26",
      operation_policy: { cluster_auto_upgrade: { channel: "stable", enabled: false } },
      parameters: {},
      private_zone: false,
      profile: cluster.profile,
      proxy_mode: "ipvs",
      region_id: cluster.region_id,
      resource_group_id: "rg-acfmyvw3wjmb2ii",
      rrsa_config: {
        audience: "",
        enabled: false,
        issuer: "",
        jwks_url: "",
        max_oidc_token_expiration: "",
        oidc_arn: "",
        oidc_name: "",
        open_api_configuration_url: "",
      },
      security_group_id: "sg-bp1d3x5ek8n1mkvlxa7n",
      service_cidr: "192.168.240.0/20",
      size: 3,
      state: cluster.state,
      subnet_cidr: "172.20.0.0/16",
      tags: [{ key: "ack.aliyun.com", value: cluster.cluster_id }],
      timezone: "Asia/Shanghai",
      updated: "2025-03-04T10:41:07+08:00",
      vpc_id: "vpc-bp1y4lq7tqxfvg2vgxw0e",
      vswitch_id: "vsw-bp1t2jzcmb1v1xq8e4ljn",
      vswitch_ids: ["vsw-bp1t2jzcmb1v1xq8e4ljn"],
      worker_ram_role_name: `KubernetesWorkerRole-${cluster.cluster_id.slice(1, 9)}`,
      zone_id: `${cluster.region_id}-k`,
    };
    const mode = cluster.meta_data_mode ?? "normal";
    if (mode === "missing") delete detail.meta_data;
    if (mode === "empty") detail.meta_data = "";
    if (mode === "normal") {
      const capabilities: Record<string, unknown> = { AnyAZ: true, ProxyMode: "ipvs" };
      // A never-encrypted Pro cluster reports DisableEncryption true and an empty key id;
      // a cluster still in `initial` may carry neither (cloud-apis.md §3).
      if (cluster.state !== "initial") {
        capabilities.DisableEncryption = cluster.encryption_kms_key_id ? cluster.disable_encryption : true;
        capabilities.EncryptionKMSKeyId = cluster.encryption_kms_key_id ?? "";
      }
      detail.meta_data = JSON.stringify({ Addons: [{ name: "terway-eniip" }], Capabilities: capabilities, KubernetesVersion: version });
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

  /**
   * Paged with `page_number` (from 1) and `page_size` (default 10), filtered by `region_id`. An
   * item is the cluster's detail, which carries every field of the list's `clusters[]` model (the
   * emulator-responses conformance test walks it).
   */
  private list(r: RouteRequest): HttpReply {
    const pageNumber = Number(r.query.get("page_number") ?? "1");
    const pageSize = Number(r.query.get("page_size") ?? "10");
    if (!Number.isInteger(pageNumber) || pageNumber < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      throw this.error(400, "InvalidParameter", "page_number must be 1 or more and page_size from 1 to 100.");
    }
    const region = r.query.get("region_id") ?? r.region;
    const all = [...this.clusters.values()].filter((c) => visibleIn(c.region_id, region ?? undefined));
    const page = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return new HttpReply(200, {
      clusters: page.map((c) => {
        this.settle(c);
        return this.detail(c);
      }),
      page_info: { page_number: pageNumber, page_size: pageSize, total_count: all.length },
    });
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

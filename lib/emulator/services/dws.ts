import { randomBytes } from "node:crypto";
import { huaweiError, huaweiErrorReply } from "../huawei-error-reply";
import { HttpReply } from "../http-reply";
import { keptById, patchKept } from "./kept-resources";
import { visibleIn } from "../request-region";
import { EmulatorService, Route, RouteRequest, ServiceContext } from "../emulator-service";
import { HuaweiKmsService } from "./huawei-kms";
import { UNVERIFIED_CODES } from "../unverified-error-codes";
import { clusterInfo } from "./list-bodies";

const CODES = UNVERIFIED_CODES.dws;

/** One GaussDB(DWS) cluster as the emulator keeps it (fixture and `/_emulator/state` shape). */
export interface DwsClusterState {
  cluster_id: string;
  name: string;
  region: string;
  project_id: string;
  /** Warehouse version, e.g. `8.1.3.110`; the encrypt API needs ≥ 8.0.0. */
  version: string;
  /** Needs ≥ 8.3.0.200 for a conversion; refused inside an HTTP 200 otherwise. @default "8.3.0.200" */
  guest_agent_version?: string;
  /** AVAILABLE, ACTIVE, CREATING, FAILED, FROZEN, … */
  status: string;
  task_status: string | null;
  action_progress: Record<string, string>;
  sub_status?: string;
  /** Part of a disaster-recovery pair: cannot be converted. */
  disaster_recovery?: boolean;
  /** While set and in the emulated future, `task_status` holds (e.g. SNAPSHOTTING); then it clears. */
  busy_until?: string | null;
  /** Emulated seconds a conversion job takes. @default 120 */
  encrypt_duration_seconds?: number;
  /** Makes the next conversion job end FAIL or STOP instead of SUCCESS (consumed by it). */
  next_job_outcome?: "FAIL" | "STOP" | null;
  /** Mutating calls answer DWS.7023 until this emulated time (set after every operation). */
  cooldown_until?: string | null;
  /** Emulated seconds of that window. @default 30 */
  cooldown_seconds?: number;
  master_key_id: string | null;
  master_key_name: string | null;
  crypt_algorithm: string | null;
  /** `YYYY-MM-DD HH:mm:ss`, UTC, no zone: as DWS writes it. */
  last_rotate_key_time: string | null;
  /**
   * What rotate-key does with a `master_key_id` other than the cluster's: `moves` the cluster
   * to that master key, or `rotates-only` (rotates the data key, keeps the master key). No
   * official page says which the real service does (cloud-apis.md §1). @default "moves"
   */
  rotate_key_with_other_master_key?: "moves" | "rotates-only";
}

export interface DwsJobState {
  job_id: string;
  job_name: string;
  project_id: string;
  cluster_id: string;
  begin_time: string;
  duration_seconds: number;
  outcome: "SUCCESS" | "FAIL" | "STOP";
  master_key_id: string;
  master_key_name: string;
  crypt_algorithm: string;
  /** Set once the job's end has been applied to the cluster. */
  finished?: boolean;
}

const CLUSTER = "/(?<project>[^/]+)/clusters/(?<id>[^/]+)";
const INIT_SHARE = 0.05;
/**
 * The task a conversion shows before its restart (REBOOTING). Which documented `task_status`
 * the real conversion shows is not published: SETTING_CONFIGURATION is a documented value.
 */
const CONVERSION_TASK = "SETTING_CONFIGURATION";
const RESTART_SHARE = 0.7;

/**
 * GaussDB(DWS): cluster detail, encrypt-info, conversion to encrypted (an asynchronous job
 * driven by the emulated clock), rotate-key and job status, with DWS's error codes: DWS.7023
 * while busy and for a short window after each operation, version and disaster-recovery
 * refusals, KMS key checks, and errors in both the `error_code` and legacy `errCode` shapes.
 */
export class DwsService implements EmulatorService {
  readonly name = "dws";
  readonly signing = "huawei" as const;
  readonly requestIdHeader = "x-request-id";
  private clusters = new Map<string, DwsClusterState>();
  private jobs = new Map<string, DwsJobState>();

  readonly routes: readonly Route[] = [
    {
      operation: "ListClusters",
      method: "GET",
      pattern: /^\/v1\.0\/(?<project>[^/]+)\/clusters$/,
      mutating: false,
      handle: (r) => {
        const clusters = [...this.clusters.values()].filter((c) => c.project_id === r.params.project && visibleIn(c.region, r.region));
        for (const c of clusters) this.advance(c);
        return new HttpReply(200, { clusters: clusters.map((c) => clusterInfo(this.clusterDetail(c))), count: clusters.length });
      },
    },
    {
      operation: "ShowClusterDetail",
      method: "GET",
      pattern: new RegExp(`^/v1\\.0${CLUSTER}$`),
      mutating: false,
      handle: (r) => this.detail(r),
    },
    {
      operation: "ShowClusterEncryptInfo",
      method: "GET",
      pattern: new RegExp(`^/v1${CLUSTER}/encrypt-info$`),
      mutating: false,
      handle: (r) => this.encryptInfo(r),
    },
    {
      operation: "EncryptCluster",
      method: "POST",
      pattern: new RegExp(`^/v2${CLUSTER}/encrypt$`),
      mutating: true,
      handle: (r) => this.encrypt(r),
    },
    {
      operation: "RotateClusterKey",
      method: "POST",
      pattern: new RegExp(`^/v1${CLUSTER}/rotate-key$`),
      mutating: true,
      handle: (r) => this.rotateKey(r),
    },
    {
      operation: "ShowJob",
      method: "GET",
      pattern: /^\/v1\.0\/(?<project>[^/]+)\/job\/(?<job>[^/]+)$/,
      mutating: false,
      handle: (r) => this.job(r),
    },
  ];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly kms: HuaweiKmsService,
  ) {}

  readonly errorReply = huaweiErrorReply;

  deniedReply(operation: string, requestId: string): HttpReply {
    // DWS's IAM-denial code is not published; DWS.0015 means "cluster does not exist".
    return this.errorReply(403, CODES.denied, `Policy doesn't allow dws:cluster:${/^(Show|List)/.test(operation) ? "list" : "encrypt"} to be performed.`, requestId);
  }

  snapshot(): unknown {
    for (const cluster of this.clusters.values()) this.advance(cluster);
    return {
      clusters: [...this.clusters.values()].map((c) => ({ ...c })),
      jobs: [...this.jobs.values()].map((j) => ({ ...j, ...this.jobView(j) })),
    };
  }

  load(slice: unknown): void {
    const state = (slice ?? {}) as { clusters?: DwsClusterState[]; jobs?: DwsJobState[] };
    this.clusters = new Map((state.clusters ?? []).map((c) => [c.cluster_id, { ...c, action_progress: { ...(c.action_progress ?? {}) } }]));
    this.jobs = keptById(state.jobs, (j) => j.job_id);
  }

  patch(id: string, fields: Record<string, unknown>): void {
    patchKept(this.clusters, id, fields, "DWS cluster", this.ctx);
  }

  private detail(r: RouteRequest): HttpReply {
    return new HttpReply(200, { cluster: this.clusterDetail(this.cluster(r)) });
  }

  /**
   * Every field of the SDK's `ClusterDetail`, with plausible values where the emulator keeps
   * none; the list's `ClusterInfo` is a part of it.
   */
  private clusterDetail(c: DwsClusterState): Record<string, unknown> {
    const host = `${c.name}.dws.myhuaweicloud.com`;
    return {
      id: c.cluster_id,
      name: c.name,
      status: c.status,
      version: c.version,
      updated: "2024-03-12T08:15:30Z",
      created: "2024-03-12T07:58:02Z",
      port: 8000,
      endpoints: [{ connect_info: `${host}:8000`, jdbc_url: `jdbc:postgresql://${host}:8000/<YOUR_DATABASE_NAME>` }],
      nodes: [1, 2, 3].map((n) => ({ id: `${c.cluster_id.slice(0, 8)}-dn-${n}`, status: "200" })),
      tags: [],
      user_name: "dbadmin",
      number_of_node: 3,
      recent_event: 0,
      availability_zone: `${c.region}a`,
      enterprise_project_id: "0",
      vpc_id: "85b20d7e-9eb7-4b2a-98f3-3c8843ea3574",
      subnet_id: "a9dd5e8a-5c8b-4b3e-8a5f-2f2c1b0d7e64",
      public_ip: { public_bind_type: "not_use", eip_id: "" },
      public_endpoints: [],
      action_progress: c.action_progress,
      sub_status: c.sub_status ?? "NORMAL",
      task_status: c.task_status,
      parameter_group: { id: "157e9cc4-64a8-11e8-adc0-fa7ae01bbebc", name: "Default-Parameter-Group-dws", status: "In-Sync" },
      node_type: "dws.m3.xlarge",
      node_type_id: "ebe532d6-665f-40e6-a4d4-3c51545b6d67",
      security_group_id: "dc3ec145-9029-4b39-b5a3-ace5a01f772b",
      order_id: "",
      private_ip: ["192.168.0.12", "192.168.0.66", "192.168.0.177"],
      maintain_window: { day: "Wed", start_time: "22:00", end_time: "02:00" },
      resize_info: null,
      failed_reasons: null,
      elb: null,
    };
  }

  private encryptInfo(r: RouteRequest): HttpReply {
    const c = this.cluster(r);
    if (!c.master_key_id) {
      return new HttpReply(200, { id: null, cluster_id: null, master_key_id: null, master_key_name: null, last_rotate_key_time: null, crypt_algorithm: null });
    }
    return new HttpReply(200, {
      id: `enc-${c.cluster_id.slice(0, 8)}`,
      cluster_id: c.cluster_id,
      master_key_id: c.master_key_id,
      master_key_name: c.master_key_name,
      last_rotate_key_time: c.last_rotate_key_time,
      crypt_algorithm: c.crypt_algorithm,
    });
  }

  private encrypt(r: RouteRequest): HttpReply {
    const c = this.cluster(r);
    const encrypt = (jsonObject(r.body, "the encrypt request").encrypt ?? {}) as Record<string, unknown>;
    const keyId = encrypt.master_key_id;
    const algorithm = encrypt.crypt_algorithm;
    if (typeof keyId !== "string" || keyId === "") throw huaweiError(400, CODES.invalidRequest, "Invalid parameter: encrypt.master_key_id is required.");
    if (algorithm !== "generalCipher" && algorithm !== "SMcompatible") {
      throw huaweiError(400, CODES.invalidRequest, "Invalid parameter: encrypt.crypt_algorithm must be generalCipher or SMcompatible.");
    }
    this.requireOperable(c);
    if (c.master_key_id) throw huaweiError(400, CODES.alreadyEncrypted, "The cluster is already an encryption cluster.");
    if (compareVersions(c.version, "8.0.0") < 0) {
      throw huaweiError(400, CODES.versionTooOld, `The cluster version ${c.version} does not support conversion to an encryption cluster. The version must be 8.0.0 or later.`);
    }
    if (c.disaster_recovery) throw huaweiError(400, CODES.disasterRecovery, "A disaster recovery cluster cannot be converted to an encryption cluster.");
    const key = this.kms.find(keyId, c.region, c.project_id);
    if (!key) throw huaweiError(400, CODES.kmsKeyNotFound, `The KMS key ${keyId} does not exist.`);
    if (key.key_state !== "enabled") throw huaweiError(400, CODES.kmsKeyNotEnabled, `The KMS key ${keyId} is ${key.key_state}.`);
    if (compareVersions(c.guest_agent_version ?? "8.3.0.200", "8.3.0.200") < 0) {
      // DWS reports some refusals inside an HTTP 200 (EncryptClusterResponse carries error_code).
      return new HttpReply(200, {
        error_code: CODES.guestAgentTooOld,
        error_msg: `The guestAgent version ${c.guest_agent_version} is too old: 8.3.0.200 or later is required.`,
        job_id: null,
      });
    }
    const job: DwsJobState = {
      job_id: randomBytes(16).toString("hex"),
      // Unverified: the real name of a conversion job is not documented.
      job_name: "encryptCluster",
      project_id: c.project_id,
      cluster_id: c.cluster_id,
      begin_time: new Date(this.ctx.clock.now()).toISOString(),
      duration_seconds: c.encrypt_duration_seconds ?? 120,
      outcome: c.next_job_outcome ?? "SUCCESS",
      master_key_id: keyId,
      master_key_name: typeof encrypt.master_key_name === "string" && encrypt.master_key_name ? encrypt.master_key_name : key.key_alias,
      crypt_algorithm: algorithm,
    };
    c.next_job_outcome = null;
    this.jobs.set(job.job_id, job);
    c.task_status = CONVERSION_TASK;
    c.action_progress = { [CONVERSION_TASK]: "0%" };
    this.ctx.changed();
    return new HttpReply(200, { error_code: null, error_msg: null, job_id: job.job_id });
  }

  private rotateKey(r: RouteRequest): HttpReply {
    const c = this.cluster(r);
    // The official SDK always sends a JSON object (`{}` without a key); an empty body is refused.
    const body = jsonObject(r.body, "the rotate-key request");
    this.requireOperable(c);
    if (!c.master_key_id) {
      // The legacy error shape, as some DWS APIs still answer.
      throw new HttpReply(400, { errCode: CODES.notEncrypted, externalMessage: "The cluster is not an encryption cluster." });
    }
    if (body.master_key_id !== undefined) {
      if (typeof body.master_key_id !== "string" || body.master_key_id === "") throw huaweiError(400, CODES.invalidRequest, "Invalid parameter: master_key_id.");
      const key = this.kms.find(body.master_key_id, c.region, c.project_id);
      if (!key) throw huaweiError(400, CODES.kmsKeyNotFound, `The KMS key ${body.master_key_id} does not exist.`);
      if (key.key_state !== "enabled") throw huaweiError(400, CODES.kmsKeyNotEnabled, `The KMS key ${body.master_key_id} is ${key.key_state}.`);
      if ((c.rotate_key_with_other_master_key ?? "moves") === "moves") {
        c.master_key_id = key.key_id;
        c.master_key_name = key.key_alias;
      }
    }
    const now = this.ctx.clock.now();
    c.last_rotate_key_time = dwsTime(now);
    this.cooldown(c, now);
    this.ctx.changed();
    return new HttpReply(200, { master_key_name: c.master_key_name, cluster_id: c.cluster_id, rotate_key_time: c.last_rotate_key_time });
  }

  private job(r: RouteRequest): HttpReply {
    const job = this.jobs.get(r.params.job);
    if (!job || job.project_id !== r.params.project) throw huaweiError(404, "DWS.0047", `The job ${r.params.job} does not exist.`);
    const cluster = this.clusters.get(job.cluster_id);
    if (cluster) this.advance(cluster);
    const view = this.jobView(job);
    return new HttpReply(200, {
      job_id: job.job_id,
      job_name: job.job_name,
      begin_time: dwsJobTime(Date.parse(job.begin_time)),
      end_time: view.end_time,
      status: view.status,
      failed_code: view.failed_code,
      failed_detail: view.failed_detail,
      progress: view.progress,
    });
  }

  /** A job's status at the emulated now: INIT, RUNNING with progress, then its outcome. */
  private jobView(job: DwsJobState): { status: string; progress: string; end_time: string | null; failed_code: string | null; failed_detail: string | null } {
    const elapsed = (this.ctx.clock.now() - Date.parse(job.begin_time)) / 1000;
    const share = job.duration_seconds > 0 ? elapsed / job.duration_seconds : 1;
    if (share < 1) {
      return { status: share < INIT_SHARE ? "INIT" : "RUNNING", progress: `${Math.floor(share * 100)}%`, end_time: null, failed_code: null, failed_detail: null };
    }
    const end = dwsJobTime(Date.parse(job.begin_time) + job.duration_seconds * 1000);
    if (job.outcome === "FAIL") {
      return { status: "FAIL", progress: "60%", end_time: end, failed_code: CODES.jobFailed, failed_detail: "Failed to obtain the data key from KMS: check the DWS agency's KMS permissions." };
    }
    if (job.outcome === "STOP") return { status: "STOP", progress: "40%", end_time: end, failed_code: CODES.jobStopped, failed_detail: "The job was stopped by an administrator." };
    return { status: "SUCCESS", progress: "100%", end_time: end, failed_code: null, failed_detail: null };
  }

  /** Brings a cluster up to the emulated now: its running conversion, its busy task. */
  private advance(c: DwsClusterState): void {
    const now = this.ctx.clock.now();
    for (const job of this.jobs.values()) {
      if (job.cluster_id !== c.cluster_id || job.finished) continue;
      const begin = Date.parse(job.begin_time);
      const end = begin + job.duration_seconds * 1000;
      if (now < end) {
        const share = (now - begin) / (end - begin);
        const task = share < RESTART_SHARE ? CONVERSION_TASK : "REBOOTING";
        c.task_status = task;
        c.action_progress = { [task]: `${Math.floor(share * 100)}%` };
        continue;
      }
      job.finished = true;
      c.task_status = null;
      c.action_progress = {};
      if (job.outcome === "SUCCESS") {
        c.master_key_id = job.master_key_id;
        c.master_key_name = job.master_key_name;
        c.crypt_algorithm = job.crypt_algorithm;
        c.last_rotate_key_time = dwsTime(end);
      }
      this.cooldown(c, end);
      this.ctx.changed();
    }
    if (c.busy_until && now >= Date.parse(c.busy_until)) {
      c.busy_until = null;
      c.task_status = null;
      c.action_progress = {};
      this.cooldown(c, now);
      this.ctx.changed();
    }
  }

  /** DWS.7023 while the cluster runs a task, is not available, or just finished an operation. */
  private requireOperable(c: DwsClusterState): void {
    const status = c.status.toUpperCase();
    const task = (c.task_status ?? "").toUpperCase();
    const busy = (task !== "" && !/_(FAILED|FAILURE)$/.test(task)) || Object.keys(c.action_progress).length > 0;
    const cooling = c.cooldown_until && this.ctx.clock.now() < Date.parse(c.cooldown_until);
    if (busy || cooling || (status !== "AVAILABLE" && status !== "ACTIVE")) {
      throw huaweiError(403, "DWS.7023", "The cluster status is not allowed to operation.");
    }
  }

  private cooldown(c: DwsClusterState, from: number): void {
    c.cooldown_until = new Date(from + (c.cooldown_seconds ?? 30) * 1000).toISOString();
  }

  private cluster(r: RouteRequest): DwsClusterState {
    const c = this.clusters.get(r.params.id);
    if (!c || c.project_id !== r.params.project || !visibleIn(c.region, r.region)) throw huaweiError(404, "DWS.0047", `The cluster ${r.params.id} does not exist.`);
    this.advance(c);
    return c;
  }
}

/** The request body as a JSON object; anything else (no body, an array, a string) is refused. */
function jsonObject(body: unknown, what: string): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw huaweiError(400, CODES.invalidRequest, `Invalid request body: ${what} must be a JSON object.`);
  }
  return body as Record<string, unknown>;
}

/** `2022-11-09T20:25:00`: how DWS writes job times (UTC, no zone). */
export function dwsJobTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}

/** `YYYY-MM-DD HH:mm:ss` in UTC, as DWS writes times. */
export function dwsTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace("T", " ");
}

function compareVersions(a: string, b: string): number {
  const x = a.split(".").map((n) => Number.parseInt(n, 10) || 0);
  const y = b.split(".").map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
}

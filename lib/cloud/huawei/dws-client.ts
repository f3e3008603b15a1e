import { nonEmptyText } from "../answer-fields";
import { CallSite, CloudError, unexpectedResponse } from "../cloud-error";
import { HttpTransport } from "../http-transport";
import { huaweiErrorParser } from "./huawei-errors";
import { HuaweiClientOptions, huaweiTransport } from "./huawei-transport";

const SERVICE = "GaussDB(DWS)";

/** "Cluster status is not allowed to operation": transient, also just after an operation. */
export const DWS_BUSY_CODES: ReadonlySet<string> = new Set(["DWS.7023"]);
/** Codes DWS answers for a cluster (or project) that does not exist. */
export const DWS_NOT_FOUND_CODES: ReadonlySet<string> = new Set(["DWS.0001", "DWS.0015", "DWS.0047", "DWS.3027"]);

const CLUSTER_HINT = "the cluster id and project id are right and the cluster is in this region (HW_REGION_NAME)";

const parseError = huaweiErrorParser({
  busyCodes: DWS_BUSY_CODES,
  notFoundCodes: DWS_NOT_FOUND_CODES,
  // *Unverified* (docs/cloud-fidelity.md): a 2xx body with DWS.0000 is a success; on 4xx/5xx it stays an error.
  successCodes: new Set(["DWS.0000"]),
  hints: {
    "DWS.0001": CLUSTER_HINT,
    "DWS.0015": CLUSTER_HINT,
    "DWS.0047": CLUSTER_HINT,
    "DWS.3027": CLUSTER_HINT,
    "DWS.7023": "the cluster is available and no other operation is running on it, then deploy again",
  },
});

/** Encryption of a cluster as encrypt-info reads it; undefined when the cluster is not encrypted. */
export interface DwsEncryptInfo {
  readonly masterKeyId: string;
  readonly masterKeyName?: string;
  /** `generalCipher` or `SMcompatible`. */
  readonly cryptAlgorithm?: string;
  /** `YYYY-MM-DD HH:mm:ss` with no zone: UTC. */
  readonly lastRotateKeyTime?: string;
}

export interface DwsEncryptInfoResult {
  readonly encryption?: DwsEncryptInfo;
  /** The service's clock (its `Date` header), for judging key ages. */
  readonly serverTime?: Date;
}

export type DwsJobStatus = "INIT" | "WAITING" | "RUNNING" | "DELAY_SCHEDULED" | "FAIL" | "SUCCESS" | "STOP";

export interface DwsJob {
  readonly jobId: string;
  readonly jobName?: string;
  readonly status: string;
  /** 0–100 when the service says. */
  readonly progress?: number;
  readonly failedCode?: string;
  readonly failedDetail?: string;
}

export interface DwsClusterDetail {
  readonly id: string;
  readonly name?: string;
  readonly status: string;
  readonly taskStatus?: string;
  /** Task → percentage, e.g. `{ SNAPSHOTTING: "20%" }`; non-empty means busy. */
  readonly actionProgress: Record<string, string>;
  readonly subStatus?: string;
  readonly version?: string;
  readonly failedReasons?: unknown;
}

/** One cluster as ListClusters reports it (`ClusterInfo`). */
export interface DwsClusterSummary {
  readonly id: string;
  readonly name?: string;
  readonly status?: string;
  readonly version?: string;
  readonly taskStatus?: string;
  /** Task → percentage, as in DwsClusterDetail (ClusterInfo carries `action_progress` too). */
  readonly actionProgress?: Record<string, string>;
}

export interface DwsRotateKeyResult {
  readonly masterKeyName?: string;
  readonly rotateKeyTime?: string;
}

/** Whether a DWS error means the cluster (or project) does not exist. */
export function isDwsNotFound(error: unknown): error is CloudError {
  return error instanceof CloudError && (DWS_NOT_FOUND_CODES.has(error.code) || error.status === 404);
}

/** How long a DWS.7023 refusal of a read is retried after the first attempt. */
export const DWS_BUSY_RETRY_MS = 120_000;

/** The GaussDB(DWS) calls this library makes: conversion to encrypted, encrypt-info, rotate-key, jobs, cluster detail. */
export class DwsClient {
  private readonly transport: HttpTransport;

  constructor(private readonly options: HuaweiClientOptions) {
    // DWS.7023 ("cluster status is not allowed to operation") lasts a while after an
    // operation ends: reads keep trying for two minutes, not only a number of times. The
    // changes (EncryptCluster, rotate-key) are never repeated here: the reconciler observes
    // the cluster and decides again (another deploy may be making the same change).
    this.transport = huaweiTransport("dws", parseError, {
      ...options,
      maxAttempts: options.maxAttempts ?? 8,
      busyRetryMs: options.busyRetryMs ?? DWS_BUSY_RETRY_MS,
    });
  }

  /** Submits the one-way conversion; answers the job id. Never repeated by the transport, whatever the error. */
  async encryptCluster(clusterId: string, request: { masterKeyId: string; masterKeyName?: string; cryptAlgorithm: string }): Promise<string> {
    const encrypt: Record<string, string> = { master_key_id: request.masterKeyId };
    if (request.masterKeyName) encrypt.master_key_name = request.masterKeyName;
    encrypt.crypt_algorithm = request.cryptAlgorithm;
    const site = this.site("EncryptCluster", `cluster ${clusterId}`);
    const result = await this.transport.call<{ job_id?: unknown }>({ ...site, method: "POST", path: `${this.clusterPath("v2", clusterId)}/encrypt`, body: { encrypt }, idempotent: false });
    const jobId = result.body.job_id;
    if (typeof jobId !== "string" || jobId === "") throw unexpectedResponse(site, "job_id is missing");
    return jobId;
  }

  async getEncryptInfo(clusterId: string): Promise<DwsEncryptInfoResult> {
    const site = this.site("ShowClusterEncryptInfo", `cluster ${clusterId}`);
    const result = await this.transport.call<Record<string, unknown>>({ ...site, method: "GET", path: `${this.clusterPath("v1", clusterId)}/encrypt-info`, idempotent: true });
    const body = result.body;
    // "Not encrypted" is an answer with master_key_id null; an answer without it says nothing,
    // and must not lead to an irreversible conversion.
    const keyField = body && !Array.isArray(body) && "master_key_id" in body ? body.master_key_id : undefined;
    if (keyField !== null && typeof keyField !== "string") {
      throw unexpectedResponse(site, `master_key_id is ${keyField === undefined ? "missing" : JSON.stringify(keyField)}, expected a key id (or null for a cluster that is not encrypted)`);
    }
    const masterKeyId = nonEmptyText(body.master_key_id);
    return {
      serverTime: result.serverTime,
      encryption: masterKeyId
        ? {
            masterKeyId,
            masterKeyName: nonEmptyText(body.master_key_name),
            cryptAlgorithm: nonEmptyText(body.crypt_algorithm),
            lastRotateKeyTime: nonEmptyText(body.last_rotate_key_time),
          }
        : undefined,
    };
  }

  /**
   * rotate-key. Without `masterKeyId` it rotates the cluster encryption key. With one, DWS is
   * asked to move the cluster to that master key — undocumented (cloud-apis.md §1): callers
   * must verify with encrypt-info afterwards. The body is always a JSON object (`{}` without a
   * key), as the official SDK sends it.
   */
  async rotateKey(clusterId: string, masterKeyId?: string): Promise<DwsRotateKeyResult> {
    const result = await this.transport.call<Record<string, unknown>>({
      ...this.site("RotateClusterKey", `cluster ${clusterId}`),
      method: "POST",
      path: `${this.clusterPath("v1", clusterId)}/rotate-key`,
      body: masterKeyId ? { master_key_id: masterKeyId } : {},
      idempotent: false,
    });
    return { masterKeyName: nonEmptyText(result.body.master_key_name), rotateKeyTime: nonEmptyText(result.body.rotate_key_time) };
  }

  async getJob(jobId: string): Promise<DwsJob> {
    const site = this.site("ShowJob", `job ${jobId}`);
    const { body } = await this.transport.call<Record<string, unknown>>({ ...site, method: "GET", path: `/v1.0/${this.project()}/job/${encodeURIComponent(jobId)}`, idempotent: true });
    const status = nonEmptyText(body.status);
    if (!status) throw unexpectedResponse(site, "status is missing");
    return {
      jobId,
      jobName: nonEmptyText(body.job_name),
      status: status.toUpperCase(),
      progress: percentOf(body.progress),
      failedCode: nonEmptyText(body.failed_code),
      failedDetail: nonEmptyText(body.failed_detail),
    };
  }

  async getCluster(clusterId: string): Promise<DwsClusterDetail> {
    const site = this.site("ShowClusterDetail", `cluster ${clusterId}`);
    const result = await this.transport.call<{ cluster?: Record<string, unknown> }>({ ...site, method: "GET", path: this.clusterPath("v1.0", clusterId), idempotent: true });
    const cluster = result.body.cluster ?? {};
    const status = nonEmptyText(cluster.status);
    if (!status) throw unexpectedResponse(site, "cluster.status is missing");
    return {
      id: clusterId,
      name: nonEmptyText(cluster.name),
      status,
      taskStatus: nonEmptyText(cluster.task_status),
      actionProgress: progressOf(cluster.action_progress),
      subStatus: nonEmptyText(cluster.sub_status),
      version: nonEmptyText(cluster.version),
      failedReasons: cluster.failed_reasons ?? undefined,
    };
  }

  /** Every cluster of the project (ListClusters: one answer, no paging). */
  async listClusters(): Promise<DwsClusterSummary[]> {
    const site = this.site("ListClusters", `project ${this.options.projectId}`);
    const result = await this.transport.call<{ clusters?: unknown }>({ ...site, method: "GET", path: `/v1.0/${this.project()}/clusters`, idempotent: true });
    if (!Array.isArray(result.body.clusters)) throw unexpectedResponse(site, "clusters is not a list");
    return result.body.clusters.flatMap((item: Record<string, unknown>) => {
      const id = nonEmptyText(item?.id);
      return id
        ? [{ id, name: nonEmptyText(item.name), status: nonEmptyText(item.status), version: nonEmptyText(item.version), taskStatus: nonEmptyText(item.task_status), actionProgress: progressOf(item.action_progress) }]
        : [];
    });
  }

  private project(): string {
    return encodeURIComponent(this.options.projectId);
  }

  /** `/{version}/{project_id}/clusters/{cluster_id}`: DWS's APIs of one cluster are spread over v1.0, v1 and v2. */
  private clusterPath(version: "v1.0" | "v1" | "v2", clusterId: string): string {
    return `/${version}/${this.project()}/clusters/${encodeURIComponent(clusterId)}`;
  }

  /** Where a call goes, as its errors name it. */
  private site(operation: string, resource: string): CallSite {
    return { service: SERVICE, operation, resource };
  }
}

/** `action_progress`: task → percentage (`{ SNAPSHOTTING: "20%" }`); empty when absent. */
function progressOf(value: unknown): Record<string, string> {
  const progress: Record<string, string> = {};
  if (value && typeof value === "object") {
    for (const [task, percent] of Object.entries(value as Record<string, unknown>)) progress[task] = String(percent);
  }
  return progress;
}

function percentOf(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

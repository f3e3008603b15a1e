import { HuaweiAgencyIdentity } from "../contract/declared-identity";
import { DwsClient, DwsClusterDetail } from "../cloud/huawei/dws-client";
import { classifyDwsTask } from "../cloud/huawei/dws-task-status";
import { ClientCache } from "./client-cache";
import { Duration } from "../contract/duration";
import { ReconcileContext } from "./reconciler";
import { ReconcileError } from "./reconcile-error";
import { waitFor } from "./wait";

/** What both DWS reconcilers need to reach one cluster. */
export interface DwsClusterTarget {
  readonly region: string;
  readonly projectId: string;
  readonly clusterId: string;
  readonly timeout: Duration;
}

/** Cluster states DWS does not leave by itself: nothing is sent while a cluster is in one. */
const STUCK_STATUSES = new Set(["FAILED", "CREATE_FAILED", "CREATION FAILED", "DELETING", "DELETE_FAILED", "DELETED", "FROZEN", "POLICE_FROZEN"]);
const AVAILABLE_STATUSES = new Set(["AVAILABLE", "ACTIVE"]);

/** The oldest warehouse version the encrypt API accepts. */
export const DWS_MIN_ENCRYPT_VERSION = "8.0.0";

export function describeDwsCluster(target: { clusterId: string; region: string }): string {
  return `GaussDB(DWS) cluster ${target.clusterId} (${target.region})`;
}

/**
 * How a plan line and review say a master-key change: DWS documents no way to move an
 * encrypted cluster to another master key; rotate-key with `master_key_id` is tried, verified,
 * and never repeated in a run.
 */
export const MASTER_KEY_MOVE_TERMS =
  "rotate-key with master_key_id: attempted and verified afterwards, because DWS documents no other way to change the master key; not repeated in this run if it does not take";

/** One client per region and project, built from the reconcile context's environment. */
export class DwsClients {
  private readonly cache: ClientCache<DwsClient, HuaweiAgencyIdentity>;

  constructor(ctx: ReconcileContext) {
    this.cache = new ClientCache((region, projectId, identity) => new DwsClient({ region, projectId: projectId!, identity, env: ctx.env, clock: ctx.clock, log: ctx.log, deadline: ctx.deadline }));
  }

  for(target: { region: string; projectId: string; identity?: HuaweiAgencyIdentity }): DwsClient {
    return this.cache.for(target.region, target.projectId, target.identity);
  }
}

/**
 * The running (or waiting) task of a cluster in words (`REBOOTING 40%`), or undefined when it
 * is free. A failed task is not running: see `failedTask`. A `task_status` the SDK does not
 * document counts as running, said so.
 */
export function busyTask(cluster: DwsClusterDetail): string | undefined {
  const progress = Object.entries(cluster.actionProgress);
  if (progress.length > 0) return progress.map(([task, percent]) => `${task} ${percent}`).join(", ");
  const verdict = classifyDwsTask(cluster.taskStatus);
  if (verdict.class === "pending") return verdict.documented ? cluster.taskStatus : `${cluster.taskStatus} (not a documented task status; taken as running)`;
  if (cluster.status.toUpperCase() === "CREATING") return "CREATING";
  return undefined;
}

/** The cluster's failed task (`RESIZE_FAILURE`, `ELB_BIND_FAILED`, …), or undefined. */
export function failedTask(cluster: DwsClusterDetail): string | undefined {
  return classifyDwsTask(cluster.taskStatus).class === "failed" ? cluster.taskStatus : undefined;
}

/** The one-line refusal for a cluster whose last task failed: DWS does not retry it by itself. */
export function failedTaskError(target: string, task: string): ReconcileError {
  return new ReconcileError(
    `${target}: its task ${task} failed, and DWS does not retry a failed task by itself: nothing more was sent. Resolve the failed task in the console (or with Huawei Cloud support), then deploy again`,
  );
}

export function isStuck(cluster: DwsClusterDetail): boolean {
  return STUCK_STATUSES.has(cluster.status.toUpperCase());
}

export function isAvailable(cluster: DwsClusterDetail): boolean {
  return AVAILABLE_STATUSES.has(cluster.status.toUpperCase()) && busyTask(cluster) === undefined;
}

export function describeClusterState(cluster: DwsClusterDetail): string {
  const task = busyTask(cluster);
  return `status ${cluster.status}${task ? `, task ${task}` : ""}`;
}

/**
 * Asks DWS to move the cluster to `masterKeyId` with rotate-key (undocumented, see
 * MASTER_KEY_MOVE_TERMS), once, then reads encrypt-info: when the cluster still uses another
 * master key the run stops with one line, and nothing is sent again.
 */
export async function moveMasterKey(client: DwsClient, target: DwsClusterTarget, masterKeyId: string, from: string): Promise<void> {
  await client.rotateKey(target.clusterId, masterKeyId);
  const { encryption } = await client.getEncryptInfo(target.clusterId);
  if (encryption?.masterKeyId === masterKeyId) return;
  throw new ReconcileError(
    `${describeDwsCluster(target)}: DWS accepted rotate-key with master_key_id ${masterKeyId}, but encrypt-info still reads master key ${encryption?.masterKeyId ?? "(none)"}: this DWS rotates the data key without moving the cluster to another master key, and DWS documents no other way to change it. Not repeated; nothing more was sent. Declare the master key the cluster uses (${from}), or ask Huawei Cloud support`,
  );
}

/** Compares dotted versions numerically: `8.1.3.110` ≥ `8.0.0`; undefined when unreadable. */
export function versionAtLeast(version: string | undefined, minimum: string): boolean | undefined {
  if (!version || !/^\d+(\.\d+)*$/.test(version.trim())) return undefined;
  const a = version.trim().split(".").map(Number);
  const b = minimum.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * Reads a DWS time. DWS writes `2025-05-14 08:02:59` with no zone, meaning UTC; ISO forms
 * (with `T`, fractions, `Z` or an offset) are accepted too. Undefined when unreadable.
 */
export function parseDwsTime(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  const zone = m[8] ?? "Z";
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ""}${zone === "Z" ? "Z" : zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A time as DWS writes it: `2025-05-14 08:02:59`, UTC without a zone (what `parseDwsTime` reads). */
export function formatDwsTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace("T", " ");
}

/** `2025-05-14 08:02:59 UTC`. */
export function formatUtc(date: Date): string {
  return `${formatDwsTime(date.getTime())} UTC`;
}

/**
 * Waits until the cluster is available and runs no task; fails at once for a state DWS does
 * not leave by itself.
 */
export async function waitForClusterAvailable(ctx: ReconcileContext, client: DwsClient, target: DwsClusterTarget, purpose: string): Promise<void> {
  await waitFor({
    what: `${describeDwsCluster(target)} to be available ${purpose}`,
    clock: ctx.clock,
    log: ctx.log,
    timeoutMs: target.timeout.toMilliseconds(),
    deadline: ctx.deadline,
    minIntervalMs: 1000,
    maxIntervalMs: 30_000,
    check: async () => {
      const cluster = await client.getCluster(target.clusterId);
      if (isStuck(cluster)) {
        throw new ReconcileError(
          `${describeDwsCluster(target)} is ${cluster.status}: DWS will not leave that state by itself, so nothing more was sent. Check the cluster in the console`,
        );
      }
      const failed = failedTask(cluster);
      if (failed) throw failedTaskError(describeDwsCluster(target), failed);
      return { done: isAvailable(cluster), state: describeClusterState(cluster) };
    },
  });
}

import { DwsClient, DwsClusterDetail } from "../cloud/huawei/dws-client";
import { ClientCache } from "./client-cache";
import { Duration } from "../spec/duration";
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

/** One client per region and project, built from the reconcile context's environment. */
export class DwsClients {
  private readonly cache: ClientCache<DwsClient>;

  constructor(ctx: ReconcileContext) {
    this.cache = new ClientCache((region, projectId) => new DwsClient({ region, projectId: projectId!, env: ctx.env, clock: ctx.clock, log: ctx.log, deadline: ctx.deadline }));
  }

  for(target: { region: string; projectId: string }): DwsClient {
    return this.cache.for(target.region, target.projectId);
  }
}

/** The running task of a cluster in words (`ENCRYPTING 40%`), or undefined when it is free. */
export function busyTask(cluster: DwsClusterDetail): string | undefined {
  const progress = Object.entries(cluster.actionProgress);
  if (progress.length > 0) return progress.map(([task, percent]) => `${task} ${percent}`).join(", ");
  if (cluster.taskStatus && cluster.taskStatus.toUpperCase().includes("ING")) return cluster.taskStatus;
  if (cluster.status.toUpperCase() === "CREATING") return "CREATING";
  return undefined;
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

/** `2025-05-14 08:02:59 UTC`. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
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
      return { done: isAvailable(cluster), state: describeClusterState(cluster) };
    },
  });
}

import { CloudError } from "../../cloud/cloud-error";
import { DwsClusterDetail, DwsEncryptInfo, isDwsNotFound } from "../../cloud/huawei/dws-client";
import { describeCryptAlgorithm } from "../../cloud/huawei/dws-crypt-algorithm";
import { DwsClusterEncryptionSpec } from "./spec";
import {
  DWS_MIN_ENCRYPT_VERSION,
  DwsClients,
  MASTER_KEY_MOVE_TERMS,
  busyTask,
  describeDwsCluster,
  failedTask,
  failedTaskError,
  isStuck,
  moveMasterKey,
  versionAtLeast,
  waitForClusterAvailable,
} from "../../reconcile/dws-cluster-state";
import { Action, Mode, Plan, ReconcileContext, Reconciler, nothingToDo } from "../../reconcile/reconciler";
import { ReconcileError } from "../../reconcile/reconcile-error";
import { waitFor } from "../../reconcile/wait";
import { HuaweiKeyReader, KEY_READ_PERMISSION, enforceKeyVerdict } from "../../reconcile/kms-preflight";
import { KeyVerdict, describeKeyVerdict } from "../../reconcile/kms-key-check";

export interface DwsEncryptionObserved {
  readonly exists: boolean;
  /** From encrypt-info; undefined when the cluster is not encrypted. */
  readonly encryption?: DwsEncryptInfo;
  /** Cluster detail, read only when the cluster is not encrypted (to convert it safely). */
  readonly cluster?: DwsClusterDetail;
  /** The declared master key, read only when asked (`ReconcileContext.observeKeys`, review --live). */
  readonly key?: KeyVerdict;
}

export const CONVERT = "convert-to-encrypted";
export const WAIT_FOR_CLUSTER = "wait-for-cluster";
export const ROTATE_MASTER_KEY = "rotate-master-key";

/** Words for a key: its name and id when both are known. */
export function describeKey(id: string, name?: string): string {
  return name ? `${name} (${id})` : id;
}

/**
 * Converts a GaussDB(DWS) cluster to an encrypted one, once. Observes with encrypt-info (one
 * call when the cluster is already as declared) and reads the cluster detail only when a
 * conversion may be needed, so a run killed after submitting sees the cluster busy and waits
 * instead of submitting again.
 */
export class DwsClusterEncryptionReconciler implements Reconciler<DwsClusterEncryptionSpec, DwsEncryptionObserved> {
  private readonly clients: DwsClients;
  private readonly keys: HuaweiKeyReader;

  constructor(private readonly ctx: ReconcileContext) {
    this.clients = new DwsClients(ctx);
    this.keys = new HuaweiKeyReader(ctx);
  }

  describeTarget(spec: DwsClusterEncryptionSpec): string {
    return describeDwsCluster(spec);
  }

  describeObserved(observed: DwsEncryptionObserved): string {
    const key = observed.key ? `; ${describeKeyVerdict(observed.key)}` : "";
    return this.describeCluster(observed) + key;
  }

  private describeCluster(observed: DwsEncryptionObserved): string {
    if (!observed.exists) return "cluster not found";
    const e = observed.encryption;
    if (e) return `encrypted with master key ${describeKey(e.masterKeyId, e.masterKeyName)}${e.cryptAlgorithm ? ` (${describeCryptAlgorithm(e.cryptAlgorithm)})` : ""}`;
    const task = observed.cluster && busyTask(observed.cluster);
    return `not encrypted${observed.cluster ? `, status ${observed.cluster.status}` : ""}${task ? `, task ${task}` : ""}`;
  }

  async observe(spec: DwsClusterEncryptionSpec): Promise<DwsEncryptionObserved> {
    const observed = await this.observeCluster(spec);
    return this.ctx.observeKeys ? { ...observed, key: await this.keys.read(spec.masterKeyId, spec) } : observed;
  }

  private async observeCluster(spec: DwsClusterEncryptionSpec): Promise<DwsEncryptionObserved> {
    const client = this.clients.for(spec);
    try {
      const { encryption } = await client.getEncryptInfo(spec.clusterId);
      if (encryption) return { exists: true, encryption };
      return { exists: true, cluster: await client.getCluster(spec.clusterId) };
    } catch (error) {
      if (isDwsNotFound(error)) return { exists: false };
      throw error;
    }
  }

  plan(spec: DwsClusterEncryptionSpec, observed: DwsEncryptionObserved, mode: Mode): Plan {
    const target = this.describeTarget(spec);
    if (mode === "destroy") {
      if (!observed.exists) return nothingToDo("the cluster no longer exists; nothing to forget");
      if (observed.encryption) {
        return nothingToDo(
          `GaussDB(DWS) encryption is one-way: the cluster stays encrypted with master key ${describeKey(observed.encryption.masterKeyId, observed.encryption.masterKeyName)}; destroying this construct only stops managing it`,
        );
      }
      return nothingToDo("the cluster is not encrypted; destroying this construct changes nothing");
    }
    if (!observed.exists) {
      throw new ReconcileError(
        `${target} was not found: nothing was sent. Check that the cluster id and project id are right and that the cluster is in ${spec.region}`,
      );
    }
    const declared = `${describeKey(spec.masterKeyId, spec.masterKeyName)} (${describeCryptAlgorithm(spec.algorithm)})`;
    const encryption = observed.encryption;
    if (encryption) {
      if (encryption.cryptAlgorithm && encryption.cryptAlgorithm !== spec.algorithm) {
        const actual = describeCryptAlgorithm(encryption.cryptAlgorithm);
        throw new ReconcileError(
          `${target} is encrypted with ${actual} (${encryption.cryptAlgorithm}) but ${describeCryptAlgorithm(spec.algorithm)} (${spec.algorithm}) is declared: the algorithm of an encrypted DWS cluster cannot be changed. Nothing was sent. Declare algorithm: CryptAlgorithm.${actual} to match the cluster`,
        );
      }
      if (encryption.masterKeyId !== spec.masterKeyId) {
        return {
          actions: [
            {
              type: ROTATE_MASTER_KEY,
              description: `move DWS cluster ${spec.clusterId} from master key ${describeKey(encryption.masterKeyId, encryption.masterKeyName)} to ${describeKey(spec.masterKeyId, spec.masterKeyName)} (${MASTER_KEY_MOVE_TERMS}; the data stays encrypted)`,
            },
          ],
          notes: [],
        };
      }
      return nothingToDo();
    }
    const cluster = observed.cluster;
    if (!cluster) throw new ReconcileError(`${target}: the cluster detail was not read; this is a bug`);
    const versionOk = versionAtLeast(cluster.version, DWS_MIN_ENCRYPT_VERSION);
    if (versionOk === false) {
      throw new ReconcileError(
        `${target} runs version ${cluster.version}: converting to an encrypted cluster needs version ${DWS_MIN_ENCRYPT_VERSION} or later. Nothing was sent. Upgrade the cluster first`,
      );
    }
    if (isStuck(cluster)) {
      throw new ReconcileError(`${target} is ${cluster.status}: it must be available to be converted to encrypted. Nothing was sent. Check the cluster in the console`);
    }
    const failed = failedTask(cluster);
    if (failed) throw failedTaskError(target, failed);
    const task = busyTask(cluster);
    if (task || !["AVAILABLE", "ACTIVE"].includes(cluster.status.toUpperCase())) {
      return {
        actions: [
          {
            type: WAIT_FOR_CLUSTER,
            description: `wait for DWS cluster ${spec.clusterId} to finish ${task ?? `status ${cluster.status}`} (a conversion submitted earlier finishes here too), then convert it if still needed`,
          },
        ],
        notes: [],
      };
    }
    return {
      actions: [
        {
          type: CONVERT,
          description: `convert DWS cluster ${spec.clusterId} to encrypted with key ${declared}; the cluster restarts and cannot be decrypted afterwards`,
          irreversible: true,
          restarts: true,
        },
      ],
      notes: [],
    };
  }

  async execute(spec: DwsClusterEncryptionSpec, action: Action, observed: DwsEncryptionObserved): Promise<void> {
    const client = this.clients.for(spec);
    switch (action.type) {
      case WAIT_FOR_CLUSTER:
        await waitForClusterAvailable(this.ctx, client, spec, "before converting");
        return;
      case ROTATE_MASTER_KEY:
        await moveMasterKey(client, spec, spec.masterKeyId, observed.encryption?.masterKeyId ?? "its current key");
        return;
      case CONVERT:
        await this.convert(spec);
        return;
      default:
        throw new ReconcileError(`${this.describeTarget(spec)}: unknown action ${action.type}; this is a bug`);
    }
  }

  /**
   * After DWS refused a change (DWS.7023, the cluster busy with another operation: cloud-apis.md
   * §1; another deploy's perhaps): waits until the cluster is free.
   */
  async settle(spec: DwsClusterEncryptionSpec): Promise<void> {
    await waitForClusterAvailable(this.ctx, this.clients.for(spec), spec, "after DWS refused the change");
  }

  private async convert(spec: DwsClusterEncryptionSpec): Promise<void> {
    const client = this.clients.for(spec);
    const target = this.describeTarget(spec);
    enforceKeyVerdict(this.ctx, await this.keys.read(spec.masterKeyId, spec), {
      target,
      before: "the one-way conversion",
      permission: KEY_READ_PERMISSION.huawei,
      fix: "Enable the key in the KMS console, or declare an enabled key of this region and project",
    });
    let jobId: string;
    try {
      jobId = await client.encryptCluster(spec.clusterId, { masterKeyId: spec.masterKeyId, masterKeyName: spec.masterKeyName, cryptAlgorithm: spec.algorithm });
    } catch (error) {
      if (error instanceof CloudError && error.ambiguous) {
        // The request may have been carried out: never send it twice; look at the cluster instead.
        this.ctx.log.info(`${target}: the answer to the conversion request was lost (${error.code}); not sending it again, checking the cluster instead`);
        return;
      }
      throw error;
    }
    this.ctx.log.info(`${target}: conversion submitted as job ${jobId}`);
    await waitFor({
      what: `DWS job ${jobId} (convert cluster ${spec.clusterId} to encrypted)`,
      clock: this.ctx.clock,
      log: this.ctx.log,
      timeoutMs: spec.timeout.toMilliseconds(),
      deadline: this.ctx.deadline,
      minIntervalMs: 1000,
      maxIntervalMs: 30_000,
      check: async () => {
        const job = await client.getJob(jobId);
        if (job.status === "FAIL" || job.status === "STOP") {
          const why = [job.failedCode, job.failedDetail].filter(Boolean).join(": ").replace(/\.+$/, "") || "DWS gave no reason";
          throw new ReconcileError(
            `${target}: conversion job ${jobId} ended ${job.status}: ${why}. The cluster was not converted; fix the cause and deploy again`,
          );
        }
        return {
          done: job.status === "SUCCESS",
          state: job.progress !== undefined ? `${job.status} ${job.progress}%` : job.status,
          progressPercent: job.progress,
        };
      },
    });
    await waitForClusterAvailable(this.ctx, client, spec, "after the conversion");
  }
}

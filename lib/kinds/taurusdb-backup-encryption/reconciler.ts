import { HuaweiAgencyIdentity } from "../../contract/declared-identity";
import { BackupEncryptionStatus, TaurusDbClient } from "../../cloud/huawei/taurusdb-client";
import { RemovalPolicy } from "../../contract/removal-policy";
import { TaurusDbBackupEncryptionSpec } from "./spec";
import { ClientCache } from "../../reconcile/client-cache";
import { Action, Mode, Plan, ReconcileContext, Reconciler, nothingToDo } from "../../reconcile/reconciler";
import { ReconcileError } from "../../reconcile/reconcile-error";
import { waitFor } from "../../reconcile/wait";
import { HuaweiKeyReader, KEY_READ_PERMISSION, enforceKeyVerdict } from "../../reconcile/kms-preflight";
import { KeyVerdict, TAURUSDB_KEY_SPECS, describeKeyVerdict } from "../../reconcile/kms-key-check";

export interface TaurusDbObserved {
  readonly encryption: BackupEncryptionStatus;
  /** The declared key, read only when asked (`ReconcileContext.observeKeys`, review --live). */
  readonly key?: KeyVerdict;
}

/** Instance states from which TaurusDB will not get back to ACTIVE by itself. */
// FAILED, FROZEN, STORAGE FULL are documented; ABNORMAL and DELETED are unverified (the
// reference's list ends with "…"): refusing in them sends nothing, so it errs on the safe side.
const STUCK_STATES = new Set(["FAILED", "FROZEN", "STORAGE FULL", "ABNORMAL", "DELETED"]);

export class TaurusDbBackupEncryptionReconciler implements Reconciler<TaurusDbBackupEncryptionSpec, TaurusDbObserved> {
  private readonly clients: ClientCache<TaurusDbClient, HuaweiAgencyIdentity>;
  private readonly keys: HuaweiKeyReader;

  constructor(private readonly ctx: ReconcileContext) {
    this.keys = new HuaweiKeyReader(ctx);
    this.clients = new ClientCache((region, projectId, identity) => new TaurusDbClient({ region, projectId: projectId!, identity, env: ctx.env, clock: ctx.clock, log: ctx.log, deadline: ctx.deadline }));
  }

  describeTarget(spec: TaurusDbBackupEncryptionSpec): string {
    return `TaurusDB instance ${spec.instanceId} (${spec.region})`;
  }

  describeObserved(observed: TaurusDbObserved): string {
    return `encrypted backup ${observed.encryption}${observed.key ? `; ${describeKeyVerdict(observed.key)}` : ""}`;
  }

  async observe(spec: TaurusDbBackupEncryptionSpec): Promise<TaurusDbObserved> {
    const encryption = await this.client(spec).getBackupEncryption(spec.instanceId);
    if (!this.ctx.observeKeys || !spec.kmsKeyId) return { encryption };
    return { encryption, key: await this.keys.read(spec.kmsKeyId, spec, TAURUSDB_KEY_SPECS) };
  }

  plan(spec: TaurusDbBackupEncryptionSpec, observed: TaurusDbObserved, mode: Mode): Plan {
    if (mode === "destroy") {
      if (spec.removalPolicy === RemovalPolicy.RETAIN || spec.encryption === "off") {
        return nothingToDo(
          observed.encryption === "on"
            ? "removal policy RETAIN: encrypted backup stays on"
            : "encrypted backup is off; nothing to undo",
        );
      }
      return observed.encryption === "on" ? { actions: [disable()], notes: ["removal policy DISABLE"] } : nothingToDo();
    }
    if (spec.encryption === "off") return observed.encryption === "on" ? { actions: [disable()], notes: [] } : nothingToDo();
    if (observed.encryption === "off") return { actions: [enable(spec.kmsKeyId!)], notes: [] };
    return nothingToDo();
  }

  async execute(spec: TaurusDbBackupEncryptionSpec, action: Action): Promise<void> {
    await this.waitUntilActive(spec);
    const client = this.client(spec);
    if (action.type === "enable-backup-encryption") {
      enforceKeyVerdict(this.ctx, await this.keys.read(spec.kmsKeyId!, spec, TAURUSDB_KEY_SPECS), {
        target: this.describeTarget(spec),
        before: "turning on encrypted backup",
        permission: KEY_READ_PERMISSION.huawei,
        fix: "Declare an enabled AES_256 or SM4 key of this region and project, or enable this one in the KMS console",
      });
      await client.setBackupEncryption(spec.instanceId, { status: "on", kmsKeyId: spec.kmsKeyId! });
    } else {
      await client.setBackupEncryption(spec.instanceId, { status: "off" });
    }
  }

  private async waitUntilActive(spec: TaurusDbBackupEncryptionSpec): Promise<void> {
    const client = this.client(spec);
    await waitFor({
      what: `TaurusDB instance ${spec.instanceId} to be ACTIVE`,
      clock: this.ctx.clock,
      log: this.ctx.log,
      timeoutMs: spec.timeout.toMilliseconds(),
      deadline: this.ctx.deadline,
      minIntervalMs: 1000,
      maxIntervalMs: 10_000,
      check: async () => {
        const { status } = await client.getInstance(spec.instanceId);
        if (STUCK_STATES.has(status.toUpperCase())) {
          throw new ReconcileError(
            `${this.describeTarget(spec)} is ${status}: TaurusDB will not change backup encryption until the instance is ACTIVE again. Nothing was sent. Check the instance in the console`,
          );
        }
        return { done: status.toUpperCase() === "ACTIVE", state: `status ${status}` };
      },
    });
  }

  private client(spec: TaurusDbBackupEncryptionSpec): TaurusDbClient {
    return this.clients.for(spec.region, spec.projectId, spec.identity);
  }
}

function enable(kmsKeyId: string): Action {
  return { type: "enable-backup-encryption", description: `turn on encrypted backup with KMS key ${kmsKeyId}` };
}

function disable(): Action {
  return { type: "disable-backup-encryption", description: "turn off encrypted backup" };
}

import { DwsEncryptInfo, isDwsNotFound } from "../../cloud/huawei/dws-client";
import { DwsKeyRotationSpec } from "./spec";
import { describeKey } from "../dws-cluster-encryption/reconciler";
import { DwsClients, MASTER_KEY_MOVE_TERMS, describeDwsCluster, formatUtc, moveMasterKey, parseDwsTime, waitForClusterAvailable } from "../../reconcile/dws-cluster-state";
import { Action, Mode, Plan, ReconcileContext, Reconciler, nothingToDo } from "../../reconcile/reconciler";
import { ReconcileError } from "../../reconcile/reconcile-error";

export interface DwsRotationObserved {
  readonly exists: boolean;
  readonly encryption?: DwsEncryptInfo;
  /** The service's time (its `Date` header) when read, else this machine's clock: epoch ms. */
  readonly now: number;
}

export const ROTATE_KEY = "rotate-key";
export const ROTATE_TO_MASTER_KEY = "rotate-to-master-key";

const DAY_MS = 86_400_000;

/**
 * Rotates a DWS cluster's encryption key when the live `last_rotate_key_time` is at least the
 * declared period old, judged by the service's clock; moves the cluster to the declared master
 * key when it uses another one. One read (encrypt-info) when nothing is due.
 */
export class DwsKeyRotationReconciler implements Reconciler<DwsKeyRotationSpec, DwsRotationObserved> {
  private readonly clients: DwsClients;

  constructor(private readonly ctx: ReconcileContext) {
    this.clients = new DwsClients(ctx);
  }

  describeTarget(spec: DwsKeyRotationSpec): string {
    return `${describeDwsCluster(spec)} key rotation`;
  }

  describeObserved(observed: DwsRotationObserved): string {
    if (!observed.exists) return "cluster not found";
    const e = observed.encryption;
    if (!e) return "not encrypted";
    const last = e.lastRotateKeyTime ? parseDwsTime(e.lastRotateKeyTime) : undefined;
    return `master key ${describeKey(e.masterKeyId, e.masterKeyName)}, ${last ? `key last rotated ${formatUtc(last)}` : "no key rotation recorded"}`;
  }

  async observe(spec: DwsKeyRotationSpec): Promise<DwsRotationObserved> {
    try {
      const { encryption, serverTime } = await this.clients.for(spec).getEncryptInfo(spec.clusterId);
      return { exists: true, encryption, now: serverTime?.getTime() ?? this.ctx.clock.now() };
    } catch (error) {
      if (isDwsNotFound(error)) return { exists: false, now: this.ctx.clock.now() };
      throw error;
    }
  }

  plan(spec: DwsKeyRotationSpec, observed: DwsRotationObserved, mode: Mode): Plan {
    const target = describeDwsCluster(spec);
    if (mode === "destroy") return nothingToDo("key rotation is no longer managed here; the cluster keeps its current keys");
    if (!observed.exists) {
      throw new ReconcileError(`${target} was not found: nothing was sent. Check that the cluster id and project id are right and that the cluster is in ${spec.region}`);
    }
    const encryption = observed.encryption;
    if (!encryption) {
      throw new ReconcileError(
        `${target} is not encrypted, so it has no key to rotate. Nothing was sent. Declare an EncryptedCluster for it and pass that to KeyRotationPolicy (the policy then runs after the conversion)`,
      );
    }
    if (spec.masterKeyId && encryption.masterKeyId !== spec.masterKeyId) {
      return {
        actions: [
          {
            type: ROTATE_TO_MASTER_KEY,
            description: `rotate the master key of DWS cluster ${spec.clusterId} from ${describeKey(encryption.masterKeyId, encryption.masterKeyName)} to ${spec.masterKeyId} (${MASTER_KEY_MOVE_TERMS})`,
          },
        ],
        notes: [],
      };
    }
    const period = spec.rotationPeriod;
    if (!encryption.lastRotateKeyTime) {
      return { actions: [rotateKey(spec, `no key rotation is recorded, period ${period.toText()}`)], notes: [] };
    }
    const last = parseDwsTime(encryption.lastRotateKeyTime);
    if (!last) {
      throw new ReconcileError(
        `${target}: last_rotate_key_time ${JSON.stringify(encryption.lastRotateKeyTime)} is not a time DWS writes (YYYY-MM-DD HH:mm:ss); nothing was sent`,
      );
    }
    const age = observed.now - last.getTime();
    const ageText = `${Math.floor(Math.max(0, age) / DAY_MS)} days ago`;
    if (age >= period.toMilliseconds()) {
      return { actions: [rotateKey(spec, `last rotated ${formatUtc(last)}, ${ageText}, period ${period.toText()}`)], notes: [] };
    }
    const due = new Date(last.getTime() + period.toMilliseconds());
    return nothingToDo(
      `key rotation not due: last rotated ${formatUtc(last)} (${ageText}), due ${formatUtc(due)}; checked on the first deploy of each ${spec.checkInterval.toText()} window`,
    );
  }

  /**
   * After DWS refused a change (DWS.7023, "also shortly after a previous operation finished":
   * cloud-apis.md §1; another deploy's rotation perhaps): waits until the cluster is free. How
   * long DWS refuses after a rotate-key is *unverified* (docs/cloud-fidelity.md); the rotation
   * is decided again from a fresh encrypt-info either way.
   */
  async settle(spec: DwsKeyRotationSpec): Promise<void> {
    await waitForClusterAvailable(this.ctx, this.clients.for(spec), spec, "after DWS refused the change");
  }

  async execute(spec: DwsKeyRotationSpec, action: Action, observed: DwsRotationObserved): Promise<void> {
    const client = this.clients.for(spec);
    if (action.type === ROTATE_TO_MASTER_KEY && spec.masterKeyId) {
      await moveMasterKey(client, spec, spec.masterKeyId, observed.encryption?.masterKeyId ?? "its current key");
    } else if (action.type === ROTATE_KEY) {
      const result = await client.rotateKey(spec.clusterId);
      if (result.rotateKeyTime) this.ctx.log.info(`${describeDwsCluster(spec)}: key rotated at ${result.rotateKeyTime} UTC`);
    } else {
      throw new ReconcileError(`${this.describeTarget(spec)}: unknown action ${action.type}; this is a bug`);
    }
  }
}

function rotateKey(spec: DwsKeyRotationSpec, why: string): Action {
  return { type: ROTATE_KEY, description: `rotate the encryption key of DWS cluster ${spec.clusterId}: ${why}`, periodic: true };
}

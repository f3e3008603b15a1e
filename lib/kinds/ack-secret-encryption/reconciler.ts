import { AlibabaRoleIdentity } from "../../contract/declared-identity";
import { AckClient, AckClusterDetail, AckSecretEncryption } from "../../cloud/alibaba/ack-client";
import { ClientCache } from "../../reconcile/client-cache";
import { ALIBABA_REGION_VARIABLES, alibabaRegionFromEnv } from "../../cloud/alibaba/alibaba-credentials";
import { CloudError } from "../../cloud/cloud-error";
import { ConfigError } from "../../runtime/config-error";
import { AckSecretEncryptionSpec } from "./spec";
import { RemovalPolicy } from "../../contract/removal-policy";
import { formatDuration } from "../../runtime/duration-text";
import { Action, Mode, Plan, ReconcileContext, Reconciler, nothingToDo } from "../../reconcile/reconciler";
import { ReconcileError } from "../../reconcile/reconcile-error";
import { WaitCheck, waitFor } from "../../reconcile/wait";
import { AlibabaKeyReader, KEY_READ_PERMISSION, enforceKeyVerdict } from "../../reconcile/kms-preflight";
import { KeyVerdict, describeKeyVerdict } from "../../reconcile/kms-key-check";

export interface AckObserved {
  /** running, updating, failed, … */
  readonly state: string;
  /** An ACK Pro, Serverless Pro or Edge Pro cluster: the editions that support Secret encryption. */
  readonly supported: boolean;
  /** "ManagedKubernetes ack.standard (Default)", for messages. */
  readonly edition: string;
  readonly encryption: AckSecretEncryption;
  /** The declared key, read only when asked (`ReconcileContext.observeKeys`, review --live). */
  readonly key?: KeyVerdict;
}

/** States from which the cluster will not get back to running by itself. */
const STUCK_STATES = new Set(["failed", "inactive", "unavailable", "deleting", "deleted", "delete_failed", "waiting", "disconnected"]);

/** Profiles of managed clusters whose Pro edition supports Secret encryption (absent = Default). */
const SUPPORTED_PROFILES = new Set(["Default", "Serverless", "Edge"]);

/**
 * After a change ACK refuses the next one with HTTP 409 for about five minutes. When no
 * `updating` state was seen after a change, the cluster must read `running` with the new
 * setting for this long before the change is taken as done (the alicloud provider waits as
 * long before it starts polling).
 */
const SETTLE_MS = 60_000;
/**
 * How long a change whose answer was lost is watched for a sign of the update before the run
 * gives up on it: 60 s, the alicloud provider's figure (it waits 60 s after UpdateKMSEncryption
 * before it trusts `running`; cloud-apis.md §3 and §7), since ACK may read `running` for a
 * while before `updating`. Giving up never repeats the change (it is not resent in this run);
 * it only leaves the convergence to the next deploy.
 */
const LOST_ANSWER_WATCH_MS = 60_000;

const ENABLE = "enable-secret-encryption";
const CHANGE_KEY = "change-secret-encryption-key";
const DISABLE = "disable-secret-encryption";

export class AckSecretEncryptionReconciler implements Reconciler<AckSecretEncryptionSpec, AckObserved> {
  private readonly clients = new ClientCache<AckClient, AlibabaRoleIdentity>(
    (region, _project, identity) => new AckClient({ region, identity, env: this.ctx.env, clock: this.ctx.clock, log: this.ctx.log, deadline: this.ctx.deadline }),
  );

  private readonly keys: AlibabaKeyReader;

  constructor(private readonly ctx: ReconcileContext) {
    this.keys = new AlibabaKeyReader(ctx);
  }

  describeTarget(spec: AckSecretEncryptionSpec): string {
    const region = spec.region ?? alibabaRegionFromEnv(this.ctx.env);
    return `ACK cluster ${spec.clusterId}${region ? ` (${region})` : ""}`;
  }

  describeObserved(observed: AckObserved): string {
    return `${describeEncryption(observed.encryption)}${observed.key ? `; ${describeKeyVerdict(observed.key)}` : ""}`;
  }

  async observe(spec: AckSecretEncryptionSpec): Promise<AckObserved> {
    const observed = observedFrom(await this.client(spec).describeClusterDetail(spec.clusterId));
    if (!this.ctx.observeKeys || !spec.kmsKeyId) return observed;
    return { ...observed, key: await this.keys.read(spec.kmsKeyId, this.region(spec), spec.identity) };
  }

  plan(spec: AckSecretEncryptionSpec, observed: AckObserved, mode: Mode): Plan {
    const current = observed.encryption;
    if (mode === "destroy") {
      if (spec.removalPolicy === RemovalPolicy.RETAIN || spec.encryption === "off") {
        return nothingToDo(current.enabled ? "removal policy RETAIN: Secret encryption stays on" : "Secret encryption is off; nothing to undo");
      }
      return current.enabled ? { actions: [disable()], notes: ["removal policy DISABLE"] } : nothingToDo();
    }
    if (spec.encryption === "off") return current.enabled ? { actions: [disable()], notes: [] } : nothingToDo();
    if (!current.enabled) return { actions: [enable(spec.kmsKeyId!)], notes: [] };
    if (current.kmsKeyId !== spec.kmsKeyId) return { actions: [changeKey(current.kmsKeyId, spec.kmsKeyId!)], notes: [] };
    return nothingToDo();
  }

  async execute(spec: AckSecretEncryptionSpec, action: Action, observed: AckObserved): Promise<void> {
    if (action.type !== DISABLE && observed.supported) await this.checkKey(spec, action);
    const deadline = Math.min(this.ctx.deadline ?? Infinity, this.ctx.clock.now() + spec.timeout.toMilliseconds());
    if (!observed.supported) {
      throw new ReconcileError(
        `${this.describeTarget(spec)} is ${observed.edition}: Secret encryption at rest needs an ACK Pro, Serverless Pro or Edge Pro cluster (cluster_spec ack.pro.*). Nothing was sent. Upgrade the cluster to Pro in the ACK console, or remove the EncryptedCluster`,
      );
    }
    if (observed.state !== "running") await this.waitUntilRunning(spec, observed.state, deadline);
    const sent = await this.sendThroughCoolDown(spec, action, deadline);
    if (sent === "not-needed") return;
    const updated = await this.waitForUpdate(spec, action, deadline, sent instanceof CloudError);
    // The lost request shows no sign of having been carried out. It may still be on its way
    // (a slow gateway), so it is not sent again in this run: the error stops the run, and the
    // next deploy reads the cluster afresh and sends it if still needed.
    if (!updated && sent instanceof CloudError) throw sent;
  }

  /** A busy cluster (updating, scaling, …) is waited for; a stuck one is refused with nothing sent. */
  private async waitUntilRunning(spec: AckSecretEncryptionSpec, firstState: string, deadline: number): Promise<void> {
    let state: string | undefined = firstState;
    await this.wait(`${this.describeTarget(spec)} to be running`, deadline, 1000, 15_000, async () => {
      state ??= (await this.client(spec).describeClusterDetail(spec.clusterId)).state.toLowerCase();
      const now = state;
      state = undefined;
      if (STUCK_STATES.has(now)) {
        throw new ReconcileError(
          `${this.describeTarget(spec)} is ${now}: ACK changes Secret encryption only on a running cluster. Nothing was sent. Check the cluster in the ACK console`,
        );
      }
      return { done: now === "running", state: `state ${now}` };
    });
  }

  /**
   * Sends the change; a 409 (the cool-down after a previous change) is waited out within the
   * timeout. A 409 may also come from an earlier request for this very change (its answer
   * lost, its hook killed) still being carried out: so after each 409 the cluster is read, and
   * when it already reads as declared nothing is sent again. Says whether the change was sent,
   * not needed, or maybe sent (its answer was lost: the error says how).
   */
  private async sendThroughCoolDown(spec: AckSecretEncryptionSpec, action: Action, deadline: number): Promise<"sent" | "not-needed" | CloudError> {
    const client = this.client(spec);
    let sent: "sent" | "not-needed" | CloudError = "sent";
    const request = action.type === DISABLE ? { disableEncryption: true } : action.type === ENABLE ? { disableEncryption: false, kmsKeyId: spec.kmsKeyId! } : { kmsKeyId: spec.kmsKeyId! };
    let announced = false;
    await this.wait(`the end of ACK's cool-down after the previous change of ${this.describeTarget(spec)}`, deadline, 3000, 30_000, async () => {
      try {
        await client.updateKmsEncryption(spec.clusterId, request);
        return { done: true, state: "change accepted" };
      } catch (error) {
        if (!(error instanceof CloudError)) throw error;
        if (error.ambiguous) {
          this.ctx.log.info(`${this.describeTarget(spec)}: the answer to the change was lost (${error.code}); not sending it again, watching whether the cluster starts updating`);
          sent = error;
          return { done: true, state: "change maybe accepted" };
        }
        if (error.status !== 409) throw this.explain(error, spec);
        const detail = await client.describeClusterDetail(spec.clusterId);
        if (detail.state.toLowerCase() === "running" && reaches(detail.encryption, action, spec)) {
          this.ctx.log.info(`${this.describeTarget(spec)}: already reads ${describeEncryption(detail.encryption)} (an earlier request for this change was carried out); not sending it again`);
          sent = "not-needed";
          return { done: true, state: "already as declared" };
        }
        if (!announced) {
          this.ctx.log.info(
            `${this.describeTarget(spec)}: ACK refused the change with HTTP 409 (${error.code}): a previous change ended less than about 5 minutes ago. Waiting for the cool-down to end and retrying, for up to ${formatDuration(this.remaining(deadline))}`,
          );
          announced = true;
        }
        return { done: false, state: `HTTP 409 ${error.code} (cool-down)` };
      }
    });
    return sent;
  }

  /**
   * After the PUT the cluster goes updating → running, but may read running for a while
   * first: that first running is not taken as done. Done is running after updating was seen,
   * or running with the new setting for SETTLE_MS when the update passed between two looks.
   * When the request's answer was lost (`maybeSent`), a cluster still running with the old
   * setting after LOST_ANSWER_WATCH_MS means the request was not carried out: the wait ends with false.
   */
  private async waitForUpdate(spec: AckSecretEncryptionSpec, action: Action, deadline: number, maybeSent = false): Promise<boolean> {
    const client = this.client(spec);
    const sentAt = this.ctx.clock.now();
    let sawUpdate = false;
    let carriedOut = true;
    await this.wait(`${this.describeTarget(spec)} to finish the update (${action.description})`, deadline, 1000, 15_000, async () => {
      const detail = await client.describeClusterDetail(spec.clusterId);
      const state = detail.state.toLowerCase();
      if (STUCK_STATES.has(state)) {
        throw new ReconcileError(
          `${this.describeTarget(spec)} went ${state} while changing Secret encryption (${action.description}). Check the cluster and its KMS key in the ACK console`,
        );
      }
      if (state !== "running") {
        sawUpdate = true;
        return { done: false, state: `state ${state}` };
      }
      if (sawUpdate) return { done: true, state: "state running" };
      const settledTime = this.ctx.clock.now() - sentAt >= SETTLE_MS;
      if (maybeSent && this.ctx.clock.now() - sentAt >= LOST_ANSWER_WATCH_MS && !reaches(detail.encryption, action, spec)) {
        carriedOut = false;
        return { done: true, state: "state running with the previous setting: the lost request was not carried out" };
      }
      const settled = reaches(detail.encryption, action, spec) && settledTime;
      return { done: settled, state: "state running (the update has not started yet)" };
    });
    return carriedOut;
  }

  private async wait(what: string, deadline: number, minIntervalMs: number, maxIntervalMs: number, check: () => Promise<WaitCheck<unknown>>): Promise<void> {
    await waitFor({ what, check, clock: this.ctx.clock, log: this.ctx.log, timeoutMs: this.remaining(deadline), deadline: this.ctx.deadline, minIntervalMs, maxIntervalMs });
  }

  /** Before a change that puts the cluster's Secrets under a key: the key must be one ACK can use. */
  private async checkKey(spec: AckSecretEncryptionSpec, action: Action): Promise<void> {
    enforceKeyVerdict(this.ctx, await this.keys.read(spec.kmsKeyId!, this.region(spec), spec.identity), {
      target: this.describeTarget(spec),
      before: `the change (${action.description})`,
      permission: KEY_READ_PERMISSION.alibaba,
      fix: "Declare an Enabled customer key of spec Aliyun_AES_256 and usage ENCRYPT/DECRYPT in the cluster's region",
    });
  }

  private explain(error: CloudError, spec: AckSecretEncryptionSpec): CloudError {
    if (error.status === 400 && !error.hint && spec.kmsKeyId) {
      return error.withHint(
        `the KMS key ${spec.kmsKeyId} is in the cluster's region, enabled, of spec Aliyun_AES_256 and usage ENCRYPT/DECRYPT, and is not a service key`,
      );
    }
    return error;
  }

  private remaining(deadline: number): number {
    return Math.max(0, deadline - this.ctx.clock.now());
  }

  private client(spec: AckSecretEncryptionSpec): AckClient {
    return this.clients.for(this.region(spec), undefined, spec.identity);
  }

  private region(spec: AckSecretEncryptionSpec): string {
    const region = spec.region ?? alibabaRegionFromEnv(this.ctx.env);
    if (!region) {
      throw new ConfigError(
        `${this.describeTarget(spec)}: no region: give AckCluster.fromId({ region }) or set ${ALIBABA_REGION_VARIABLES.join(" or ")}`,
      );
    }
    return region;
  }
}

/** What an observation says, reduced to what plan and execute need. */
export function observedFrom(detail: AckClusterDetail): AckObserved {
  const profile = detail.profile ?? "Default";
  const supported = detail.clusterType === "ManagedKubernetes" && (detail.clusterSpec ?? "").startsWith("ack.pro.") && SUPPORTED_PROFILES.has(profile);
  const edition = `a ${detail.clusterType ?? "cluster of unknown type"} cluster of spec ${detail.clusterSpec ?? "(none)"} and profile ${profile}`;
  return { state: detail.state.toLowerCase(), supported, edition, encryption: detail.encryption };
}

export function describeEncryption(encryption: AckSecretEncryption): string {
  return encryption.enabled ? `Secret encryption on with KMS key ${encryption.kmsKeyId}` : "Secret encryption off";
}

function reaches(encryption: AckSecretEncryption, action: Action, spec: AckSecretEncryptionSpec): boolean {
  return action.type === DISABLE ? !encryption.enabled : encryption.enabled && encryption.kmsKeyId === spec.kmsKeyId;
}

function enable(kmsKeyId: string): Action {
  return { type: ENABLE, description: `turn on Secret encryption at rest with KMS key ${kmsKeyId}` };
}

function changeKey(from: string | undefined, to: string): Action {
  return { type: CHANGE_KEY, description: `change the Secret encryption key from ${from ?? "(none)"} to ${to}` };
}

function disable(): Action {
  return { type: DISABLE, description: "turn off Secret encryption at rest" };
}

/** What a running Pro cluster reads with Secret encryption on with `kmsKeyId`, or off; for review offline. */
export function assumeAckObserved(kmsKeyId: string | undefined): AckObserved {
  return {
    state: "running",
    supported: true,
    edition: "an ACK Pro cluster",
    encryption: kmsKeyId ? { enabled: true, kmsKeyId } : { enabled: false },
  };
}

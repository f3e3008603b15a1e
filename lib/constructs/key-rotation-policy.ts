import { Construct } from "constructs";
import { Duration } from "../contract/duration";
import { DWS_KEY_ROTATION, defaultCheckInterval, DwsKeyRotationSpec, rotationBoundsProblems, rotationWindowStart } from "../kinds/dws-key-rotation/spec";
import { declaredResource } from "../kinds/resource-identity";
import { RULES } from "../contract/rules";
import { refusedSpec } from "../contract/spec";
import { DwsCluster } from "./dws-cluster";
import { EncryptedCluster, IRotatableCluster, MasterKey } from "./encrypted-cluster";
import { AssumedIdentity } from "./assumed-identity";
import { ContextKeys } from "./context-keys";
import { identityResolver } from "./identity";
import { specToMap } from "./spec-map";
import { EncryptionHook } from "./encryption-hook";
import { HookEngine } from "./hook-engine";
import { PropValidator, WrittenAs } from "./prop-validation";
import { SynthChecks } from "./synth-checks";
import { validateTimeout } from "./timeout";

/** cdktf context key holding the time a synth takes as "now" (public as `ContextKeys.SYNTH_TIME`). */
export const SYNTH_TIME_CONTEXT_KEY = ContextKeys.SYNTH_TIME;

export interface KeyRotationPolicyProps {
  /**
   * The encrypted cluster whose key is rotated: an `EncryptedCluster` of a DWS cluster (the
   * policy then runs after its conversion), or a `DwsCluster` already encrypted by other
   * means (for example created encrypted by the huaweicloud provider).
   */
  readonly cluster: IRotatableCluster;
  /**
   * Rotate the cluster encryption key when its last rotation (`last_rotate_key_time`, read
   * live at deploy time) is at least this old. Whole days, 1 to 3650.
   * @default Duration.days(365)
   */
  readonly rotationPeriod?: Duration;
  /**
   * How often a deploy checks whether a rotation is due: the hook resource's
   * `rotation_window` trigger changes once per interval, so the first deploy of each
   * interval runs the check and the other deploys show no change. A due rotation happens at
   * most this long after it falls due, plus the time until your next deploy. Whole days,
   * from 1 up to `rotationPeriod`.
   * @default a tenth of rotationPeriod in whole days, at least Duration.days(1)
   */
  readonly checkInterval?: Duration;
  /**
   * The KMS master key the cluster must use. When the cluster uses another one, the next
   * deploy rotates the cluster master key to it (rotate-key with `master_key_id`).
   * With an `EncryptedCluster`, leave it unset: change `masterKey` on the EncryptedCluster.
   * @default the EncryptedCluster's masterKey; for a DwsCluster, whichever key it uses
   */
  readonly masterKey?: MasterKey;
  /**
   * Longest wait for the cluster.
   * @default Duration.minutes(60)
   */
  readonly timeout?: Duration;
  /**
   * The Terraform resource that runs the hook.
   * @default the app's `cdktf-encryption:hookEngine` context, else HookEngine.NULL_RESOURCE
   */
  readonly hookEngine?: HookEngine;
  /**
   * The identity the hook manages the resource as: a Huawei Cloud agency or an Alibaba Cloud
   * RAM role, assumed with the deploy environment's base credentials. Names only (no secret);
   * shown in plans and reviews.
   * @default the EncryptedCluster's own `identity` when it has one, else the nearest scope's `Identity.of(scope).assume(…)`, else the deploy environment's own identity
   */
  readonly identity?: AssumedIdentity;
}

/**
 * Rotates a GaussDB(DWS) cluster's encryption key once it is `rotationPeriod` old, judged at
 * deploy time from the cluster's live `last_rotate_key_time` and the service's clock; and
 * keeps the cluster on its declared master key.
 *
 * @exampleMetadata fixture=api
 * @example
 * new KeyRotationPolicy(stack, "warehouse-rotation", {
 *   cluster: warehouse,                 // an EncryptedCluster
 *   rotationPeriod: Duration.days(90),
 * });
 */
export class KeyRotationPolicy extends Construct {
  /** The hook resource. */
  readonly hook: EncryptionHook;
  readonly rotationPeriod: Duration;
  readonly checkInterval: Duration;
  /** Start date (UTC) of the check window this synth falls in: the `rotation_window` trigger. */
  readonly rotationWindow: string;

  constructor(scope: Construct, id: string, props: KeyRotationPolicyProps) {
    super(scope, id);
    const check = new PropValidator("KeyRotationPolicy");
    const given: unknown = props?.cluster;
    let cluster: DwsCluster | undefined;
    let declaredKey: MasterKey | undefined;
    // An EncryptedCluster refused at synth reports its own problems; this policy renders nothing usable.
    let clusterRefused = false;
    if (given instanceof EncryptedCluster) {
      if (given.cluster instanceof DwsCluster) {
        cluster = given.cluster;
        declaredKey = given.masterKey;
      } else if (typeof given.cluster?.description === "string") {
        check.fail("cluster", new WrittenAs(`an EncryptedCluster of ${given.cluster.description}`), "an EncryptedCluster of a GaussDB(DWS) cluster (DwsCluster.fromId): key rotation is a DWS operation");
      } else {
        clusterRefused = true;
      }
    } else if (given instanceof DwsCluster) {
      cluster = given;
    } else {
      check.fail("cluster", given, "an EncryptedCluster of a DWS cluster, or DwsCluster.fromId(…)");
    }
    cluster?._validateIds(check, "cluster");

    const masterKey = props.masterKey;
    if (masterKey !== undefined) {
      check.required("masterKey.id", masterKey?.id, RULES.huaweiKmsKeyId);
      if (given instanceof EncryptedCluster && masterKey?.id !== given.masterKey?.id) {
        check.fail("masterKey", masterKey, `unset or the EncryptedCluster's masterKey (${given.masterKey?.id}): to move the cluster to another key, change masterKey on the EncryptedCluster`);
      }
      declaredKey = masterKey;
    }

    this.rotationPeriod = durationProp(check, "rotationPeriod", props.rotationPeriod, Duration.days(365));
    this.checkInterval = durationProp(check, "checkInterval", props.checkInterval, defaultCheckInterval(this.rotationPeriod));
    for (const problem of rotationBoundsProblems(this.rotationPeriod, this.checkInterval)) check.fail(problem.prop, problem.value, problem.allowed);
    const timeout = validateTimeout(check, props.timeout);
    const now = synthTime(this, check);
    if (props.hookEngine !== undefined) check.enumOf("hookEngine", props.hookEngine, HookEngine, "HookEngine");
    // The rotation of an EncryptedCluster given its own identity is managed as that identity too.
    const ownIdentity = props.identity ?? (given instanceof EncryptedCluster ? given.identity : undefined);
    const identity = identityResolver(this, ownIdentity, DWS_KEY_ROTATION, check);
    const valid = check.reportAtSynth(this) && !clusterRefused && cluster !== undefined;

    this.rotationWindow = rotationWindowStart(now, valid ? this.checkInterval : Duration.days(1));
    const declared: DwsKeyRotationSpec | undefined = valid
      ? {
          kind: DWS_KEY_ROTATION,
          region: cluster!.region,
          projectId: cluster!.projectId,
          clusterId: cluster!.clusterId,
          masterKeyId: declaredKey?.id,
          rotationPeriod: this.rotationPeriod,
          checkInterval: this.checkInterval,
          rotationWindow: this.rotationWindow,
          timeout,
        }
      : undefined;
    const spec = declared ? specToMap(declared) : refusedSpec(DWS_KEY_ROTATION);
    if (valid) SynthChecks.of(this).declare(this, declaredResource(spec));
    this.hook = new EncryptionHook(this, "rotation", {
      engine: valid ? props.hookEngine : undefined,
      dependsOn: given instanceof EncryptedCluster ? [given.hook.resource] : undefined,
      spec,
    });
    if (declared) this.hook._declare(declared, identity);
  }
}

function durationProp(check: PropValidator, prop: string, value: Duration | undefined, fallback: Duration): Duration {
  if (value === undefined) return fallback;
  if (value instanceof Duration) return value;
  check.fail(prop, value, "a Duration such as Duration.days(90)");
  return fallback;
}

/** "Now" for this synth: the context's `cdktf-encryption:now` when set, else the machine's clock. */
function synthTime(scope: Construct, check: PropValidator): number {
  const value: unknown = scope.node.tryGetContext(SYNTH_TIME_CONTEXT_KEY);
  if (value === undefined) return Date.now();
  const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) check.fail(`context ${SYNTH_TIME_CONTEXT_KEY}`, value, "an ISO 8601 timestamp such as 2025-05-14T08:00:00Z");
  return Number.isNaN(ms) ? Date.now() : ms;
}

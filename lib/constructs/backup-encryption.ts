import { Construct } from "constructs";
import { Duration } from "../contract/duration";
import { RemovalPolicy } from "../contract/removal-policy";
import { RULES } from "../contract/rules";
import { declaredResource } from "../kinds/resource-identity";
import { refusedSpec } from "../contract/spec";
import { TAURUSDB_BACKUP_ENCRYPTION, TaurusDbBackupEncryptionSpec } from "../kinds/taurusdb-backup-encryption/spec";
import { AssumedIdentity } from "./assumed-identity";
import { identityResolver } from "./identity";
import { EncryptionHook } from "./encryption-hook";
import { HookEngine } from "./hook-engine";
import { specToMap } from "./spec-map";
import { PropValidator } from "./prop-validation";
import { SynthChecks } from "./synth-checks";
import { validateTimeout } from "./timeout";

/** A TaurusDB (GaussDB for MySQL) instance, by its ids. */
export interface TaurusDbInstanceRef {
  /** Huawei Cloud region, e.g. `cn-north-4`. */
  readonly region: string;
  /** Project id of the region: 32 letters or digits. */
  readonly projectId: string;
  /** Instance id: 36 letters or digits ending in `in07`. */
  readonly instanceId: string;
}

export interface BackupEncryptionProps {
  /** The instance whose backups are encrypted. */
  readonly instance: TaurusDbInstanceRef;
  /**
   * KMS key that encrypts the backups: a literal id or a token from another resource.
   * Required when `enabled` is true.
   * @default none
   */
  readonly kmsKeyId?: string;
  /**
   * Whether backups are encrypted. `false` turns encrypted backup off.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * What destroying this construct does to the instance.
   * @default RemovalPolicy.RETAIN (encryption stays on)
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Longest wait for the instance to become ACTIVE before a change.
   * @default Duration.minutes(60), as the huaweicloud Terraform provider
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
   * @default the nearest scope's `Identity.of(scope).assume(…)`, else the deploy environment's own identity
   */
  readonly identity?: AssumedIdentity;
}

/**
 * Encrypted backup of a TaurusDB instance with a KMS key, converged on every deploy that
 * changes it through the TaurusDB API.
 *
 * @exampleMetadata fixture=api
 * @example
 * new BackupEncryption(stack, "orders-backups", {
 *   instance: { region: "cn-north-4", projectId, instanceId },
 *   kmsKeyId: key.id,
 * });
 */
export class BackupEncryption extends Construct {
  /** The hook resource; depend on it to order other work after the encryption change. */
  readonly hook: EncryptionHook;
  readonly enabled: boolean;

  constructor(scope: Construct, id: string, props: BackupEncryptionProps) {
    super(scope, id);
    const check = new PropValidator("BackupEncryption");
    const instance = props.instance ?? ({} as TaurusDbInstanceRef);
    check.check(typeof props.instance === "object" && props.instance !== null, "instance", props.instance, "an object with region, projectId and instanceId");
    check.required("instance.region", instance.region, RULES.huaweiRegion);
    check.required("instance.projectId", instance.projectId, RULES.huaweiProjectId);
    check.required("instance.instanceId", instance.instanceId, RULES.taurusDbInstanceId);
    this.enabled = props.enabled ?? true;
    check.oneOf("enabled", this.enabled, [true, false]);
    if (this.enabled) {
      check.required("kmsKeyId", props.kmsKeyId, { ...RULES.huaweiKmsKeyId, allowed: `${RULES.huaweiKmsKeyId.allowed}, required while enabled is true` });
    } else if (props.kmsKeyId !== undefined) {
      check.fail("kmsKeyId", props.kmsKeyId, "no key while enabled is false (turning encrypted backup off takes no key)");
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    check.enumOf("removalPolicy", removalPolicy, RemovalPolicy, "RemovalPolicy");
    const timeout = validateTimeout(check, props.timeout);
    if (props.hookEngine !== undefined) check.enumOf("hookEngine", props.hookEngine, HookEngine, "HookEngine");
    const identity = identityResolver(this, props.identity, TAURUSDB_BACKUP_ENCRYPTION, check);
    const valid = check.reportAtSynth(this);
    const declared: TaurusDbBackupEncryptionSpec = {
      kind: TAURUSDB_BACKUP_ENCRYPTION,
      region: instance.region,
      projectId: instance.projectId,
      instanceId: instance.instanceId,
      encryption: this.enabled ? "on" : "off",
      kmsKeyId: this.enabled ? props.kmsKeyId : undefined,
      removalPolicy,
      timeout,
    };
    const spec = valid ? specToMap(declared) : refusedSpec(TAURUSDB_BACKUP_ENCRYPTION);
    if (valid) SynthChecks.of(this).declare(this, declaredResource(spec));
    this.hook = new EncryptionHook(this, "encryption", { engine: valid ? props.hookEngine : undefined, spec });
    if (valid) this.hook._declare(declared, identity);
  }
}

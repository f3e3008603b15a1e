import { DeclaredIdentity, describeIdentity } from "../contract/declared-identity";
import { ACK_SECRET_ENCRYPTION, AckSecretEncryptionSpec, parseAckSecretEncryption } from "./ack-secret-encryption/spec";
import { SpecMap } from "../contract/spec";
import { SpecError } from "../contract/spec-error";
import { TAURUSDB_BACKUP_ENCRYPTION, TaurusDbBackupEncryptionSpec, parseTaurusDbBackupEncryption } from "./taurusdb-backup-encryption/spec";
import { AckSecretEncryptionReconciler, assumeAckObserved, describeEncryption } from "./ack-secret-encryption/reconciler";
import { DWS_CLUSTER_ENCRYPTION, DwsClusterEncryptionSpec, describeCryptAlgorithm, parseDwsClusterEncryption } from "./dws-cluster-encryption/spec";
import { DWS_KEY_ROTATION, DwsKeyRotationSpec, parseDwsKeyRotation } from "./dws-key-rotation/spec";
import { DwsClusterEncryptionReconciler, describeKey } from "./dws-cluster-encryption/reconciler";
import { DWS_MIN_ENCRYPT_VERSION } from "../reconcile/dws-cluster-state";
import { DwsKeyRotationReconciler } from "./dws-key-rotation/reconciler";
import { ReconcileContext, Reconciler } from "../reconcile/reconciler";
import { TaurusDbBackupEncryptionReconciler } from "./taurusdb-backup-encryption/reconciler";

/** Everything the hook, review and drift need to know about one kind of Spec. */
export interface KindDefinition<S = unknown, O = unknown> {
  readonly kind: string;
  /** "TaurusDB backup encryption". */
  readonly title: string;
  /** Validates a Spec map into the kind's typed Spec; throws SpecError naming the field. */
  parse(map: SpecMap): S;
  reconciler(ctx: ReconcileContext): Reconciler<S, O>;
  /** The declared state in plain words, for review: "encrypted backup on with KMS key b82f…, removal policy RETAIN". */
  summarize(spec: S): string;
  /**
   * What the cloud reads when this Spec holds, so review can plan a change offline as
   * `plan(after, assumeObserved(before))` without calling the cloud.
   */
  assumeObserved(spec: S): O;
  /**
   * What review assumes the cloud reads before a newly declared hook first runs, when it
   * cannot look (no `--live`): the state from which applying the Spec has the most to do, so
   * a reviewer approves the worst case ("convert …, irreversible"). Without it, review
   * describes a create by `summarize` alone.
   */
  assumeUnmanaged?(spec: S): O;
}

/** Every kind's summary ends with the identity the resource is managed as, when one is declared. */
function define<S extends { readonly identity?: DeclaredIdentity }, O>(definition: KindDefinition<S, O>): KindDefinition {
  const summarize = (spec: S) => (spec.identity ? `${definition.summarize(spec)}; managed as ${describeIdentity(spec.identity)}` : definition.summarize(spec));
  return { ...definition, summarize } as unknown as KindDefinition;
}

/** The one registry of kinds: adding a cloud operation family means adding one entry here. */
export const KINDS: ReadonlyMap<string, KindDefinition> = new Map(
  [
    define({
      kind: TAURUSDB_BACKUP_ENCRYPTION,
      title: "TaurusDB backup encryption",
      parse: parseTaurusDbBackupEncryption,
      reconciler: (ctx) => new TaurusDbBackupEncryptionReconciler(ctx),
      summarize: (spec) =>
        spec.encryption === "on"
          ? `encrypted backup on with KMS key ${spec.kmsKeyId}, removal policy ${spec.removalPolicy.toUpperCase()}`
          : `encrypted backup off`,
      assumeObserved: (spec) => ({ encryption: spec.encryption }),
      assumeUnmanaged: (spec) => ({ encryption: spec.encryption === "on" ? "off" : "on" }),
    }),
    define({
      kind: DWS_CLUSTER_ENCRYPTION,
      title: "GaussDB(DWS) cluster encryption",
      parse: parseDwsClusterEncryption,
      reconciler: (ctx) => new DwsClusterEncryptionReconciler(ctx),
      summarize: (spec) =>
        `cluster ${spec.clusterId} encrypted with master key ${describeKey(spec.masterKeyId, spec.masterKeyName)} (${describeCryptAlgorithm(spec.algorithm)}); converting is one-way and restarts the cluster`,
      assumeObserved: (spec) => ({
        exists: true,
        encryption: { masterKeyId: spec.masterKeyId, masterKeyName: spec.masterKeyName, cryptAlgorithm: spec.algorithm },
      }),
      // An ordinary, available cluster: applying converts it (irreversible, restarts).
      assumeUnmanaged: (spec) => ({
        exists: true,
        cluster: { id: spec.clusterId, status: "AVAILABLE", actionProgress: {}, version: DWS_MIN_ENCRYPT_VERSION },
      }),
    }),
    define({
      kind: DWS_KEY_ROTATION,
      title: "GaussDB(DWS) key rotation",
      parse: parseDwsKeyRotation,
      reconciler: (ctx) => new DwsKeyRotationReconciler(ctx),
      summarize: (spec) =>
        `rotate the encryption key of cluster ${spec.clusterId} when the last rotation is ${spec.rotationPeriod.toText()} old${spec.masterKeyId ? `, master key ${spec.masterKeyId}` : ""}; checked on the first deploy of each ${spec.checkInterval.toText()} window (this one from ${spec.rotationWindow})`,
      // As if the key had been rotated when the Spec's window began and were read then: not due.
      assumeObserved: (spec) => {
        const windowStart = Date.parse(`${spec.rotationWindow}T00:00:00Z`);
        return {
          exists: true,
          encryption: { masterKeyId: spec.masterKeyId ?? "(any)", lastRotateKeyTime: new Date(windowStart).toISOString().slice(0, 19).replace("T", " ") },
          now: windowStart,
        };
      },
      // No rotation recorded: applying rotates the key.
      assumeUnmanaged: (spec) => ({
        exists: true,
        encryption: { masterKeyId: spec.masterKeyId ?? "(any)" },
        now: Date.parse(`${spec.rotationWindow}T00:00:00Z`),
      }),
    }),
    define({
      kind: ACK_SECRET_ENCRYPTION,
      title: "ACK Secret encryption at rest",
      parse: parseAckSecretEncryption,
      reconciler: (ctx) => new AckSecretEncryptionReconciler(ctx),
      summarize: (spec) =>
        spec.encryption === "on"
          ? `${describeEncryption({ enabled: true, kmsKeyId: spec.kmsKeyId })}, removal policy ${spec.removalPolicy.toUpperCase()}`
          : describeEncryption({ enabled: false }),
      assumeObserved: (spec) => assumeAckObserved(spec.encryption === "on" ? spec.kmsKeyId : undefined),
      assumeUnmanaged: (spec) => assumeAckObserved(spec.encryption === "on" ? undefined : "(unknown key)"),
    }),
  ].map((definition) => [definition.kind, definition]),
);

export function kindOf(map: SpecMap): KindDefinition {
  const definition = KINDS.get(map.kind);
  if (!definition) {
    throw new SpecError(`Spec field kind ${JSON.stringify(map.kind)} is unknown: expected one of ${[...KINDS.keys()].join(", ")}`);
  }
  return definition;
}

/** The typed Spec of every kind; narrow it by `kind`. */
export type DeclaredSpec = TaurusDbBackupEncryptionSpec | DwsClusterEncryptionSpec | DwsKeyRotationSpec | AckSecretEncryptionSpec;

/** A Spec map as its kind's typed Spec; throws SpecError naming the field. */
export function parseSpec(map: SpecMap): DeclaredSpec {
  return kindOf(map).parse(map) as DeclaredSpec;
}

import { SpecMap } from "../spec/spec";
import { SpecError } from "../spec/spec-error";
import { TAURUSDB_BACKUP_ENCRYPTION, parseTaurusDbBackupEncryption } from "../spec/taurusdb-backup-encryption-spec";
import { ReconcileContext, Reconciler } from "./reconciler";
import { TaurusDbBackupEncryptionReconciler } from "./taurusdb-backup-encryption";

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

function define<S, O>(definition: KindDefinition<S, O>): KindDefinition {
  return definition as unknown as KindDefinition;
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
  ].map((definition) => [definition.kind, definition]),
);

export function kindOf(map: SpecMap): KindDefinition {
  const definition = KINDS.get(map.kind);
  if (!definition) {
    throw new SpecError(`Spec field kind ${JSON.stringify(map.kind)} is unknown: expected one of ${[...KINDS.keys()].join(", ")}`);
  }
  return definition;
}

import { SpecMap } from "../contract/spec";
import { SpecError } from "../contract/spec-error";
import { ACK_SECRET_ENCRYPTION_KIND } from "./ack-secret-encryption/definition";
import type { AckSecretEncryptionSpec } from "./ack-secret-encryption/spec";
import { DWS_CLUSTER_ENCRYPTION_KIND } from "./dws-cluster-encryption/definition";
import type { DwsClusterEncryptionSpec } from "./dws-cluster-encryption/spec";
import { DWS_KEY_ROTATION_KIND } from "./dws-key-rotation/definition";
import type { DwsKeyRotationSpec } from "./dws-key-rotation/spec";
import { CloudName, CloudService, KindDefinition } from "./kind-definition";
import { TAURUSDB_BACKUP_ENCRYPTION_KIND } from "./taurusdb-backup-encryption/definition";
import type { TaurusDbBackupEncryptionSpec } from "./taurusdb-backup-encryption/spec";

export type { KindDefinition } from "./kind-definition";

/** The one registry of kinds: adding a kind of Spec means adding one line here (docs/kinds.md). */
export const KINDS: ReadonlyMap<string, KindDefinition> = new Map(
  [
    TAURUSDB_BACKUP_ENCRYPTION_KIND,
    DWS_CLUSTER_ENCRYPTION_KIND,
    DWS_KEY_ROTATION_KIND,
    ACK_SECRET_ENCRYPTION_KIND,
  ].map((definition) => [definition.kind, definition]),
);

/** The typed Spec of every kind; narrow it by `kind`. */
export type DeclaredSpec = TaurusDbBackupEncryptionSpec | DwsClusterEncryptionSpec | DwsKeyRotationSpec | AckSecretEncryptionSpec;

export function kindOf(map: SpecMap): KindDefinition {
  const definition = KINDS.get(map.kind);
  if (!definition) {
    throw new SpecError(`Spec field kind ${JSON.stringify(map.kind)} is unknown: expected one of ${[...KINDS.keys()].join(", ")}`);
  }
  return definition;
}

/** A Spec map as its kind's typed Spec; throws SpecError naming the field. */
export function parseSpec(map: SpecMap): DeclaredSpec {
  return kindOf(map).parse(map) as DeclaredSpec;
}

/** The services the kinds act on, each once, ordered by id; of one cloud when `cloud` is given. */
export function servicesOf(cloud?: CloudName): CloudService[] {
  const services = new Set([...KINDS.values()].map((definition) => definition.resource.service));
  return [...services].filter((service) => cloud === undefined || service.cloud === cloud).sort((a, b) => a.id.localeCompare(b.id));
}

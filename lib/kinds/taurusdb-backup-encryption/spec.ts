import { HuaweiAgencyIdentity, identityToMap } from "../../contract/declared-identity";
import { Duration } from "../../contract/duration";
import { RemovalPolicy } from "../../contract/removal-policy";
import { RULES } from "../../contract/rules";
import { SpecMap, SpecReader, specHeader } from "../../contract/spec";

export const TAURUSDB_BACKUP_ENCRYPTION = "taurusdb.backup-encryption";

export interface TaurusDbBackupEncryptionSpec {
  readonly kind: typeof TAURUSDB_BACKUP_ENCRYPTION;
  /**
   * The identity the resource is managed as, when one is declared in code.
   * @default the deploy environment's own identity
   */
  readonly identity?: HuaweiAgencyIdentity;
  readonly region: string;
  readonly projectId: string;
  readonly instanceId: string;
  readonly encryption: "on" | "off";
  /** Set when encryption is on. */
  readonly kmsKeyId?: string;
  readonly removalPolicy: RemovalPolicy;
  /** Longest wait for the instance to become ACTIVE. */
  readonly timeout: Duration;
}

export function taurusDbBackupEncryptionToMap(spec: Omit<TaurusDbBackupEncryptionSpec, "kind">): SpecMap {
  return {
    ...specHeader(TAURUSDB_BACKUP_ENCRYPTION),
    region: spec.region,
    project_id: spec.projectId,
    instance_id: spec.instanceId,
    encryption: spec.encryption,
    kms_key_id: spec.kmsKeyId ?? "",
    removal_policy: spec.removalPolicy,
    timeout: spec.timeout.toText(),
    ...identityToMap(spec.identity),
  };
}

export function parseTaurusDbBackupEncryption(map: SpecMap): TaurusDbBackupEncryptionSpec {
  const read = new SpecReader(map);
  const encryption = read.oneOf("encryption", ["on", "off"] as const);
  return read.complete({
    kind: TAURUSDB_BACKUP_ENCRYPTION,
    region: read.string("region", RULES.huaweiRegion),
    projectId: read.string("project_id", RULES.huaweiProjectId),
    instanceId: read.string("instance_id", RULES.taurusDbInstanceId),
    encryption,
    kmsKeyId: encryption === "on" ? read.string("kms_key_id", RULES.huaweiKmsKeyId) : read.unused("kms_key_id"),
    removalPolicy: read.removalPolicy(),
    timeout: read.timeout(),
    identity: read.huaweiAgency(),
  });
}

import { AlibabaRoleIdentity, identityToMap } from "../../contract/declared-identity";
import { Duration } from "../../contract/duration";
import { RemovalPolicy } from "../../contract/removal-policy";
import { RULES } from "../../contract/rules";
import { SpecMap, SpecReader, specHeader } from "../../contract/spec";

export const ACK_SECRET_ENCRYPTION = "ack.secret-encryption";

export interface AckSecretEncryptionSpec {
  readonly kind: typeof ACK_SECRET_ENCRYPTION;
  /**
   * The identity the resource is managed as, when one is declared in code.
   * @default the deploy environment's own identity
   */
  readonly identity?: AlibabaRoleIdentity;
  /** The cluster's region; undefined means "from ALIBABA_CLOUD_REGION / ALICLOUD_REGION at deploy". */
  readonly region?: string;
  readonly clusterId: string;
  readonly encryption: "on" | "off";
  /** Set when encryption is on. */
  readonly kmsKeyId?: string;
  readonly removalPolicy: RemovalPolicy;
  /** Longest time for one run: waiting for the cluster, the 409 cool-down and the update. */
  readonly timeout: Duration;
}

export function ackSecretEncryptionToMap(spec: Omit<AckSecretEncryptionSpec, "kind">): SpecMap {
  return {
    ...specHeader(ACK_SECRET_ENCRYPTION),
    region: spec.region ?? "",
    cluster_id: spec.clusterId,
    encryption: spec.encryption,
    kms_key_id: spec.kmsKeyId ?? "",
    removal_policy: spec.removalPolicy,
    timeout: spec.timeout.toText(),
    ...identityToMap(spec.identity),
  };
}

export function parseAckSecretEncryption(map: SpecMap): AckSecretEncryptionSpec {
  const read = new SpecReader(map);
  const encryption = read.oneOf("encryption", ["on", "off"] as const);
  return read.complete({
    kind: ACK_SECRET_ENCRYPTION,
    region: read.optional("region", RULES.alibabaRegion),
    clusterId: read.string("cluster_id", RULES.ackClusterId),
    encryption,
    kmsKeyId: encryption === "on" ? read.string("kms_key_id", RULES.alibabaKmsKeyId) : read.unused("kms_key_id"),
    removalPolicy: read.removalPolicy(),
    timeout: read.timeout(),
    identity: read.alibabaRole(),
  });
}

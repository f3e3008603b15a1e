import { DWS_CRYPT_ALGORITHMS, DwsCryptAlgorithm } from "../../cloud/huawei/dws-crypt-algorithm";
import { HuaweiAgencyIdentity, identityToMap } from "../../contract/declared-identity";
import { Duration } from "../../contract/duration";
import { RULES } from "../../contract/rules";
import { SpecMap, SpecReader, specHeader } from "../../contract/spec";

export const DWS_CLUSTER_ENCRYPTION = "dws.cluster-encryption";


/**
 * A GaussDB(DWS) cluster converted to an encrypted cluster with a KMS master key. There is no
 * "off": the conversion is one-way.
 */
export interface DwsClusterEncryptionSpec {
  readonly kind: typeof DWS_CLUSTER_ENCRYPTION;
  /**
   * The identity the resource is managed as, when one is declared in code.
   * @default the deploy environment's own identity
   */
  readonly identity?: HuaweiAgencyIdentity;
  readonly region: string;
  readonly projectId: string;
  readonly clusterId: string;
  readonly masterKeyId: string;
  /** The key's alias, sent with the conversion; not compared. */
  readonly masterKeyName?: string;
  readonly algorithm: DwsCryptAlgorithm;
  /** Longest wait for the cluster and for the conversion job. */
  readonly timeout: Duration;
}

export function dwsClusterEncryptionToMap(spec: Omit<DwsClusterEncryptionSpec, "kind">): SpecMap {
  return {
    ...specHeader(DWS_CLUSTER_ENCRYPTION),
    region: spec.region,
    project_id: spec.projectId,
    cluster_id: spec.clusterId,
    master_key_id: spec.masterKeyId,
    master_key_name: spec.masterKeyName ?? "",
    crypt_algorithm: spec.algorithm,
    timeout: spec.timeout.toText(),
    ...identityToMap(spec.identity),
  };
}

export function parseDwsClusterEncryption(map: SpecMap): DwsClusterEncryptionSpec {
  const read = new SpecReader(map);
  return read.complete({
    kind: DWS_CLUSTER_ENCRYPTION,
    region: read.string("region", RULES.huaweiRegion),
    projectId: read.string("project_id", RULES.huaweiProjectId),
    clusterId: read.string("cluster_id", RULES.dwsClusterId),
    masterKeyId: read.string("master_key_id", RULES.huaweiKmsKeyId),
    masterKeyName: read.optional("master_key_name", RULES.huaweiKmsKeyName),
    algorithm: read.oneOf("crypt_algorithm", DWS_CRYPT_ALGORITHMS),
    timeout: read.timeout(),
    identity: read.huaweiAgency(),
  });
}

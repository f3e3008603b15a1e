import { DWS_CLUSTER_ENCRYPTION, DwsClusterEncryptionSpec } from "../kinds/dws-cluster-encryption/spec";
import { RemovalPolicy } from "../contract/removal-policy";
import { RULES } from "../contract/rules";
import { CryptAlgorithm, EncryptedClusterProps, IEncryptableCluster, IRotatableCluster } from "./encrypted-cluster";
import { PropValidator, enumMember } from "./prop-validation";
import { validateTimeout } from "./timeout";

/** A GaussDB(DWS) cluster, by its ids. */
export interface DwsClusterAttributes {
  /** Huawei Cloud region, e.g. `cn-north-4`. */
  readonly region: string;
  /** Project id of the region: 32 letters or digits. */
  readonly projectId: string;
  /** Cluster id: a UUID such as `97cbaab3-939e-4dbc-9187-0fe240f2b9fd`. */
  readonly clusterId: string;
}

/**
 * An existing GaussDB(DWS) cluster, as a target of `EncryptedCluster` (conversion to an
 * encrypted cluster, one-way) and of `KeyRotationPolicy`.
 *
 * @exampleMetadata fixture=api
 * @example
 * new EncryptedCluster(stack, "warehouse", {
 *   cluster: DwsCluster.fromId({ region: "cn-north-4", projectId, clusterId }),
 *   masterKey: { id: key.id, name: "KMS-1abd-1016" },
 * });
 */
export class DwsCluster implements IEncryptableCluster, IRotatableCluster {
  /** Refers to a cluster that exists (created by the huaweicloud provider, the console, …). */
  static fromId(attributes: DwsClusterAttributes): DwsCluster {
    return new DwsCluster(attributes);
  }

  readonly region: string;
  readonly projectId: string;
  readonly clusterId: string;

  private constructor(attributes: DwsClusterAttributes) {
    const a = attributes ?? ({} as DwsClusterAttributes);
    this.region = a.region;
    this.projectId = a.projectId;
    this.clusterId = a.clusterId;
  }

  get description(): string {
    return `GaussDB(DWS) cluster ${this.clusterId} in ${this.region}`;
  }

  /**
   * Checks the ids; `prefix` names them in messages (`cluster.clusterId`).
   * @internal
   */
  _validateIds(check: PropValidator, prefix: string): void {
    check.required(`${prefix}.region`, this.region, RULES.huaweiRegion);
    check.required(`${prefix}.projectId`, this.projectId, RULES.huaweiProjectId);
    check.required(`${prefix}.clusterId`, this.clusterId, RULES.dwsClusterId);
  }

  /** @internal */
  _renderEncryptionSpec(props: EncryptedClusterProps, check: PropValidator): DwsClusterEncryptionSpec {
    this._validateIds(check, "cluster");
    const masterKey = props.masterKey;
    check.check(typeof masterKey === "object" && masterKey !== null, "masterKey", masterKey, "an object with the KMS key id (and optionally its name)");
    check.required("masterKey.id", masterKey?.id, RULES.huaweiKmsKeyId);
    if (masterKey?.name !== undefined) check.required("masterKey.name", masterKey.name, RULES.huaweiKmsKeyName);
    const algorithm = props.algorithm ?? CryptAlgorithm.AES;
    check.enumOf("algorithm", algorithm, CryptAlgorithm, "CryptAlgorithm");
    if (props.enabled !== undefined && props.enabled !== true) {
      check.fail("enabled", props.enabled, "true or unset: GaussDB(DWS) encryption is one-way, an encrypted cluster cannot be decrypted");
    }
    if (props.removalPolicy !== undefined && props.removalPolicy !== RemovalPolicy.RETAIN) {
      check.fail(
        "removalPolicy",
        enumMember(props.removalPolicy, RemovalPolicy, "RemovalPolicy"),
        "RemovalPolicy.RETAIN or unset: GaussDB(DWS) encryption is one-way, so destroying the construct leaves the cluster encrypted",
      );
    }
    const timeout = validateTimeout(check, props.timeout);
    return {
      kind: DWS_CLUSTER_ENCRYPTION,
      region: this.region,
      projectId: this.projectId,
      clusterId: this.clusterId,
      masterKeyId: masterKey?.id,
      masterKeyName: masterKey?.name,
      algorithm,
      timeout,
    };
  }
}

import { ackSecretEncryptionToMap } from "../spec/ack-secret-encryption-spec";
import { RemovalPolicy } from "../spec/removal-policy";
import { RULES } from "../spec/rules";
import { SpecMap } from "../spec/spec";
import { CryptAlgorithm, EncryptedClusterProps, IEncryptableCluster } from "./encrypted-cluster";
import { PropValidator, enumMember } from "./prop-validation";
import { validateTimeout } from "./timeout";

/** An Alibaba Cloud ACK cluster, by its id. */
export interface AckClusterRef {
  /**
   * Alibaba Cloud region of the cluster, e.g. `cn-hangzhou`.
   * @default the ALIBABA_CLOUD_REGION (or ALICLOUD_REGION) variable when the hook runs
   */
  readonly region?: string;
  /** Cluster id: `c` followed by 32 lowercase hex digits. */
  readonly clusterId: string;
}

/**
 * An ACK Pro, Serverless Pro or Edge Pro cluster as a target of `EncryptedCluster`: Secret
 * encryption at rest with a KMS key, turned on, re-keyed or off through UpdateKMSEncryption.
 *
 * @example
 * new EncryptedCluster(stack, "payments-k8s", {
 *   cluster: AckCluster.fromId({ region: "cn-hangzhou", clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" }),
 *   masterKey: { id: "key-hzz6payments0secrets01" },
 * });
 */
export class AckCluster implements IEncryptableCluster {
  /** An existing cluster; nothing about it is read at synth. */
  static fromId(ref: AckClusterRef): AckCluster {
    return new AckCluster(ref);
  }

  readonly description: string;

  private constructor(readonly ref: AckClusterRef) {
    // Any value may arrive from JavaScript: describe only strings (props are validated later).
    const text = (value: unknown) => (typeof value === "string" ? value : undefined);
    this.description = `ACK cluster ${text(ref?.clusterId) ?? "(invalid id)"}${text(ref?.region) ? ` in ${ref.region}` : ""}`;
  }

  renderEncryptionSpec(props: EncryptedClusterProps, check: PropValidator): SpecMap {
    const ref = this.ref ?? ({} as AckClusterRef);
    check.check(typeof this.ref === "object" && this.ref !== null, "cluster", this.ref, "AckCluster.fromId({ region, clusterId })");
    check.required("cluster.clusterId", ref.clusterId, RULES.ackClusterId);
    if (ref.region !== undefined) check.required("cluster.region", ref.region, RULES.alibabaRegion);
    const enabled = props.enabled ?? true;
    check.oneOf("enabled", enabled, [true, false]);
    const masterKey = props.masterKey;
    if (enabled) {
      check.check(typeof masterKey === "object" && masterKey !== null, "masterKey", masterKey, "{ id } of an Alibaba Cloud KMS key, required while enabled is true");
      check.required("masterKey.id", masterKey?.id, RULES.alibabaKmsKeyId);
    } else if (masterKey?.id !== undefined) {
      check.required("masterKey.id", masterKey.id, RULES.alibabaKmsKeyId);
    }
    if (masterKey?.name !== undefined) {
      check.fail("masterKey.name", masterKey.name, "no name for an ACK cluster (ACK records only the key id)");
    }
    if (props.algorithm !== undefined) {
      check.fail("algorithm", enumMember(props.algorithm, CryptAlgorithm, "CryptAlgorithm"), "no algorithm for an ACK cluster (Secret encryption uses the KMS key's own, Aliyun_AES_256); algorithm applies to DWS clusters only");
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    check.enumOf("removalPolicy", removalPolicy, RemovalPolicy, "RemovalPolicy");
    const timeout = validateTimeout(check, props.timeout);
    return ackSecretEncryptionToMap({
      region: ref.region,
      clusterId: ref.clusterId,
      encryption: enabled ? "on" : "off",
      kmsKeyId: enabled ? masterKey?.id : undefined,
      removalPolicy,
      timeout,
    });
  }
}

import { TerraformResource } from "../core";
import { ACK_SECRET_ENCRYPTION, AckSecretEncryptionSpec } from "../kinds/ack-secret-encryption/spec";
import { RemovalPolicy } from "../contract/removal-policy";
import { RULES } from "../contract/rules";
import { AckDeclaration, coexistenceProblems, ignoreEncryptionChanges, providerRegion, requireAlicloudAckResource } from "./alicloud-cluster-resource";
import { CryptAlgorithm, EncryptedCluster, EncryptedClusterProps, IEncryptableCluster, MasterKey } from "./encrypted-cluster";
import { PropValidator, enumMember } from "./prop-validation";
import { validateTimeout } from "./timeout";

/** An Alibaba Cloud ACK cluster, by its id. */
export interface AckClusterRef {
  /**
   * Alibaba Cloud region of the cluster, e.g. `cn-hangzhou`.
   * @default the ALICLOUD_REGION (else ALIBABA_CLOUD_REGION) variable when the hook runs
   */
  readonly region?: string;
  /** Cluster id: `c` followed by 32 lowercase hex digits. */
  readonly clusterId: string;
}

/** Options of `AckCluster.fromResource`. */
export interface AckClusterFromResourceOptions {
  /**
   * Alibaba Cloud region of the cluster, e.g. `cn-hangzhou`.
   * @default the region of the resource's provider when it is a literal, else the
   * ALICLOUD_REGION (else ALIBABA_CLOUD_REGION) variable when the hook runs
   */
  readonly region?: string;
}

/**
 * An ACK Pro, Serverless Pro or Edge Pro cluster as a target of `EncryptedCluster`: Secret
 * encryption at rest with a KMS key, turned on, re-keyed or off through UpdateKMSEncryption.
 *
 * @exampleMetadata fixture=api
 * @example
 * new EncryptedCluster(stack, "payments-k8s", {
 *   cluster: AckCluster.fromId({ region: "cn-hangzhou", clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" }),
 *   masterKey: { id: "key-hzz6payments0secrets01" },
 * });
 */
export class AckCluster implements IEncryptableCluster {
  /** An existing cluster; nothing about it is read at synth. */
  static fromId(clusterRef: AckClusterRef): AckCluster {
    return new AckCluster(clusterRef);
  }

  /**
   * A cluster this stack creates with the alicloud provider (`alicloud_cs_managed_kubernetes`
   * or `alicloud_cs_serverless_kubernetes`, any binding of them): its id comes from the
   * resource, and the resource's `lifecycle.ignore_changes` gains `encryption_provider_key` and
   * `disable_encryption` (merged with what is there), so the provider, which also manages
   * Secret encryption since v1.276.0, and the EncryptedCluster never undo each other. Synth
   * refuses a resource that declares Secret encryption differently from the EncryptedCluster.
   *
   * @exampleMetadata fixture=api
   * @example
   * // the stack's CsManagedKubernetes (or CsServerlessKubernetes) of @cdktf/provider-alicloud
   * declare const payments: TerraformResource;
   * new EncryptedCluster(stack, "payments-k8s", {
   *   cluster: AckCluster.fromResource(payments),
   *   masterKey: { id: "key-hzz6payments0secrets01" },
   * });
   */
  static fromResource(cluster: TerraformResource, options: AckClusterFromResourceOptions = {}): AckCluster {
    requireAlicloudAckResource(cluster);
    ignoreEncryptionChanges(cluster);
    const ack = new AckCluster({ region: options.region ?? providerRegion(cluster), clusterId: cluster.getStringAttribute("id") }, cluster);
    cluster.node.addValidation({ validate: () => coexistenceProblems(cluster, ack.declarations()) });
    return ack;
  }

  readonly description: string;
  /** What each EncryptedCluster of this cluster declared, by its masterKey object. */
  private readonly declared: { masterKey?: MasterKey; enabled: boolean; kmsKeyId?: string }[] = [];

  private constructor(
    /** The cluster's region and id, as given to `fromId` (or read from the resource). */
    readonly clusterRef: AckClusterRef,
    /** The alicloud resource that creates the cluster, for `fromResource`. */
    readonly resource?: TerraformResource,
  ) {
    // Any value may arrive from JavaScript: describe only strings (props are validated later).
    const text = (value: unknown) => (typeof value === "string" ? value : undefined);
    const id = resource ? `of ${resource.node.path}` : (text(clusterRef?.clusterId) ?? "(invalid id)");
    this.description = `ACK cluster ${id}${text(clusterRef?.region) ? ` in ${clusterRef.region}` : ""}`;
  }

  /** The EncryptedClusters of this cluster found in the app, with what each declares. */
  private declarations(): AckDeclaration[] {
    if (!this.resource) return [];
    return this.resource.node.root.node
      .findAll()
      .filter((c): c is EncryptedCluster => c instanceof EncryptedCluster && c.cluster === this)
      .flatMap((construct) => this.declared.filter((d) => d.masterKey === construct.masterKey).map((d) => ({ construct, enabled: d.enabled, kmsKeyId: d.kmsKeyId })));
  }

  /** @internal */
  _renderEncryptionSpec(props: EncryptedClusterProps, check: PropValidator): AckSecretEncryptionSpec {
    const ref = this.clusterRef ?? ({} as AckClusterRef);
    check.check(typeof this.clusterRef === "object" && this.clusterRef !== null, "cluster", this.clusterRef, "AckCluster.fromId({ region, clusterId })");
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
    this.declared.push({ masterKey, enabled, kmsKeyId: enabled ? masterKey?.id : undefined });
    return {
      kind: ACK_SECRET_ENCRYPTION,
      region: ref.region,
      clusterId: ref.clusterId,
      encryption: enabled ? "on" : "off",
      kmsKeyId: enabled ? masterKey?.id : undefined,
      removalPolicy,
      timeout,
    };
  }
}

import { Construct } from "constructs";
import { Duration } from "../contract/duration";
import { RemovalPolicy } from "../contract/removal-policy";
import { declaredResource } from "../kinds/resource-identity";
import { refusedSpec } from "../contract/spec";
import { DeclaredSpec } from "../kinds";
import { AssumedIdentity } from "./assumed-identity";
import { identityResolver } from "./identity";
import { EncryptionHook } from "./encryption-hook";
import { HookEngine } from "./hook-engine";
import { specToMap } from "./spec-map";
import { PropValidator } from "./prop-validation";
import { SynthChecks } from "./synth-checks";

/** A KMS master key, by id (and optionally by name, which some services also record). */
export interface MasterKey {
  /** The key id: a literal or a token from another resource. */
  readonly id: string;
  /**
   * The key's name (alias), recorded by DWS beside the id.
   * @default none
   */
  readonly name?: string;
}

/** The symmetric algorithm of a DWS cluster's encryption. */
export enum CryptAlgorithm {
  /** AES-CBC (`generalCipher`). */
  AES = "generalCipher",
  /** SM4, the Chinese commercial cipher (`SMcompatible`). */
  SM4 = "SMcompatible",
}

export interface EncryptedClusterProps {
  /** The cluster to encrypt: `DwsCluster.fromId(…)` or `AckCluster.fromId(…)`. */
  readonly cluster: IEncryptableCluster;
  /** The KMS master key that protects the cluster's data (DWS) or Secrets (ACK). */
  readonly masterKey: MasterKey;
  /**
   * DWS only: the cipher. It is fixed once the cluster is encrypted.
   * @default CryptAlgorithm.AES
   */
  readonly algorithm?: CryptAlgorithm;
  /**
   * ACK only: whether Secret encryption is on; `false` turns it off. DWS encryption is
   * one-way and cannot be turned off.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * ACK only: what destroying this construct does. DWS clusters always stay encrypted.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Longest wait for the cluster and its jobs.
   * @default Duration.minutes(60), as the Terraform providers
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
 * A cluster that `EncryptedCluster` can encrypt: `DwsCluster.fromId(…)`, `AckCluster.fromId(…)`
 * or `AckCluster.fromResource(…)`. Each target validates the props that apply to it and renders
 * its kind's Spec.
 */
export interface IEncryptableCluster {
  /** "GaussDB(DWS) cluster 97cb… in cn-north-4". */
  readonly description: string;
  /**
   * Validates `props` for this target (problems go to `check`) and renders the Spec.
   * @internal
   */
  _renderEncryptionSpec(props: EncryptedClusterProps, check: PropValidator): DeclaredSpec;
}

/**
 * A GaussDB(DWS) cluster whose key `KeyRotationPolicy` rotates: an `EncryptedCluster` of a
 * `DwsCluster`, or a `DwsCluster` already encrypted by other means.
 */
export interface IRotatableCluster {
  /** What the cluster is, for messages: "GaussDB(DWS) cluster 97cb… in cn-north-4". */
  readonly description: string;
}

/**
 * Encryption at rest of a cluster: converts a GaussDB(DWS) cluster to an encrypted one, or
 * turns on Secret encryption of an Alibaba Cloud ACK cluster, and keeps it so on every
 * deploy that changes it.
 */
export class EncryptedCluster extends Construct implements IRotatableCluster {
  /** The hook resource; `KeyRotationPolicy` and other work can depend on it. */
  readonly hook: EncryptionHook;
  readonly cluster: IEncryptableCluster;
  readonly masterKey: MasterKey;
  /** The identity given to this construct itself (`identity` prop), if any. */
  readonly identity?: AssumedIdentity;

  constructor(scope: Construct, id: string, props: EncryptedClusterProps) {
    super(scope, id);
    const check = new PropValidator("EncryptedCluster");
    const cluster = props?.cluster;
    let declared: DeclaredSpec | undefined;
    if (!cluster || typeof cluster._renderEncryptionSpec !== "function") {
      check.fail("cluster", cluster, "DwsCluster.fromId(…) or AckCluster.fromId(…)");
    } else {
      declared = cluster._renderEncryptionSpec(props, check);
    }
    if (props?.hookEngine !== undefined) check.enumOf("hookEngine", props.hookEngine, HookEngine, "HookEngine");
    const identity = declared && identityResolver(this, props.identity, declared.kind, check);
    const valid = check.reportAtSynth(this) && declared !== undefined;
    const spec = declared && valid ? specToMap(declared) : refusedSpec(declared?.kind ?? "encrypted-cluster");
    if (valid) SynthChecks.of(this).declare(this, declaredResource(spec));
    this.cluster = cluster;
    this.masterKey = props?.masterKey;
    this.identity = props?.identity;
    this.hook = new EncryptionHook(this, "encryption", { engine: valid ? props.hookEngine : undefined, spec });
    if (declared && identity && valid) this.hook._declare(declared, identity);
  }

  /** "encryption of GaussDB(DWS) cluster 97cb… in cn-north-4". */
  get description(): string {
    return `encryption of ${typeof this.cluster?.description === "string" ? this.cluster.description : "an invalid cluster"}`;
  }
}

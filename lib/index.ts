// The public API of cdktf-encryption, and the entry point of its jsii assembly: every name
// exported here is a type of the assembly, in every jsii language (no constants, no type-only
// unions). The CLI, the hook, the emulator, the clients and the reconcilers are not part of it.

// Constructs
export { BackupEncryption } from "./constructs/backup-encryption";
export type { BackupEncryptionProps, TaurusDbInstanceRef } from "./constructs/backup-encryption";
export { CryptAlgorithm, EncryptedCluster } from "./constructs/encrypted-cluster";
export type { EncryptedClusterProps, IEncryptableCluster, IRotatableCluster, MasterKey } from "./constructs/encrypted-cluster";
export { DwsCluster } from "./constructs/dws-cluster";
export type { DwsClusterAttributes } from "./constructs/dws-cluster";
export { AckCluster } from "./constructs/ack-cluster";
export type { AckClusterFromResourceOptions, AckClusterRef } from "./constructs/ack-cluster";
export { KeyRotationPolicy } from "./constructs/key-rotation-policy";
export type { KeyRotationPolicyProps } from "./constructs/key-rotation-policy";
export { ReconcileOnEveryDeploy } from "./constructs/reconcile-on-every-deploy";
export { AssumedIdentity } from "./constructs/assumed-identity";
export type { AlibabaRoleProps, HuaweiAgencyProps } from "./constructs/assumed-identity";
export { Identity } from "./constructs/identity";
export { ContextKeys } from "./constructs/context-keys";

// Policy
export { EncryptionPolicy } from "./policy/encryption-policy";
export type { EncryptionPolicyProps } from "./policy/encryption-policy";
export { Rules } from "./policy/rules";
export { Severity } from "./policy/policy-rule";
export type { DeclaredResource, IPolicyRule, RuleViolation } from "./policy/policy-rule";

// Building blocks
export { EncryptionHook } from "./constructs/encryption-hook";
export type { EncryptionHookProps } from "./constructs/encryption-hook";
export { HookEngine } from "./constructs/hook-engine";
export { Duration } from "./contract/duration";
export { RemovalPolicy } from "./contract/removal-policy";
export type { SpecMap } from "./contract/spec";

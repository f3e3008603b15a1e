// The public API of cdktf-encryption.

// Constructs
export { BackupEncryption } from "./constructs/backup-encryption";
export type { BackupEncryptionProps, TaurusDbInstanceRef } from "./constructs/backup-encryption";
export { CryptAlgorithm, EncryptedCluster } from "./constructs/encrypted-cluster";
export type { EncryptedClusterProps, IEncryptableCluster, MasterKey } from "./constructs/encrypted-cluster";
export { DwsCluster } from "./constructs/dws-cluster";
export type { DwsClusterAttributes } from "./constructs/dws-cluster";
export { AckCluster } from "./constructs/ack-cluster";
export type { AckClusterFromResourceOptions, AckClusterRef } from "./constructs/ack-cluster";
export { KeyRotationPolicy, SYNTH_TIME_CONTEXT_KEY } from "./constructs/key-rotation-policy";
export type { KeyRotationPolicyProps } from "./constructs/key-rotation-policy";
export { ReconcileOnEveryDeploy } from "./constructs/reconcile-on-every-deploy";
export { AssumedIdentity } from "./constructs/assumed-identity";
export type { AlibabaRoleProps, HuaweiAgencyProps } from "./constructs/assumed-identity";
export { Identity } from "./constructs/identity";

// Policy
export { EncryptionPolicy } from "./policy/encryption-policy";
export type { EncryptionPolicyProps } from "./policy/encryption-policy";
export { Rules } from "./policy/rules";
export { Severity } from "./policy/policy-rule";
export type { DeclaredResource, PolicyRule, RuleViolation } from "./policy/policy-rule";

// Building blocks
export { EncryptionHook } from "./constructs/encryption-hook";
export type { EncryptionHookProps } from "./constructs/encryption-hook";
export { HookEngine, HOOK_ENGINE_CONTEXT_KEY } from "./constructs/hook-engine";
export { PropValidator } from "./constructs/prop-validation";
export { Duration } from "./spec/duration";
export { RemovalPolicy } from "./spec/removal-policy";
export { SpecError } from "./spec/spec-error";
export { SPEC_VERSION } from "./spec/spec";
export type { SpecMap } from "./spec/spec";

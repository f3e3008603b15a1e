export { BackupEncryption, BackupEncryptionProps, TaurusDbInstanceRef } from "./constructs/backup-encryption";
export { EncryptionHook, EncryptionHookProps } from "./constructs/encryption-hook";
export { HookEngine, HOOK_ENGINE_CONTEXT_KEY } from "./constructs/hook-engine";
export { Duration } from "./spec/duration";
export { RemovalPolicy } from "./spec/removal-policy";
export { SpecError } from "./spec/spec-error";
export { SPEC_VERSION, SpecMap } from "./spec/spec";
export { CryptAlgorithm, EncryptedCluster, EncryptedClusterProps, IEncryptableCluster, MasterKey } from "./constructs/encrypted-cluster";
export { PropValidator } from "./constructs/prop-validation";

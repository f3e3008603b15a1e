/** Spec maps of resources in the emulator's default world, as the hook receives them. */

/** The orders-db TaurusDB instance with encrypted backup on. */
export const TAURUSDB_SPEC: Readonly<Record<string, string>> = {
  spec_version: "1",
  kind: "taurusdb.backup-encryption",
  region: "cn-north-4",
  project_id: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  instance_id: "7033e7c3cf93438797d44ad7ae0a7d95in07",
  encryption: "on",
  kms_key_id: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
  removal_policy: "retain",
  timeout: "1h",
};

/** The payments ACK cluster with Secret encryption on. */
export const ACK_SPEC: Readonly<Record<string, string>> = {
  spec_version: "1",
  kind: "ack.secret-encryption",
  region: "cn-hangzhou",
  cluster_id: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6",
  encryption: "on",
  kms_key_id: "key-hzz6payments0secrets01",
  removal_policy: "retain",
  timeout: "1h",
};

/** The ledger-db TaurusDB instance, whose backup encryption is already on with that key: one read, nothing to do. */
export const TAURUSDB_IN_SYNC_SPEC: Readonly<Record<string, string>> = { ...TAURUSDB_SPEC, instance_id: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07" };

/** The ledger ACK cluster, whose Secret encryption is already on with that key: one read, nothing to do. */
export const ACK_IN_SYNC_SPEC: Readonly<Record<string, string>> = { ...ACK_SPEC, cluster_id: "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a", kms_key_id: "key-hzz6ledger00secrets001" };

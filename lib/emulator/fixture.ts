/** Credentials the emulator accepts. Not secrets: they only open the local emulator. */
export const EMULATOR_CREDENTIALS = {
  huawei: {
    accessKey: "EMULATORAKHUAWEI0001",
    secretKey: "emulatorSecretKeyHuawei0000000000000001",
    readOnlyAccessKey: "EMULATORAKREADONLY01",
    readOnlySecretKey: "emulatorSecretKeyReadOnly00000000000001",
    authToken: "emulator-iam-token-0001",
    region: "cn-north-4",
    projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  },
} as const;

/**
 * The default world: a few resources of each service in known states, so the demo and the
 * tests start from the same place. Services read their own slice.
 */
export function defaultFixture(): Record<string, unknown> {
  const { region, projectId } = EMULATOR_CREDENTIALS.huawei;
  return {
    kms: {
      keys: [
        { key_id: "0f3196c8-5c23-469f-84da-92ecd2499dce", key_alias: "KMS-1abd-1016", region, project_id: projectId, key_state: "enabled" },
        { key_id: "b82fa43f-f6e8-4ec4-9c31-231bc547c526", key_alias: "backup-key", region, project_id: projectId, key_state: "enabled" },
        { key_id: "5d3a3a51-7b9e-4d2c-9d8e-0c6a1f2b3c4d", key_alias: "rotation-key-2", region, project_id: projectId, key_state: "enabled" },
        { key_id: "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4", key_alias: "disabled-key", region, project_id: projectId, key_state: "disabled" },
      ],
    },
    taurusdb: {
      instances: [
        {
          instance_id: "7033e7c3cf93438797d44ad7ae0a7d95in07",
          name: "orders-db",
          region,
          project_id: projectId,
          status: "ACTIVE",
          backup_encryption: "off",
          kms_key_id: null,
          cross_region_backup: false,
        },
        {
          instance_id: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07",
          name: "ledger-db",
          region,
          project_id: projectId,
          status: "ACTIVE",
          backup_encryption: "on",
          kms_key_id: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
          cross_region_backup: false,
        },
        {
          instance_id: "c0ffee00c0ffee00c0ffee00c0ffee00in07",
          name: "geo-replicated-db",
          region,
          project_id: projectId,
          status: "ACTIVE",
          backup_encryption: "off",
          kms_key_id: null,
          cross_region_backup: true,
        },
      ],
    },
  };
}

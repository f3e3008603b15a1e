import { EMULATOR_CREDENTIALS } from "./emulator-credentials";
import { huaweiIdentityWorld } from "./huawei-identities-fixture";

export { EMULATOR_CREDENTIALS };

/**
 * The default world: a few resources of each service in known states, so the demo and the
 * tests start from the same place. Services read their own slice.
 */
export function defaultFixture(): Record<string, unknown> {
  const { region, projectId } = EMULATOR_CREDENTIALS.huawei;
  const dwsCluster = (cluster_id: string, name: string, fields: Record<string, unknown> = {}) => ({
    cluster_id,
    name,
    region,
    project_id: projectId,
    version: "8.1.3.110",
    guest_agent_version: "8.3.0.200",
    status: "AVAILABLE",
    task_status: null,
    action_progress: {},
    encrypt_duration_seconds: 12,
    master_key_id: null,
    master_key_name: null,
    crypt_algorithm: null,
    last_rotate_key_time: null,
    ...fields,
  });
  const thirtyDaysAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 19).replace("T", " ");
  return {
    ...alibabaWorld(),
    iam: huaweiIdentityWorld(),
    kms: {
      keys: [
        { key_id: "0f3196c8-5c23-469f-84da-92ecd2499dce", key_alias: "KMS-1abd-1016", region, project_id: projectId, key_state: "enabled" },
        { key_id: "b82fa43f-f6e8-4ec4-9c31-231bc547c526", key_alias: "backup-key", region, project_id: projectId, key_state: "enabled" },
        { key_id: "5d3a3a51-7b9e-4d2c-9d8e-0c6a1f2b3c4d", key_alias: "rotation-key-2", region, project_id: projectId, key_state: "enabled" },
        { key_id: "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4", key_alias: "disabled-key", region, project_id: projectId, key_state: "disabled" },
      ],
    },
    dws: {
      clusters: [
        dwsCluster("97cbaab3-939e-4dbc-9187-0fe240f2b9fd", "warehouse"),
        dwsCluster("9f76c502-fc9c-4a52-8656-65d0da6e3d57", "analytics-dw", {
          master_key_id: "0f3196c8-5c23-469f-84da-92ecd2499dce",
          master_key_name: "KMS-1abd-1016",
          crypt_algorithm: "generalCipher",
          last_rotate_key_time: thirtyDaysAgo,
        }),
        dwsCluster("2b7d0e3c-5a1f-4c8e-9d6b-7e4f3a2c1b0d", "legacy-dw", { version: "7.3.0" }),
        dwsCluster("4c1e8f2a-6b3d-4e9f-8a7c-5d2b1e0f9a8c", "dr-standby-dw", { disaster_recovery: true }),
        dwsCluster("6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a098", "old-agent-dw", { guest_agent_version: "8.2.0.100" }),
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

/** ACK clusters (Pro without and with Secret encryption, non-Pro) and the Alibaba KMS keys they may use. */
function alibabaWorld(): Record<string, unknown> {
  const region = EMULATOR_CREDENTIALS.alibaba.region;
  const key = (key_id: string, fields: Record<string, unknown> = {}) => ({
    key_id,
    region,
    key_spec: "Aliyun_AES_256",
    key_usage: "ENCRYPT/DECRYPT",
    key_state: "Enabled",
    ...fields,
  });
  const cluster = (fields: Record<string, unknown>) => ({
    region_id: region,
    cluster_type: "ManagedKubernetes",
    cluster_spec: "ack.pro.small",
    profile: "Default",
    state: "running",
    encryption_kms_key_id: null,
    disable_encryption: false,
    ...fields,
  });
  return {
    sts: alibabaIdentityWorld(EMULATOR_CREDENTIALS.alibaba.accessKeyId),
    alikms: {
      keys: [
        key("key-hzz6payments0secrets01", { alias: "alias/payments-secrets" }),
        key("key-hzz6payments0secrets02", { alias: "alias/payments-secrets-next" }),
        key("key-hzz6ledger00secrets001", { alias: "alias/ledger-secrets" }),
        key("key-shh6payments0secrets01", { alias: "alias/other-region", region: "cn-shanghai" }),
        key("key-hzz6sm4000000000000001", { alias: "alias/sm4", key_spec: "Aliyun_SM4" }),
        key("key-hzz6sign00000000000001", { alias: "alias/signing", key_spec: "RSA_2048", key_usage: "SIGN/VERIFY" }),
        key("key-hzz6disabled0000000001", { alias: "alias/disabled", key_state: "Disabled" }),
        key("key-hzz6service00000000001", { alias: "acs/ack", service_key: true }),
      ],
    },
    ack: {
      clusters: [
        cluster({ cluster_id: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6", name: "payments-k8s" }),
        cluster({ cluster_id: "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a", name: "ledger-k8s", encryption_kms_key_id: "key-hzz6ledger00secrets001" }),
        cluster({ cluster_id: "c9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d", name: "sandbox-k8s", cluster_spec: "ack.standard", meta_data_mode: "empty" }),
      ],
    },
  };
}

export const ALIBABA_ACCOUNT_ID = "1234567890123456";
const roleArn = (name: string) => `acs:ram::${ALIBABA_ACCOUNT_ID}:role/${name}`;

/** The identities of the default fixture: who may act as whom. */
export const ALIBABA_IDENTITIES = {
  encryptionAdmin: roleArn("encryption-admin"),
  ciRunner: roleArn("ci-runner"),
  instanceRole: "ecs-deployer",
  sidecar: roleArn("sidecar-deployer"),
  auditor: roleArn("auditor"),
  oidcProvider: `acs:ram::${ALIBABA_ACCOUNT_ID}:oidc-provider/ack-rrsa-c5b1e0a9`,
  oidcToken: "emulator-oidc-token-0001",
} as const;

/** The fixture slice: `base` is the emulator's own RAM user key. */
export function alibabaIdentityWorld(base: string): Record<string, unknown> {
  const i = ALIBABA_IDENTITIES;
  return {
    roles: [
      { arn: i.encryptionAdmin, trusted_principals: [base, `role ${i.ciRunner}`, `role ${roleArn(i.instanceRole)}`], trusted_oidc_providers: [i.oidcProvider] },
      { arn: i.ciRunner, trusted_principals: [base], trusted_oidc_providers: [i.oidcProvider] },
      { arn: roleArn(i.instanceRole), trusted_principals: [], trusted_oidc_providers: [] },
      { arn: i.sidecar, trusted_principals: [], trusted_oidc_providers: [] },
      { arn: i.auditor, trusted_principals: [], trusted_oidc_providers: [] },
    ],
    oidc_providers: [{ arn: i.oidcProvider, tokens: [i.oidcToken] }],
    instance_role: i.instanceRole,
    credentials_uri_role: i.sidecar,
  };
}

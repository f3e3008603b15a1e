import { createHash } from "node:crypto";

/** The size and shape of a generated estate, for audit tests and the bench (test-only: not in the published package). */
export interface EstateOptions {
  /** Huawei regions with one project each (project ids are derived from the region). */
  readonly huaweiRegions: readonly string[];
  readonly alibabaRegions: readonly string[];
  readonly dwsPerRegion: number;
  readonly taurusDbPerRegion: number;
  readonly ackPerRegion: number;
  /** Every n-th resource is not encrypted. @default 3 */
  readonly unencryptedEvery?: number;
}

/** A deterministic hex string of `length` characters from a seed. */
function hex(seed: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}/${i}`).digest("hex");
  return out.slice(0, length);
}

export function estateProjectId(region: string): string {
  return hex(`project/${region}`, 32);
}

/**
 * A large emulated estate: DWS clusters and TaurusDB instances per Huawei region (one project
 * each), ACK Pro clusters per Alibaba region, every n-th one not encrypted. Ids are stable
 * across runs, so tests can name them.
 */
export function estateFixture(options: EstateOptions): { dws: { clusters: unknown[] }; taurusdb: { instances: unknown[] }; ack: { clusters: unknown[] } } {
  const every = options.unencryptedEvery ?? 3;
  const dws: unknown[] = [];
  const taurusdb: unknown[] = [];
  const ack: unknown[] = [];
  for (const region of options.huaweiRegions) {
    const project_id = estateProjectId(region);
    for (let i = 0; i < options.dwsPerRegion; i++) {
      const id = hex(`dws/${region}/${i}`, 32);
      const encrypted = i % every !== 0;
      dws.push({
        cluster_id: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`,
        name: `dw-${region}-${i}`,
        region,
        project_id,
        version: "8.1.3.110",
        status: "AVAILABLE",
        task_status: null,
        action_progress: {},
        master_key_id: encrypted ? hex(`key/${region}`, 8) + "-5c23-469f-84da-92ecd2499dce" : null,
        master_key_name: encrypted ? `estate-key-${region}` : null,
        crypt_algorithm: encrypted ? "generalCipher" : null,
        last_rotate_key_time: encrypted ? "2025-01-01 00:00:00" : null,
      });
    }
    for (let i = 0; i < options.taurusDbPerRegion; i++) {
      const encrypted = i % every !== 0;
      taurusdb.push({
        instance_id: `${hex(`taurusdb/${region}/${i}`, 32)}in07`,
        name: `db-${region}-${i}`,
        region,
        project_id,
        status: "ACTIVE",
        backup_encryption: encrypted ? "on" : "off",
        kms_key_id: encrypted ? hex(`key/${region}`, 8) + "-f6e8-4ec4-9c31-231bc547c526" : null,
        cross_region_backup: false,
      });
    }
  }
  for (const region of options.alibabaRegions) {
    for (let i = 0; i < options.ackPerRegion; i++) {
      const encrypted = i % every !== 0;
      ack.push({
        cluster_id: `c${hex(`ack/${region}/${i}`, 32)}`,
        name: `k8s-${region}-${i}`,
        region_id: region,
        cluster_type: "ManagedKubernetes",
        cluster_spec: "ack.pro.small",
        profile: "Default",
        state: "running",
        encryption_kms_key_id: encrypted ? `key-${hex(`ackkey/${region}`, 21)}` : null,
        disable_encryption: !encrypted,
      });
    }
  }
  return { dws: { clusters: dws }, taurusdb: { instances: taurusdb }, ack: { clusters: ack } };
}

import { Emulator } from "../../lib/emulator/emulator-server";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { AckService } from "../../lib/emulator/services/ack";

/** Resources of the emulator's default Alibaba world (lib/emulator/fixture.ts). */
export const ACK_WORLD = {
  region: EMULATOR_CREDENTIALS.alibaba.region,
  /** Pro, Secret encryption off. */
  payments: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6",
  /** Pro, Secret encryption on with `ledgerKey`. */
  ledger: "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
  /** ack.standard (not Pro), empty meta_data. */
  sandbox: "c9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
  key: "key-hzz6payments0secrets01",
  key2: "key-hzz6payments0secrets02",
  ledgerKey: "key-hzz6ledger00secrets001",
} as const;

export interface AckClusterView {
  cluster_id: string;
  state: string;
  encryption_kms_key_id: string | null;
  secret_encryption: "on" | "off";
}

/** One emulated ACK cluster as `/_emulator/state` lists it. */
export function ackCluster(emulator: Emulator, clusterId: string = ACK_WORLD.payments): AckClusterView {
  const snapshot = emulator.service<AckService>("ack").snapshot() as { clusters: AckClusterView[] };
  const found = snapshot.clusters.find((c) => c.cluster_id === clusterId);
  if (!found) throw new Error(`no emulated ACK cluster ${clusterId}`);
  return found;
}

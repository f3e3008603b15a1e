// Each kind's service (its doctor probe and audit inventory) against the in-process emulator.
import { alibabaCredentialChain } from "../../../lib/cloud/alibaba/credentials/alibaba-credential-chain";
import { huaweiCredentialProvider } from "../../../lib/cloud/huawei/huawei-credentials";
import { EMULATOR_CREDENTIALS } from "../../../lib/emulator/fixture";
import { servicesOf } from "../../../lib/kinds/index";
import { CloudService, InventoriedResource, ServiceLocation } from "../../../lib/kinds/kind-definition";
import { RunningEmulator, startEmulator } from "../../support/emulator-harness";

const HUAWEI = { region: EMULATOR_CREDENTIALS.huawei.region, projectId: EMULATOR_CREDENTIALS.huawei.projectId };
const ALIBABA = { region: EMULATOR_CREDENTIALS.alibaba.region };

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

function service(id: string): CloudService {
  return servicesOf().find((s) => s.id === id)!;
}

/** The service's resources in the emulator's world for the location: id → encryption on/off. */
function world(id: string): Map<string, string> {
  const slice = cloud.emulator.service(id).snapshot() as Record<string, Record<string, unknown>[]>;
  if (id === "dws") return new Map(slice.clusters.filter((c) => c.region === HUAWEI.region && c.project_id === HUAWEI.projectId).map((c) => [c.cluster_id as string, c.master_key_id ? "on" : "off"]));
  if (id === "taurusdb") return new Map(slice.instances.filter((i) => i.region === HUAWEI.region && i.project_id === HUAWEI.projectId).map((i) => [i.instance_id as string, i.backup_encryption as string]));
  return new Map(slice.clusters.filter((c) => c.region_id === ALIBABA.region).map((c) => [c.cluster_id as string, c.secret_encryption as string]));
}

async function inventory(id: string, location: ServiceLocation) {
  const found: InventoriedResource[] = [];
  const incomplete: string[] = [];
  let listed = 0;
  let read = 0;
  let running = 0;
  let mostRunning = 0;
  await service(id).inventory.list(location, {
    client: { env: cloud.env, timeoutMs: 10_000, maxAttempts: 1 },
    run: async (call) => {
      mostRunning = Math.max(mostRunning, ++running);
      try {
        return await call();
      } finally {
        running--;
      }
    },
    listed: (count) => {
      listed += count;
    },
    read: () => {
      read++;
    },
    found: (resource) => found.push(resource),
    incomplete: (message) => incomplete.push(message),
  });
  return { found, incomplete, listed, read, mostRunning };
}

const credentials = () => ({ huawei: huaweiCredentialProvider(cloud.env), alibaba: alibabaCredentialChain(cloud.env) });

test.each([
  ["dws", HUAWEI, true],
  ["taurusdb", HUAWEI, true],
  ["ack", ALIBABA, false],
] as const)("%s: the inventory lists every resource of the location with its encryption, and the probe counts them", async (id, location, readsEach) => {
  const expected = world(id);
  expect(expected.size).toBeGreaterThan(0);
  const result = await inventory(id, location);
  expect(result.incomplete).toEqual([]);
  expect(new Map(result.found.map((r) => [r.id, r.encryption.state]))).toEqual(expected);
  expect(result.listed).toBe(expected.size);
  // DWS and TaurusDB need one read per resource; ACK's listing carries the encryption.
  expect(result.read).toBe(readsEach ? expected.size : 0);
  expect(result.mostRunning).toBeGreaterThan(0);
  await expect(service(id).probe.count(location, { env: cloud.env, timeoutMs: 10_000, maxAttempts: 1 }, credentials())).resolves.toBe(expected.size);
});

test("a DWS cluster's master key and algorithm (AES or SM4) are read as DWS reports them", async () => {
  const { found } = await inventory("dws", HUAWEI);
  const encrypted = found.filter((r) => r.encryption.state === "on");
  expect(encrypted.length).toBeGreaterThan(0);
  for (const r of encrypted) {
    expect(r.encryption.keyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(["AES", "SM4"]).toContain(r.encryption.algorithm);
  }
});

test("a listing the service refuses throws (audit names the service); nothing is reported found", async () => {
  const env = { ...cloud.env, HW_ACCESS_KEY: EMULATOR_CREDENTIALS.huawei.noPermissionAccessKey, HW_SECRET_KEY: EMULATOR_CREDENTIALS.huawei.noPermissionSecretKey };
  const found: InventoriedResource[] = [];
  await expect(
    service("taurusdb").inventory.list(HUAWEI, {
      client: { env, timeoutMs: 10_000, maxAttempts: 1 },
      run: (call) => call(),
      listed: () => undefined,
      read: () => undefined,
      found: (r) => found.push(r),
      incomplete: () => undefined,
    }),
  ).rejects.toThrow(/ListGaussMySqlInstances/);
  expect(found).toEqual([]);
});

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { AckCluster, BackupEncryption, CryptAlgorithm, Duration, DwsCluster, EncryptedCluster, KeyRotationPolicy } from "../../../lib";
import { AuditReport, audit } from "../../../lib/audit/audit";
import { parseAlibabaScope, parseHuaweiScope, resolveScopes } from "../../../lib/audit/audit-scope";
import { readDeclarations } from "../../../lib/audit/declarations";
import { takeInventory } from "../../../lib/audit/inventory";
import { closeConnections } from "../../../lib/cloud/http-transport";
import { EMULATOR_CREDENTIALS, defaultFixture } from "../../../lib/emulator/fixture";
import { estateFixture } from "../../support/estate-fixture";
import { DriftEntry, checkDrift } from "../../../lib/review/drift";
import { readStack } from "../../../lib/stack/read-stack";
import { RunningEmulator, startEmulator } from "../../support/emulator-harness";

// For every resource of the audit fixture (the default world and a generated estate), audit's
// drift verdict on each declaration must be the one `drift` gives for the same declaration
// against the same live state: audit plans from what its inventory read, drift from `observe`.

const HW = EMULATOR_CREDENTIALS.huawei;
const ALI = EMULATOR_CREDENTIALS.alibaba;
const DAY = 86_400_000;
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
const OTHER_HUAWEI_KEY = "5d3a3a51-7b9e-4d2c-9d8e-0c6a1f2b3c4d";
const TAURUSDB_KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526";
const OTHER_ACK_KEY = "key-hzz6other000secrets01";

type Item = Record<string, unknown>;

/** The default world, an estate in the emulator's project and region, and the edge cases where two drift models can part. */
function world(): { fixture: Record<string, { clusters?: Item[]; instances?: Item[] }>; dws: Item[]; taurusdb: Item[]; ack: Item[] } {
  const fixture = defaultFixture() as Record<string, { clusters?: Item[]; instances?: Item[] }>;
  const estate = estateFixture({ huaweiRegions: [HW.region], alibabaRegions: [ALI.region], dwsPerRegion: 6, taurusDbPerRegion: 6, ackPerRegion: 6 });
  const inProject = (items: unknown[]) => items.map((i) => ({ ...(i as Item), project_id: HW.projectId }));
  // Clusters like analytics-dw (encrypted, AES, available) but for what the extra fields say.
  const analytics = fixture.dws.clusters!.find((c) => c.name === "analytics-dw")!;
  const encryptedDws = (id: string, name: string, extra: Item): Item => ({ ...analytics, cluster_id: id, name, last_rotate_key_time: utc(Date.now() - 10 * DAY), ...extra });
  fixture.dws.clusters = [
    ...(fixture.dws.clusters ?? []),
    ...inProject(estate.dws.clusters),
    // Never rotated, SM4, rotated 400 days ago, and busy with a task while not encrypted.
    encryptedDws("11111111-2222-4333-8444-555555555555", "never-rotated-dw", { last_rotate_key_time: null }),
    encryptedDws("5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c", "sm4-dw", { crypt_algorithm: "SMcompatible", last_rotate_key_time: utc(Date.now() - 400 * DAY) }),
    encryptedDws("66666666-7777-4888-9999-aaaaaaaaaaaa", "busy-dw", { master_key_id: null, master_key_name: null, crypt_algorithm: null, last_rotate_key_time: null, action_progress: { SNAPSHOTTING: "20%" } }),
  ];
  fixture.taurusdb.instances = [...(fixture.taurusdb.instances ?? []), ...inProject(estate.taurusdb.instances)];
  fixture.ack.clusters = [...(fixture.ack.clusters ?? []), ...(estate.ack.clusters as Item[])];
  return { fixture, dws: fixture.dws.clusters, taurusdb: fixture.taurusdb.instances, ack: fixture.ack.clusters };
}

/**
 * Declares every resource, in turns that give every verdict: the key it has or another one,
 * the algorithm it has or the other, encryption on or off, a rotation period run out or not.
 */
function declareAll(w: ReturnType<typeof world>): string {
  const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), "audit-drift-agreement-")), context: { "cdktf-encryption:now": new Date().toISOString() } });
  const stack = new TerraformStack(app, "agreement");
  w.dws.forEach((c, i) => {
    const cluster = DwsCluster.fromId({ region: HW.region, projectId: HW.projectId, clusterId: c.cluster_id as string });
    const ownKey = (c.master_key_id as string | null) ?? "0f3196c8-5c23-469f-84da-92ecd2499dce";
    const ownAlgorithm = c.crypt_algorithm === "SMcompatible" ? CryptAlgorithm.SM4 : CryptAlgorithm.AES;
    const otherAlgorithm = ownAlgorithm === CryptAlgorithm.SM4 ? CryptAlgorithm.AES : CryptAlgorithm.SM4;
    new EncryptedCluster(stack, `dws-${i}`, {
      cluster,
      masterKey: { id: i % 3 === 1 ? OTHER_HUAWEI_KEY : ownKey },
      algorithm: i % 3 === 2 ? otherAlgorithm : ownAlgorithm,
    });
    new KeyRotationPolicy(stack, `dws-rotation-${i}`, {
      cluster,
      rotationPeriod: Duration.days(i % 2 === 0 ? 90 : 3650),
      masterKey: i % 4 === 3 ? { id: OTHER_HUAWEI_KEY } : undefined,
    });
  });
  w.taurusdb.forEach((t, i) => {
    const instance = { region: HW.region, projectId: HW.projectId, instanceId: t.instance_id as string };
    new BackupEncryption(stack, `taurusdb-${i}`, i % 2 === 0 ? { instance, kmsKeyId: (t.kms_key_id as string | null) ?? TAURUSDB_KEY } : { instance, enabled: false });
  });
  w.ack.forEach((c, i) => {
    const cluster = AckCluster.fromId({ region: ALI.region, clusterId: c.cluster_id as string });
    const ownKey = (c.encryption_kms_key_id as string | null) ?? "key-hzz6ledger00secrets001";
    new EncryptedCluster(stack, `ack-${i}`, { cluster, masterKey: { id: i % 3 === 1 ? OTHER_ACK_KEY : ownKey }, enabled: i % 3 !== 2 });
  });
  app.synth();
  return path.join(app.outdir, "stacks", "agreement");
}

let emu: RunningEmulator;
let w: ReturnType<typeof world>;
let report: AuditReport;
let drift: Map<string, DriftEntry>;

beforeAll(async () => {
  w = world();
  emu = await startEmulator({ fixture: w.fixture });
  const dir = declareAll(w);
  const declarations = readDeclarations(dir);
  const scopes = resolveScopes([parseHuaweiScope(`${HW.region}:${HW.projectId}`), parseAlibabaScope(ALI.region)], declarations, emu.env);
  const inventories = await takeInventory(scopes, { env: emu.env, concurrency: 8, timeoutMs: 10_000 });
  report = audit(inventories, declarations, ["agreement"], { now: new Date() });
  const checked = await checkDrift(readStack(dir), { env: emu.env, concurrency: 8, timeoutMs: 10_000 });
  drift = new Map(checked.resources.map((r) => [r.address, r]));
}, 120_000);

afterAll(async () => {
  await closeConnections();
  await emu.stop();
});

test("every resource of the fixture is listed, declared and judged by both", () => {
  expect(report.scopes.flatMap((s) => s.errors)).toEqual([]);
  const ids = [...w.dws.map((c) => c.cluster_id), ...w.taurusdb.map((t) => t.instance_id), ...w.ack.map((c) => c.cluster_id)];
  const rows = new Map(report.rows.map((r) => [r.resource.id, r]));
  for (const id of ids) expect(rows.get(id as string)).toMatchObject({ found: true, declaredBy: expect.arrayContaining([expect.anything()]) });
  expect(report.rows.filter((r) => r.declaredBy.length === 0)).toEqual([]);
  const judged = report.rows.flatMap((r) => r.drift);
  expect(judged).toHaveLength(drift.size);
  expect(judged).toHaveLength(2 * w.dws.length + w.taurusdb.length + w.ack.length);
});

test("audit's verdict on each declaration is drift's: status, what it reads, what the hook would do or why it would refuse", () => {
  const pairs = report.rows.flatMap((row) =>
    row.declaredBy.map((d, i) => {
      const a = row.drift[i];
      const b = drift.get(d.address)!;
      return { audit: { address: a.address, status: a.status, observed: "observed" in a ? a.observed : undefined, corrections: "corrections" in a ? a.corrections : undefined, detail: a.detail }, drift: { address: b.address, status: b.status, observed: b.observed, corrections: b.corrections, detail: b.detail } };
    }),
  );
  expect(pairs.filter((p) => JSON.stringify(p.audit) !== JSON.stringify(p.drift))).toEqual([]);
  // The fixture and declarations reach every verdict a plan can give, so agreement is not agreement on one answer.
  const statuses = new Set(pairs.map((p) => p.drift.status));
  expect([...statuses].sort()).toEqual(["drifted", "due", "in-sync", "refused"]);
});

test("the findings follow the verdicts: drifted or refused is a drifted finding, due is rotation overdue", () => {
  for (const row of report.rows) {
    const drifted = row.drift.filter((d) => d.status === "drifted" || d.status === "refused").length;
    const due = row.drift.filter((d) => d.status === "due").length;
    expect({ id: row.resource.id, drifted: row.findings.filter((f) => f.kind === "drifted").length }).toEqual({ id: row.resource.id, drifted });
    // --max-key-age does not apply to a cluster whose KeyRotationPolicy plans its rotation.
    expect({ id: row.resource.id, due: row.findings.filter((f) => f.kind === "rotation-overdue").length }).toEqual({ id: row.resource.id, due });
  }
});

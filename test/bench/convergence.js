"use strict";
// Items 2 and 3: API calls per kind (no-op and full convergence) and convergence overhead,
// through the hook's own entry point (runHook) against the in-process emulator.
const { dist } = require("./paths");

const lib = (p) => require(dist(p));

const HW = () => lib("lib/emulator/fixture").EMULATOR_CREDENTIALS.huawei;
const WAREHOUSE = "97cbaab3-939e-4dbc-9187-0fe240f2b9fd";
const ANALYTICS = "9f76c502-fc9c-4a52-8656-65d0da6e3d57";
const DWS_KEY = "0f3196c8-5c23-469f-84da-92ecd2499dce";
const ORDERS = "7033e7c3cf93438797d44ad7ae0a7d95in07";
const LEDGER_DB = "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07";
const BACKUP_KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526";
const PAYMENTS_K8S = "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6";
const LEDGER_K8S = "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a";

function specs() {
  const { Duration } = lib("lib/contract/duration");
  const { region, projectId } = HW();
  const taurus = (instanceId) =>
    lib("lib/kinds/taurusdb-backup-encryption/spec").taurusDbBackupEncryptionToMap({
      region, projectId, instanceId, encryption: "on", kmsKeyId: BACKUP_KEY, removalPolicy: "retain", timeout: Duration.minutes(60),
    });
  const dwsEncrypt = (clusterId) =>
    lib("lib/kinds/dws-cluster-encryption/spec").dwsClusterEncryptionToMap({
      region, projectId, clusterId, masterKeyId: DWS_KEY, masterKeyName: "KMS-1abd-1016", algorithm: "generalCipher", timeout: Duration.hours(2),
    });
  const rotation = (days) => {
    const m = lib("lib/kinds/dws-key-rotation/spec");
    const period = Duration.days(days);
    const checkInterval = m.defaultCheckInterval(period);
    return m.dwsKeyRotationToMap({
      region, projectId, clusterId: ANALYTICS, rotationPeriod: period, checkInterval, rotationWindow: m.rotationWindowStart(Date.now(), checkInterval), timeout: Duration.minutes(30),
    });
  };
  const ack = (clusterId, key) =>
    lib("lib/kinds/ack-secret-encryption/spec").ackSecretEncryptionToMap({
      region: "cn-hangzhou", clusterId, encryption: "on", kmsKeyId: key, removalPolicy: "retain", timeout: Duration.minutes(30),
    });
  return [
    { kind: "taurusdb.backup-encryption", noop: taurus(LEDGER_DB), full: taurus(ORDERS), fullWhat: "encrypted backup off → on (synchronous)" },
    { kind: "dws.cluster-encryption", noop: dwsEncrypt(ANALYTICS), full: dwsEncrypt(WAREHOUSE), fullWhat: "convert: job of 12 s (fixture) + cluster available + verify" },
    { kind: "dws.key-rotation", noop: rotation(90), full: rotation(7), fullWhat: "rotate (synchronous; last rotation 30 days ago, period 7 days)" },
    { kind: "ack.secret-encryption", noop: ack(LEDGER_K8S, "key-hzz6ledger00secrets001"), full: ack(PAYMENTS_K8S, "key-hzz6payments0secrets01"), fullWhat: "enable: still running 2 s, updating 4 s (emulator defaults), verify" },
  ];
}

/** The tests' clock: real time for signatures, and every sleep moves the emulated cloud forward instead of waiting. */
function emulatorDrivenClock(emulator) {
  let slept = 0;
  return {
    now: () => Date.now() + slept,
    sleep: async (ms) => {
      slept += ms;
      emulator.clock.advance(ms / 1000);
    },
    slept: () => slept,
  };
}

/**
 * Both sides on one compressed time line: the emulated cloud runs `rate` times faster than
 * real time, and the hook's sleeps last 1/rate of their length. What is measured is in
 * emulated (cloud) seconds; every real millisecond of CPU and network counts `rate` times,
 * so the overhead found is an upper bound.
 */
function compressedClock(emulator, rate) {
  emulator.clock.setRate(rate);
  return {
    now: () => emulator.clock.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / rate)),
  };
}

async function runSpec(cloud, spec, clock) {
  const { runHook } = lib("lib/cli/hook");
  const { MemoryLog } = lib("lib/runtime/log");
  const log = new MemoryLog();
  const code = await runHook(["apply"], { env: { ...cloud.env, CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec) }, log, clock });
  if (code !== 0) throw new Error(`hook failed for ${spec.kind}: ${log.lines.slice(-3).join(" | ")}`);
  return log;
}

function countCalls(calls) {
  const writes = calls.filter((c) => c.mutating).length;
  return { total: calls.length, reads: calls.length - writes, writes };
}

async function benchApiCalls({ cloud }) {
  const rows = [];
  for (const s of specs()) {
    cloud.emulator.reset();
    await runSpec(cloud, s.noop, emulatorDrivenClock(cloud.emulator));
    const noop = countCalls(cloud.emulator.calls.list());
    cloud.emulator.reset();
    const clock = emulatorDrivenClock(cloud.emulator);
    const started = clock.now();
    await runSpec(cloud, s.full, clock);
    const full = countCalls(cloud.emulator.calls.list());
    rows.push({ kind: s.kind, noopCalls: noop.total, full: { ...full, what: s.fullWhat, emulatedSeconds: (clock.now() - started) / 1000 } });
  }
  cloud.emulator.reset();
  return rows;
}

/** Item 3: DWS conversion with jobs of 5, 60 and 600 emulated seconds. */
async function benchOverhead({ cloud, durations, reps }) {
  const results = [];
  for (const { seconds, rate } of durations) {
    const runs = [];
    for (let i = 0; i < reps; i++) {
      cloud.emulator.reset();
      cloud.emulator.service("dws").patch(WAREHOUSE, { encrypt_duration_seconds: seconds });
      const clock = compressedClock(cloud.emulator, rate);
      const realStart = Date.now();
      await runSpec(cloud, specs()[1].full, clock);
      const verifiedAt = clock.now();
      const job = cloud.emulator.service("dws").snapshot().jobs.find((j) => j.cluster_id === WAREHOUSE);
      const calls = cloud.emulator.calls.list();
      runs.push({
        overheadSeconds: (verifiedAt - Date.parse(job.begin_time)) / 1000 - seconds,
        polls: calls.filter((c) => c.operation === "ShowJob").length,
        calls: calls.length,
        realSeconds: (Date.now() - realStart) / 1000,
      });
    }
    results.push({ jobSeconds: seconds, clockRate: rate, runs });
  }
  cloud.emulator.reset();
  return results;
}

/**
 * The Terraform providers' waits (reference/cloud-apis.md §6) as a model: a fixed first
 * delay, then polls at a fixed interval. Overhead = the first poll at or after the end minus
 * the end; `expected` averages over where in the interval the job happens to end.
 */
function providerOverhead(jobSeconds, delay, interval) {
  if (jobSeconds <= delay) return { worst: delay - jobSeconds, expected: delay - jobSeconds };
  return { worst: interval, expected: interval / 2 };
}

module.exports = { benchApiCalls, benchOverhead, providerOverhead, WAREHOUSE };

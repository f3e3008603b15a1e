"use strict";
// Item 1: wall time of a hook process doing a no-op reconcile (one GET) against two baselines
// measured in the same run: a bare node:http GET (the floor) and the official ACK SDK's
// DescribeClusterDetail (what a user would write instead). Runs are interleaved so load from
// other processes on the machine hits every variant alike; medians are reported.
const path = require("node:path");
const { median, timeChild } = require("./stats");
const { ROOT, dist } = require("./paths");

const LEDGER = "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a";
const LEDGER_KEY = "key-hzz6ledger00secrets001";

function inSyncAckSpec() {
  const { ackSecretEncryptionToMap } = require(dist("lib/kinds/ack-secret-encryption/spec"));
  const { Duration } = require(dist("lib/contract/duration"));
  return ackSecretEncryptionToMap({
    region: "cn-hangzhou",
    clusterId: LEDGER,
    encryption: "on",
    kmsKeyId: LEDGER_KEY,
    removalPolicy: "retain",
    timeout: Duration.minutes(30),
  });
}

async function benchStartup({ cloud, reps, hookPath = dist("hook/hook.js") }) {
  const env = { ...process.env, ...cloud.env, CDKTF_ENCRYPTION_SPEC: JSON.stringify(inSyncAckSpec()) };
  const host = new URL(cloud.url).host;
  const variants = {
    nodeNoop: ["-e", "0"],
    floor: [path.join(__dirname, "children/floor-get.js"), `${cloud.url}/clusters/${LEDGER}`],
    undiciOnly: [path.join(__dirname, "children/undici-get.js"), `${cloud.url}/clusters/${LEDGER}`],
    hook: [hookPath, "apply"],
    sdk: [path.join(__dirname, "children/sdk-get.js"), host, LEDGER],
  };
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  // One warm-up round (file cache, emulator JIT), not counted.
  for (const args of Object.values(variants)) await timeChild(process.execPath, args, { env, cwd: ROOT });
  const before = cloud.emulator.calls.list().length;
  for (let i = 0; i < reps; i++) {
    for (const [name, args] of Object.entries(variants)) {
      const run = await timeChild(process.execPath, args, { env, cwd: ROOT });
      if (run.code !== 0) throw new Error(`start-up variant ${name} exited ${run.code}: ${run.stderr.trim()}`);
      times[name].push(run.ms);
    }
  }
  const hookCalls = cloud.emulator.calls.list().slice(before).filter((c) => c.operation === "DescribeClusterDetail" && c.status === 200).length;
  const med = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  return { reps, medianMs: med, samplesMs: times, signedGetsAnswered200: hookCalls };
}

module.exports = { benchStartup, inSyncAckSpec, LEDGER, LEDGER_KEY };

"use strict";
// Issue 13: `cdktf-encryption audit` over a generated estate of 2,000 resources in 4 regions
// against the emulator with a fixed latency on every call: wall time vs the least any bounded
// client could take, one call's latency × ceil(calls / concurrency).
const { existsSync } = require("node:fs");
const { median, timeChild } = require("./stats");
const { ROOT, dist } = require("./paths");
const { requireTestSupport } = require("./test-support");

async function benchAudit({ cloud, latencyMs, concurrency, reps }) {
  if (!existsSync(dist("lib/cli/audit-command.js"))) return { skipped: "the audit command is not built" };
  const { estateFixture, estateProjectId } = requireTestSupport("estate-fixture");
  const { defaultFixture } = require(dist("lib/emulator/fixture"));
  const huaweiRegions = ["cn-north-4", "cn-east-3"];
  const alibabaRegions = ["cn-hangzhou", "cn-shanghai"];
  const estate = estateFixture({ huaweiRegions, alibabaRegions, dwsPerRegion: 250, taurusDbPerRegion: 250, ackPerRegion: 500 });
  const fixture = { ...defaultFixture(), ...estate };
  const resources = estate.dws.clusters.length + estate.taurusdb.instances.length + estate.ack.clusters.length;
  const args = [
    dist("bin/cdktf-encryption.js"),
    "audit",
    ...huaweiRegions.flatMap((r) => ["--huawei", `${r}:${estateProjectId(r)}`]),
    ...alibabaRegions.flatMap((r) => ["--alibaba", r]),
    "--format",
    "json",
    "--concurrency",
    String(concurrency),
  ];
  const env = { ...process.env, ...cloud.env };
  const run = async (latency) => {
    cloud.emulator.reset(fixture);
    if (latency) cloud.emulator.faults.add({ operation: "*", latency_ms: latency, count: resources * 10 });
    const r = await timeChild(process.execPath, args, { env, cwd: ROOT });
    if (r.code !== 2) throw new Error(`audit exited ${r.code} (expected 2, findings): ${r.stderr.trim().slice(0, 300)}`);
    const listed = JSON.parse(r.stdout).rows.length;
    if (listed !== resources) throw new Error(`audit listed ${listed} of ${resources} resources`);
    return { ms: r.ms, calls: cloud.emulator.calls.list().length };
  };
  try {
    await run(0); // warm-up
    const withLatency = [];
    const without = [];
    for (let i = 0; i < reps; i++) {
      withLatency.push(await run(latencyMs));
      without.push(await run(0));
    }
    const calls = withLatency[0].calls;
    return {
      resources,
      regions: huaweiRegions.length + alibabaRegions.length,
      latencyMs,
      concurrency,
      reps,
      callsPerRun: calls,
      wallMs: median(withLatency.map((r) => r.ms)),
      wallWithoutLatencyMs: median(without.map((r) => r.ms)),
      floorMs: latencyMs * Math.ceil(calls / concurrency),
    };
  } finally {
    cloud.emulator.reset(defaultFixture());
  }
}

module.exports = { benchAudit };

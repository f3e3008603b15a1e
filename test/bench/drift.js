"use strict";
// Item 6: `cdktf-encryption drift` over a synthesized stack of N resources against the
// emulator with a fixed latency injected on every call: wall time vs the least any bounded
// client could take, one call's latency × ceil(N / concurrency).
const { mkdtempSync, rmSync, existsSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { median, timeChild } = require("./stats");
const { ROOT, dist } = require("./paths");

const instanceId = (i) => `${String(i).padStart(32, "0")}in07`;

async function benchDrift({ cloud, resources, latencyMs, concurrency, reps }) {
  if (!existsSync(dist("lib/cli/drift-command.js"))) return { skipped: "the drift command is not built" };
  const dir = mkdtempSync(path.join(os.tmpdir(), "cdktf-bench-drift-"));
  try {
    const synth = await timeChild(process.execPath, [path.join(__dirname, "children/drift-stack.js"), dir, String(resources)], { cwd: ROOT });
    if (synth.code !== 0) throw new Error(`drift stack synth failed: ${synth.stderr.trim()}`);
    const { defaultFixture } = require(dist("lib/emulator/fixture"));
    const fixture = defaultFixture();
    const template = fixture.taurusdb.instances[1]; // ledger-db: encrypted backup on
    fixture.taurusdb.instances = Array.from({ length: resources }, (_, i) => ({ ...template, instance_id: instanceId(i), name: `bench-${i}` }));
    const env = { ...process.env, ...cloud.env };
    const args = [dist("bin/cdktf-encryption.js"), "drift", "--stack", path.join(dir, "stacks", "estate"), "--format", "json", "--concurrency", String(concurrency)];
    const run = async (latency) => {
      cloud.emulator.reset(fixture);
      if (latency) cloud.emulator.faults.add({ operation: "*", latency_ms: latency, count: resources * 10 });
      const r = await timeChild(process.execPath, args, { env, cwd: ROOT });
      if (r.code !== 0) throw new Error(`drift exited ${r.code}: ${r.stderr.trim() || r.stdout.slice(0, 300)}`);
      const calls = cloud.emulator.calls.list().length;
      return { ms: r.ms, calls };
    };
    await run(0); // warm-up
    const withLatency = [];
    const without = [];
    for (let i = 0; i < reps; i++) {
      withLatency.push(await run(latencyMs));
      without.push(await run(0));
    }
    const floorMs = latencyMs * Math.ceil(resources / concurrency);
    return {
      resources,
      latencyMs,
      concurrency,
      reps,
      callsPerRun: withLatency[0].calls,
      wallMs: median(withLatency.map((r) => r.ms)),
      wallWithoutLatencyMs: median(without.map((r) => r.ms)),
      floorMs,
    };
  } finally {
    cloud.emulator.reset(require(dist("lib/emulator/fixture")).defaultFixture());
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { benchDrift };

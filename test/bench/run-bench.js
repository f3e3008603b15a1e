"use strict";
// `npm run bench`: the performance figures of issue 7, each beside a baseline measured in the
// same run and the ratio, medians over repeated runs. Prints a Markdown table and writes
// test/bench/results.json. Not part of `npm test`. Needs `npm run build` first (the npm
// script does it). BENCH_REPS scales the repetitions (default 1 = the full bench).
const { writeFileSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { dist } = require("./paths");
const { round, nowMs } = require("./stats");
const { benchStartup } = require("./startup");
const { benchApiCalls, benchOverhead, providerOverhead } = require("./convergence");
const { benchThroughput } = require("./throughput");
const { benchSynth } = require("./synth");
const { benchDrift } = require("./drift");
const { benchAudit } = require("./audit");

const scale = Number(process.env.BENCH_REPS ?? 1);
const reps = (n) => Math.max(1, Math.round(n * scale));

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

async function main() {
  const started = nowMs();
  const { Emulator } = require(dist("lib/emulator/emulator-server"));
  const emulator = new Emulator();
  const url = await emulator.start();
  const cloud = { emulator, url, env: emulator.environment() };
  const results = {
    machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverageAtStart: os.loadavg() },
    startedAt: new Date().toISOString(),
  };
  const rows = [];
  const row = (item, measure, ours, baseline, ratio, target, met) => rows.push({ item, measure, ours, baseline, ratio: round(ratio), target, met });
  try {
    log("1/7 hook start-up");
    const s = await benchStartup({ cloud, reps: reps(30) });
    results.startup = s;
    const m = s.medianMs;
    row("1 start-up", "no-op hook run (1 signed GET), ms", round(m.hook), `node:http GET ${round(m.floor)}`, m.hook / m.floor, "≤ 2.0×", m.hook / m.floor <= 2.0);
    row("1 start-up", "no-op hook run vs official SDK script, ms", round(m.hook), `@alicloud/cs20151215 ${round(m.sdk)}`, m.hook / m.sdk, "≤ 0.6×", m.hook / m.sdk <= 0.6);
    row("1 start-up", "(reference) undici-only GET; `node -e 0`, ms", round(m.undiciOnly), `floor ${round(m.floor)}; node ${round(m.nodeNoop)}`, m.undiciOnly / m.floor, "—", null);

    log("2/7 API calls");
    const calls = await benchApiCalls({ cloud });
    results.apiCalls = calls;
    for (const c of calls) {
      row("2 API calls", `${c.kind} no-op`, c.noopCalls, "physical minimum 1", c.noopCalls / 1, "1", c.noopCalls === 1);
      const provider = providerModel(c.kind, c.full.emulatedSeconds);
      row("2 API calls", `${c.kind} full: ${c.full.what}`, `${c.full.total} calls (${c.full.writes} write), ${round(c.full.emulatedSeconds)} s`, provider.text, provider.seconds ? c.full.emulatedSeconds / provider.seconds : null, "time ≤ provider's", provider.seconds ? c.full.emulatedSeconds <= provider.seconds : null);
    }

    log("3/7 convergence overhead");
    const durations = [
      { seconds: 5, rate: 1 },
      { seconds: 60, rate: 10 },
      { seconds: 600, rate: 60 },
    ];
    const overhead = await benchOverhead({ cloud, durations, reps: reps(3) });
    results.convergenceOverhead = overhead;
    for (const o of overhead) {
      const values = o.runs.map((r) => r.overheadSeconds);
      const worst = Math.max(...values);
      const med = require("./stats").median(values);
      const limit = Math.min(0.05 * o.jobSeconds, 3);
      const p = providerOverhead(o.jobSeconds, 10, 10);
      row(
        "3 overhead",
        `DWS conversion, job ${o.jobSeconds} s (clock ×${o.clockRate}): s after the job (median / worst), polls`,
        `${round(med)} / ${round(worst)} s, ${o.runs[0].polls} polls`,
        `provider waits (10 s delay, 10 s polls): ${round(p.expected)} s expected, up to ${round(p.worst)} s`,
        p.expected ? med / p.expected : null,
        `≤ ${round(limit)} s (5 %, ≤ 3 s)`,
        worst <= limit,
      );
    }

    log("4/7 client throughput");
    const t = await benchThroughput({ requests: 1500, concurrency: 16, reps: reps(3) });
    results.throughput = t;
    for (const [cloudName, sdkName] of [
      ["ack", "@alicloud/cs20151215"],
      ["huawei", "huaweicloud-sdk-core HcClient"],
    ]) {
      const ours = t.summary[`ours-${cloudName}`];
      const sdk = t.summary[`sdk-${cloudName}`];
      const op = cloudName === "ack" ? "ACK DescribeClusterDetail" : "TaurusDB ShowBackupEncryptStatus";
      row("4 throughput", `${op}, ${t.concurrency} in flight: requests/s`, round(ours.rps), `${sdkName} ${round(sdk.rps)}`, ours.rps / sdk.rps, "≥ 2×", ours.rps / sdk.rps >= 2);
      row(
        "4 throughput",
        `${op}: client CPU ms/request (emulator's CPU ms/request)`,
        `${round(ours.cpuMsPerRequest)} (${round(ours.serverCpuMsPerRequest)})`,
        `${round(sdk.cpuMsPerRequest)} (${round(sdk.serverCpuMsPerRequest)})`,
        sdk.cpuMsPerRequest / ours.cpuMsPerRequest,
        "(SDK ÷ ours)",
        null,
      );
    }

    log("5/7 synth scaling");
    const synth = await benchSynth({ sizes: [10, 100, 1000], reps: reps(3) });
    results.synth = synth;
    for (const r of synth) {
      row("5 synth", `${r.n} constructs: synth ms`, round(r.constructs.synthMs), `bare null_resource ${round(r.bare.synthMs)}; same body by hand ${round(r["same-body"].synthMs)}`, r.constructs.synthMs / r.bare.synthMs, "≤ 1.25×", r.constructs.synthMs / r.bare.synthMs <= 1.25);
      row("5 synth", `${r.n} constructs: peak RSS MB`, round(r.constructs.maxRssMb), `bare ${round(r.bare.maxRssMb)}; same body ${round(r["same-body"].maxRssMb)}`, r.constructs.maxRssMb / r.bare.maxRssMb, "≤ 1.25×", r.constructs.maxRssMb / r.bare.maxRssMb <= 1.25);
    }
    const [small, , large] = synth;
    const perConstruct = (r) => (r.constructs.synthMs - small.constructs.synthMs) / (r.n - small.n);
    results.synthLinearity = { msPerConstruct100to1000: (large.constructs.synthMs - synth[1].constructs.synthMs) / 900, msPerConstruct10to100: perConstruct(synth[1]) };
    row("5 synth", "linearity: ms per construct, 10→100 vs 100→1000", round(results.synthLinearity.msPerConstruct100to1000), `${round(results.synthLinearity.msPerConstruct10to100)}`, results.synthLinearity.msPerConstruct100to1000 / results.synthLinearity.msPerConstruct10to100, "linear (≈ 1×, ≤ 1.25×)", results.synthLinearity.msPerConstruct100to1000 / results.synthLinearity.msPerConstruct10to100 <= 1.25);

    log("6/7 drift at scale");
    const d = await benchDrift({ cloud, resources: 500, latencyMs: 50, concurrency: 8, reps: reps(3) });
    results.drift = d;
    if (d.skipped) row("6 drift", "drift over 500 resources", "skipped", d.skipped, null, "≤ 1.2×", null);
    else row("6 drift", `drift, ${d.resources} resources, ${d.latencyMs} ms per call, concurrency ${d.concurrency}: ms`, round(d.wallMs), `${d.latencyMs} × ceil(${d.resources}/${d.concurrency}) = ${d.floorMs} (no latency: ${round(d.wallWithoutLatencyMs)})`, d.wallMs / d.floorMs, "≤ 1.2×", d.wallMs / d.floorMs <= 1.2);

    log("7/7 audit at scale");
    const a = await benchAudit({ cloud, latencyMs: 50, concurrency: 16, reps: reps(3) });
    results.audit = a;
    if (a.skipped) row("7 audit", "audit over 2,000 resources", "skipped", a.skipped, null, "≤ 1.2×", null);
    else row("7 audit", `audit, ${a.resources} resources in ${a.regions} regions (${a.callsPerRun} calls), ${a.latencyMs} ms per call, concurrency ${a.concurrency}: ms`, round(a.wallMs), `${a.latencyMs} × ceil(${a.callsPerRun}/${a.concurrency}) = ${a.floorMs} (no latency: ${round(a.wallWithoutLatencyMs)})`, a.wallMs / a.floorMs, "≤ 1.2×", a.wallMs / a.floorMs <= 1.2);
  } finally {
    await emulator.stop();
  }
  results.rows = rows;
  results.totalSeconds = (nowMs() - started) / 1000;
  results.loadAverageAtEnd = os.loadavg();
  const table = [
    "| item | measure | ours | baseline (same run) | ratio | target | met |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.item} | ${r.measure} | ${r.ours} | ${r.baseline} | ${r.ratio ?? "—"} | ${r.target} | ${r.met === null ? "—" : r.met ? "yes" : "**no**"} |`),
  ].join("\n");
  writeFileSync(path.join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${table}\n\nNode ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}; ${round(results.totalSeconds)} s; details in test/bench/results.json\n`);
}

/**
 * What the Terraform providers do for the same change (reference/cloud-apis.md §6), in
 * seconds until they would report done, when they can do it at all.
 */
function providerModel(kind, oursSeconds) {
  switch (kind) {
    case "ack.secret-encryption":
      // Fixed 60 s delay, then polls every ≥ 3 s until running: done at 60 s + first poll.
      return { text: `alicloud: fixed 60 s delay then polls ≥ 3 s: ≥ ${Math.max(60, Math.ceil(oursSeconds))} s`, seconds: Math.max(60, oursSeconds) };
    case "dws.cluster-encryption":
      return { text: "huaweicloud: impossible (kms_key_id is ForceNew: destroys the cluster)", seconds: null };
    case "dws.key-rotation":
      return { text: "huaweicloud: impossible (no rotation)", seconds: null };
    default:
      return { text: "huaweicloud: attribute update, no wait, no verify (≈ same calls)", seconds: null };
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

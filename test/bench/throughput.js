"use strict";
// Item 4: signed requests per second, ours vs the official SDKs, same requests and concurrency,
// each client in its own process against an emulator in another process. Runs interleave.
const path = require("node:path");
const { spawn } = require("node:child_process");
const { readFileSync } = require("node:fs");
const { median, timeChild } = require("./stats");
const { ROOT, dist } = require("./paths");

/** The emulator as a separate process on a free port; resolves with its URL, environment and a stop function. */
function startEmulatorProcess() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [dist("bin/cdktf-encryption.js"), "emulator", "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.on("error", reject);
    child.stdout.on("data", (d) => {
      out += d;
      if (!out.includes("ALIBABA_CLOUD_REGION=")) return;
      const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
      resolve({
        pid: child.pid,
        url: env.CDKTF_ENCRYPTION_CONNECT_TO,
        env,
        stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once("exit", done), child.kill("SIGTERM")))),
      });
    });
  });
}

/** User + system CPU of a process so far, from /proc (Linux); NaN elsewhere. */
function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

async function benchThroughput({ requests, concurrency, reps }) {
  const emulator = await startEmulatorProcess();
  try {
    const clients = ["ours-ack", "sdk-ack", "ours-huawei", "sdk-huawei"];
    const runs = Object.fromEntries(clients.map((c) => [c, []]));
    const env = { ...process.env, ...emulator.env };
    for (let i = 0; i < reps; i++) {
      for (const client of clients) {
        const cpuBefore = processCpuMs(emulator.pid);
        const run = await timeChild(process.execPath, [path.join(__dirname, "children/throughput.js"), client, emulator.url, String(requests), String(concurrency)], { env, cwd: ROOT });
        if (run.code !== 0) throw new Error(`throughput client ${client} failed: ${run.stderr.trim()}`);
        const result = JSON.parse(run.stdout);
        // The emulator's CPU per request, warm-up included: when it nears 1000 / rps, the
        // server (one core) is what limits the rate, not the client.
        result.serverCpuMsPerRequest = (processCpuMs(emulator.pid) - cpuBefore) / (requests + Math.min(200, requests));
        runs[client].push(result);
      }
    }
    const summary = {};
    for (const client of clients) {
      const m = (key) => median(runs[client].map((r) => r[key]));
      summary[client] = { rps: m("rps"), cpuMsPerRequest: m("cpuMsPerRequest"), serverCpuMsPerRequest: m("serverCpuMsPerRequest") };
    }
    return { requests, concurrency, reps, summary, runs };
  } finally {
    await emulator.stop();
  }
}

module.exports = { benchThroughput, startEmulatorProcess };

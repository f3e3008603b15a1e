"use strict";
// Item 5: synth time and peak memory of N constructs vs N bare null_resources with one
// provisioner, each size and variant in a fresh process; also the construct's very resource
// written by hand ("same-body"), which separates the library's cost from the cost of what it
// must render.
const path = require("node:path");
const { median, timeChild } = require("./stats");
const { ROOT } = require("./paths");

async function benchSynth({ sizes, reps }) {
  const variants = ["constructs", "bare", "same-body"];
  const rows = [];
  for (const n of sizes) {
    const runs = Object.fromEntries(variants.map((v) => [v, []]));
    for (let i = 0; i < reps; i++) {
      for (const v of variants) {
        const r = await timeChild(process.execPath, [path.join(__dirname, "children/synth.js"), v, String(n)], { cwd: ROOT });
        if (r.code !== 0) throw new Error(`synth ${v} ${n} failed: ${r.stderr.trim()}`);
        runs[v].push(JSON.parse(r.stdout));
      }
    }
    const row = { n };
    for (const v of variants) {
      row[v] = {
        synthMs: median(runs[v].map((r) => r.synthMs)),
        processMs: median(runs[v].map((r) => r.processMs)),
        maxRssMb: median(runs[v].map((r) => r.maxRssMb)),
      };
    }
    rows.push(row);
  }
  return rows;
}

module.exports = { benchSynth };

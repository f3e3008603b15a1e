"use strict";
// Small helpers shared by the bench sections: timing, medians, child processes.
const { spawn } = require("node:child_process");

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Runs a command to completion without blocking this process's event loop (the in-process
 * emulator must keep answering); resolves with its wall time, exit code and output.
 */
function timeChild(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = nowMs();
    const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ ms: nowMs() - started, code, stdout, stderr }));
  });
}

/** Rounds for tables: 3 significant digits at most, never exponent notation. */
function round(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) return value;
  if (value === 0) return 0;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return Number(value.toFixed(Math.min(decimals, 4)));
}

module.exports = { median, nowMs, timeChild, round };

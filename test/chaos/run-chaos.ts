// The full fault campaign (`npm run chaos`): every scenario of every kind, seeded fault
// schedules in three modes, crash runs under real terraform, and parallel applies of 48
// resources 10 at a time through a gateway limit of 5 and 2 requests/s, and hook processes through
// hostile proxies (--hostile-proxy=N runs); prints a table and ends with
// `chaos: runs=N faults=F converged=C failed_clearly=X violations=V`. Exit 1 on a violation.
import { Emulator } from "../../lib/emulator/emulator-server";
import { report, runCampaign, summaryLine } from "./campaign";
import { SCENARIOS } from "./scenarios";

function numberArg(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.split("=")[1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

async function main(): Promise<number> {
  const seed = numberArg("seed", 20250514);
  const only = process.argv.find((a) => a.startsWith("--only="))?.split("=")[1];
  const scenarios = SCENARIOS.filter((s) => !only || s.name.includes(only) || s.kind.includes(only));
  const runs = {
    "in-process": numberArg("in-process", 100),
    "hook-process": numberArg("hook-process", 6),
    terraform: numberArg("terraform", 3),
  };
  const crashes = numberArg("crashes", 8);
  const concurrent = numberArg("concurrent", 6);
  const started = Date.now();
  process.stderr.write(`chaos: seed ${seed}, ${scenarios.length} scenarios, per scenario ${runs["in-process"]} in-process + ${runs["hook-process"]} hook-process + ${runs.terraform} terraform fault runs, ${crashes} crash runs and ${concurrent} runs of two deploys at once\n`);
  const emulator = new Emulator();
  await emulator.start();
  try {
    const records = await runCampaign(emulator, {
      seed,
      scenarios,
      runs,
      crashes,
      blockingFiles: numberArg("blocking-files", 12),
      concurrent,
      parallelLimits: only ? [] : [5, 2],
      hostileProxyRuns: numberArg("hostile-proxy", only ? 0 : 8),
      onRun: (record, index) => {
        if (record.outcome === "violation") process.stderr.write(`  run ${index + 1}: VIOLATION ${record.scenario} (${record.mode}): ${record.problems.join("; ")}\n`);
        else if ((index + 1) % 50 === 0) process.stderr.write(`  ${index + 1} runs, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      },
    });
    process.stdout.write(`${report(records).replace(/\n[^\n]*$/, "")}\n`);
    process.stdout.write(`elapsed ${((Date.now() - started) / 1000).toFixed(0)} s, seed ${seed}\n`);
    process.stdout.write(`${summaryLine(records)}\n`);
    return records.some((r) => r.outcome === "violation") ? 1 : 0;
  } finally {
    await emulator.stop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`chaos: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);

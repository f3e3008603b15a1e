// The concurrency family of the fault campaign: two deploys of the same declaration (two apps,
// two pipelines) run at once against one resource, sometimes with a barrier that holds the
// first change until both have observed (both decide from the same reading), sometimes with
// one of the scenario's faults on top. Invariant: both converge or fail with one clear line,
// no change is carried out more often than declared, and a clean deploy after them converges.
import { Emulator } from "../../lib/emulator/emulator-server";
import { Duration } from "../../lib/contract/duration";
import { Fault, Scenario, specOf } from "./scenarios";
import { Outcome, RunRecord, clearFailure, countRepeats, idle, outputProblems, runInProcess, startScenario } from "./campaign";
import { Random } from "./random";

/** What each kind reads once per deploy before its change: the barrier counts these. */
const OBSERVATION: Record<string, string> = {
  "taurusdb.backup-encryption": "ShowBackupEncryptStatus",
  "dws.cluster-encryption": "ShowClusterDetail",
  "dws.key-rotation": "ShowClusterEncryptInfo",
  "ack.secret-encryption": "DescribeClusterDetail",
};

/** Real milliseconds a barrier holds a change at most, should the other deploy never observe. */
const BARRIER_LIMIT_MS = 10_000;

export async function concurrentRun(emulator: Emulator, scenario: Scenario, random: Random): Promise<RunRecord> {
  const started = Date.now();
  const since = startScenario(emulator, scenario, false);
  const faults: Fault[] = [];
  const change = Object.keys(scenario.intended(emulator))[0];
  const observation = OBSERVATION[scenario.kind];
  if (observation && random.chance(0.6)) {
    faults.push({
      family: "concurrent-deploys",
      label: `two deploys, ${change} held until both read ${observation}`,
      rule: { operation: change, hold_until: { operation: observation, calls: 2 }, latency_ms: BARRIER_LIMIT_MS, count: 1 },
    });
  } else {
    faults.push({ family: "concurrent-deploys", label: "two deploys at once" });
  }
  if (random.chance(0.5)) faults.push(scenario.fault(random, 500));
  for (const fault of faults) {
    if (fault.rule) emulator.faults.add(fault.rule);
    fault.apply?.(emulator);
  }
  const spec = specOf(scenario);
  const timeoutMs = Duration.parse(spec.timeout).toMilliseconds();
  const problems: string[] = [];
  const results = await Promise.all([runInProcess(emulator, spec), runInProcess(emulator, spec)]);
  let outcome: Outcome = "converged";
  let failure: string | undefined;
  for (const [i, result] of results.entries()) {
    problems.push(...outputProblems(result, timeoutMs).map((p) => `deploy ${i + 1}: ${p}`));
    if (result.code === 0) continue;
    const verdict = clearFailure(result.output);
    if (!verdict.clear) problems.push(`deploy ${i + 1}: unclear failure: ${verdict.why}`);
    failure ??= verdict.line;
    outcome = "failed-clearly";
  }
  if (results.every((r) => r.code === 0) && !scenario.reached(emulator, since)) problems.push("both deploys succeeded but the cloud does not read as declared");
  await idle(emulator);
  emulator.faults.clear();
  for (const fault of faults) fault.lift?.(emulator);
  const clean = await runInProcess(emulator, spec);
  if (clean.code !== 0 || !scenario.reached(emulator, since)) problems.push(`the clean deploy after them did not converge (exit ${clean.code})`);
  const repeats = countRepeats(emulator, scenario);
  if (repeats.duplicates > 0) problems.push(`duplicates: ${repeats.detail}`);
  const { duplicates, idempotentRepeats } = repeats;
  const verdict: Outcome = problems.length > 0 ? "violation" : outcome;
  return { scenario: scenario.name, kind: scenario.kind, mode: "concurrent", faults, outcome: verdict, problems, duplicates, idempotentRepeats, failure, ms: Date.now() - started };
}

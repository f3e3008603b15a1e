import { runHook } from "../../lib/cli/hook";
import { Clock } from "../../lib/runtime/clock";
import { StderrLog } from "../../lib/runtime/log";
import { Emulator } from "../../lib/emulator/emulator-server";
import { defaultFixture } from "../../lib/emulator/fixture";
import { TAURUSDB_SPEC } from "../support/spec-fixtures";

/**
 * A parallel apply through a gateway rate limit, as `terraform apply -parallelism=10` runs
 * hooks: many TaurusDB instances, ten hooks at a time, every request counted against one
 * "N requests per second" limit of the emulated gateway.
 */

/** Emulated seconds per real second: the limit holds in emulated time, the hooks sleep in it too. */
export const PARALLEL_RATE = 25;

/** The instances of the parallel world: `…feedin07`, encrypted backup off. */
export function parallelInstanceId(i: number): string {
  return `${i.toString(16).padStart(28, "0")}feedin07`;
}

/** The default world plus `count` TaurusDB instances with encrypted backup off. */
export function parallelWorld(count: number): Record<string, unknown> {
  const fixture = defaultFixture() as { taurusdb: { instances: Record<string, unknown>[] } };
  const template = fixture.taurusdb.instances[0];
  for (let i = 0; i < count; i++) {
    fixture.taurusdb.instances.push({ ...template, instance_id: parallelInstanceId(i), name: `db-${i}`, backup_encryption: "off", kms_key_id: null });
  }
  return fixture;
}

/** The emulator's clock for the hooks (it runs PARALLEL_RATE times faster than real time), with sleeps scaled alike. */
export function scaledClock(emulator: Emulator): Clock {
  return { now: () => emulator.clock.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / PARALLEL_RATE)) };
}

export interface ParallelResult {
  readonly index: number;
  readonly code: number;
  readonly output: string;
  /** Emulated time the run took. */
  readonly elapsedMs: number;
}

/**
 * Applies `count` TaurusDB Specs (timeout `timeout`) through the emulator, `parallelism` at a
 * time, with the gateway allowing `perSecond` requests per emulated second.
 */
export async function parallelApply(emulator: Emulator, options: { count: number; parallelism: number; perSecond: number; timeout: string }): Promise<ParallelResult[]> {
  emulator.reset();
  emulator.clock.setRate(PARALLEL_RATE);
  emulator.faults.add({ operation: "*", rate_limit: options.perSecond });
  const clock = scaledClock(emulator);
  const queue = Array.from({ length: options.count }, (_, i) => i);
  const results: ParallelResult[] = [];
  const worker = async () => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      const env = { ...emulator.environment(), CDKTF_ENCRYPTION_SPEC: JSON.stringify({ ...TAURUSDB_SPEC, instance_id: parallelInstanceId(index), timeout: options.timeout }) };
      const lines: string[] = [];
      const started = clock.now();
      const code = await runHook(["apply"], { env, clock, log: new StderrLog({ env, write: (l) => lines.push(l) }) });
      results.push({ index, code, output: lines.join(""), elapsedMs: clock.now() - started });
    }
  };
  try {
    await Promise.all(Array.from({ length: options.parallelism }, worker));
  } finally {
    emulator.faults.clear();
    emulator.clock.setRate(1);
  }
  return results.sort((a, b) => a.index - b.index);
}

/** How many of the parallel world's instances read encrypted backup on. */
export function parallelConverged(emulator: Emulator): number {
  const state = emulator.snapshot() as { taurusdb: { instances: { instance_id: string; backup_encryption: string }[] } };
  return state.taurusdb.instances.filter((x) => x.instance_id.endsWith("feedin07") && x.backup_encryption === "on").length;
}

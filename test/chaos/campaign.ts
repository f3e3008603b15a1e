import { ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import * as path from "node:path";
import { runHook } from "../../lib/cli/hook";
import { Clock } from "../../lib/runtime/clock";
import { StderrLog } from "../../lib/runtime/log";
import { REQUEST_TIMEOUT_ENV } from "../../lib/cloud/request-timeout";
import { Emulator } from "../../lib/emulator/emulator-server";
import { TerraformWorkspace, terraformEnv } from "../support/terraform-harness";
import { Random } from "./random";
import { Duration } from "../../lib/contract/duration";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { parallelApply, parallelConverged, parallelWorld } from "./parallel-apply";
import { concurrentRun } from "./concurrent-deploys";
import { FORGED_LINE, Fault, Scenario, specOf } from "./scenarios";
import { blockingFileCases, blockingFileRun } from "./blocking-files";
import { hostileProxyRuns } from "./hostile-proxies";

/**
 * How a run drives the hook:
 * - `in-process`: `runHook` in this process on a virtual clock that moves the emulator's
 *   clock with it (waits, backoffs and cool-downs cost no real time), over real HTTP;
 * - `hook-process`: the bundled `dist/hook/hook.js` as Terraform's provisioner runs it, on the
 *   real clock (the emulator's clock runs faster);
 * - `terraform`: a synthesized stack and the real `terraform apply`.
 */
export type RunMode = "in-process" | "hook-process" | "terraform";

export type Outcome = "converged" | "failed-clearly" | "violation";

export interface RunRecord {
  readonly scenario: string;
  readonly kind: string;
  readonly mode: RunMode | "crash" | "concurrent";
  readonly faults: readonly Fault[];
  readonly outcome: Outcome;
  /** Why the run is a violation (empty otherwise). */
  readonly problems: readonly string[];
  /** Mutating calls carried out beyond the intended changes, over the run and the clean run after it. */
  readonly duplicates: number;
  /** Repeats of calls the client marks idempotent (a declarative set), counted apart. */
  readonly idempotentRepeats: number;
  /** The failure line of a run that failed clearly. */
  readonly failure?: string;
  /** Crash runs: where the hook was killed, or why it was not. */
  readonly kill?: string;
  /** Real time the run took, ms. */
  readonly ms: number;
}

/** The bundled hook, found from the package root (this file also runs bundled, from another directory). */
export const HOOK_BUNDLE = path.join(packageRoot(__dirname), "dist", "hook", "hook.js");

function packageRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).name === "cdktf-encryption") return dir;
  }
  throw new Error(`no cdktf-encryption package above ${from}`);
}

/** Per-attempt request timeout in the runs, so "slower than the client timeout" costs under a second. */
export const CHAOS_REQUEST_TIMEOUT_MS = 500;

/**
 * Time for a hook run in this process: real time plus an offset that every sleep moves, and
 * the emulator's clock moved by the same amount, so a 5-minute cool-down passes at once.
 */
export class VirtualClock implements Clock {
  private offset = 0;

  constructor(private readonly emulator: Emulator) {}

  now(): number {
    return Date.now() + this.offset;
  }

  async sleep(ms: number): Promise<void> {
    const step = Math.max(0, ms);
    this.offset += step;
    this.emulator.clock.advance(step / 1000);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

interface HookResult {
  readonly code: number;
  readonly output: string;
  /** How long the run took: the virtual clock's time in process, real time otherwise. */
  readonly elapsedMs?: number;
}

/** Resolves once `condition` holds, polling the event loop; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The environment a hook gets: the emulator's endpoint and credentials, the short request timeout. */
export function hookEnv(emulator: Emulator, spec: Record<string, string>): Record<string, string> {
  return {
    ...emulator.environment(),
    [REQUEST_TIMEOUT_ENV]: String(CHAOS_REQUEST_TIMEOUT_MS / 1000),
    CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec),
  };
}

export async function runInProcess(emulator: Emulator, spec: Record<string, string>): Promise<HookResult> {
  const env = hookEnv(emulator, spec);
  const lines: string[] = [];
  const log = new StderrLog({ env, write: (line) => lines.push(line) });
  const clock = new VirtualClock(emulator);
  const started = clock.now();
  const code = await runHook(["apply"], { env, log, clock });
  return { code, output: lines.join(""), elapsedMs: clock.now() - started };
}

/** `extraEnv`: variables set (or, when undefined, removed) on top of the hook's environment. */
export function runHookProcess(emulator: Emulator, spec: Record<string, string>, extraEnv: Record<string, string | undefined> = {}): Promise<HookResult> {
  return new Promise((resolve, reject) => {
    const merged: Record<string, string | undefined> = { PATH: process.env.PATH ?? "", ...hookEnv(emulator, spec), ...extraEnv };
    const env = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
    const child = spawn(process.execPath, [HOOK_BUNDLE, "apply"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const started = Date.now();
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output, elapsedMs: Date.now() - started }));
  });
}

/** `terraform apply` of a workspace with the pid exposed, so a crash run can find the hook under it. */
function terraformApply(ws: TerraformWorkspace, emulator: Emulator): { child: ChildProcess; done: Promise<HookResult> } {
  const env = terraformEnv({ ...emulator.environment(), [REQUEST_TIMEOUT_ENV]: String(CHAOS_REQUEST_TIMEOUT_MS / 1000) });
  const child = spawn("terraform", ["apply", "-auto-approve", "-input=false", "-no-color"], { cwd: ws.stackDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const started = Date.now();
  const done = new Promise<HookResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, output, elapsedMs: Date.now() - started }));
  });
  return { child, done };
}

async function terraformWorkspace(scenario: Scenario, emulator: Emulator): Promise<TerraformWorkspace> {
  const ws = TerraformWorkspace.synth(scenario.declare, emulator.environment());
  const init = await ws.terraform(["init", "-input=false", "-no-color"]);
  if (init.code !== 0) throw new Error(`terraform init failed: ${init.stderr}`);
  // `terraform()` inits on first use unless told otherwise; mark it by running a cheap command.
  await ws.terraform(["version"]);
  return ws;
}

/** The hook processes (node …/hook.js) below a process, found through /proc. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}

export function hookProcessesUnder(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  const commands = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const pid = Number(entry);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      commands.set(pid, readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" "));
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    for (const child of children.get(pid) ?? []) {
      if (/\bnode\b.*hook\.js\b/.test(commands.get(child) ?? "")) found.push(child);
      stack.push(child);
    }
  }
  return found;
}

/** The last line a hook printed that reads as its failure. */
export function failureLine(output: string): string | undefined {
  const lines = output.split("\n").map((l) => l.replace(/^.*\(local-exec\):\s?/, "").trim());
  return lines.filter((l) => /^error: /.test(l)).at(-1);
}

/** A failure is clear when it is one `error: …` line, with no stack trace and no internal error. */
export function clearFailure(output: string): { clear: boolean; line?: string; why?: string } {
  const line = failureLine(output);
  if (/internal error/.test(output)) return { clear: false, line, why: `an internal error: ${output.split("\n").find((l) => /internal error/.test(l))}` };
  if (/^\s+at \S+ \(?\S+:\d+:\d+\)?$/m.test(output)) return { clear: false, line, why: "a stack trace was printed" };
  if (!line) return { clear: false, why: `no "error: " line; output ends ${JSON.stringify(output.trim().split("\n").slice(-3).join(" | "))}` };
  return { clear: true, line };
}

/** How long past its construct's timeout a run may go: the last attempt and the final line. */
export const OVERRUN_ALLOWED_MS = 30_000;

/** Every credential value the runs sign with: none may appear in any output. */
const CANARIES = [
  EMULATOR_CREDENTIALS.huawei.accessKey,
  EMULATOR_CREDENTIALS.huawei.secretKey,
  EMULATOR_CREDENTIALS.alibaba.accessKeyId,
  EMULATOR_CREDENTIALS.alibaba.accessKeySecret,
];

/**
 * What a run's output must never hold, whatever the answers: a leaked credential, a raw
 * terminal escape, a line forged by a service's answer; and a run must end within its
 * timeout and OVERRUN_ALLOWED_MS.
 */
export function outputProblems(result: HookResult, timeoutMs: number): string[] {
  const problems: string[] = [];
  for (const canary of CANARIES) if (result.output.includes(canary)) problems.push(`a credential leaked: ${canary.slice(0, 4)}…`);
  if (result.output.includes("\u001b")) problems.push("a raw terminal escape was printed");
  if (/[\r\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/.test(result.output)) problems.push("a raw carriage return, line separator or bidirectional control was printed");
  if (result.output.split(/[\r\n]/).some((line) => line.replace(/^.*\(local-exec\):\s?/, "").startsWith(FORGED_LINE))) problems.push("a service's answer printed a line of its own");
  if (result.elapsedMs !== undefined && result.elapsedMs > timeoutMs + OVERRUN_ALLOWED_MS) {
    problems.push(`the run took ${(result.elapsedMs / 1000).toFixed(0)} s, past its ${(timeoutMs / 1000).toFixed(0)} s timeout by more than ${OVERRUN_ALLOWED_MS / 1000} s`);
  }
  return problems;
}

/** Mutating calls carried out beyond the intended changes, split into duplicates and idempotent repeats. */
export function countRepeats(emulator: Emulator, scenario: Scenario): { duplicates: number; idempotentRepeats: number; detail: string } {
  const performed = new Map<string, number>();
  for (const call of emulator.calls.list()) {
    if (call.performed) performed.set(call.operation, (performed.get(call.operation) ?? 0) + 1);
  }
  let duplicates = 0;
  let idempotentRepeats = 0;
  const detail: string[] = [];
  const intended = scenario.intended(emulator);
  for (const [operation, count] of performed) {
    const extra = Math.max(0, count - (intended[operation] ?? 0));
    if (extra === 0) continue;
    detail.push(`${operation} carried out ${count}×`);
    if (scenario.idempotent.includes(operation)) idempotentRepeats += extra;
    else duplicates += extra;
  }
  return { duplicates, idempotentRepeats, detail: detail.join(", ") };
}

export function startScenario(emulator: Emulator, scenario: Scenario, realClock: boolean): number {
  emulator.reset();
  emulator.clock.setRate(realClock ? scenario.realTimeRate : 1);
  scenario.prepare?.(emulator);
  return emulator.clock.now();
}

export async function idle(emulator: Emulator): Promise<void> {
  await until(() => emulator.inFlight === 0, 30_000, "the emulator to answer every request");
}

/**
 * One run of the fault campaign: faults drawn for the scenario, a deploy, then the faults
 * lifted and a clean deploy. Invariant: the first deploy converges or fails with one clear
 * line; no mutating call is carried out more often than intended over both; the clean
 * deploy converges.
 */
export async function faultRun(emulator: Emulator, scenario: Scenario, mode: RunMode, random: Random): Promise<RunRecord> {
  const started = Date.now();
  const since = startScenario(emulator, scenario, mode !== "in-process");
  const faults: Fault[] = [];
  for (let i = random.int(1, 3); i > 0; i--) faults.push(scenario.fault(random, CHAOS_REQUEST_TIMEOUT_MS));
  for (const fault of faults) {
    if (fault.rule) emulator.faults.add(fault.rule);
    fault.apply?.(emulator);
  }
  const spec = specOf(scenario);
  const problems: string[] = [];
  let ws: TerraformWorkspace | undefined;
  const deploy = async (): Promise<HookResult> => {
    if (mode === "in-process") return runInProcess(emulator, spec);
    if (mode === "hook-process") return runHookProcess(emulator, spec);
    ws ??= await terraformWorkspace(scenario, emulator);
    return terraformApply(ws, emulator).done;
  };
  try {
    const first = await deploy();
    problems.push(...outputProblems(first, Duration.parse(spec.timeout).toMilliseconds()));
    const { outcome, failure } = judgeDeploy(first, emulator, scenario, since, problems);
    await idle(emulator);
    emulator.faults.clear();
    for (const fault of faults) fault.lift?.(emulator);
    const repeats = judgeCleanDeploy(await deploy(), emulator, scenario, since, problems);
    return faultRecord(scenario, mode, faults, { outcome, failure }, problems, repeats, started);
  } finally {
    if (ws) rmSync(ws.outdir, { recursive: true, force: true });
  }
}

/** The outcome of a deploy under faults: converged, failed in one clear line, or a violation (added to `problems`). */
export function judgeDeploy(first: HookResult, emulator: Emulator, scenario: Scenario, since: number, problems: string[]): { outcome: Outcome; failure?: string } {
  if (first.code === 0) {
    const reached = scenario.reached(emulator, since);
    if (!reached) problems.push("the deploy succeeded but the cloud does not read as declared");
    return { outcome: reached ? "converged" : "violation" };
  }
  const verdict = clearFailure(first.output);
  if (!verdict.clear) problems.push(`unclear failure: ${verdict.why}`);
  return { outcome: verdict.clear ? "failed-clearly" : "violation", failure: verdict.line };
}

/** The clean deploy after the faults must converge, and nothing may have been changed twice over both. */
export function judgeCleanDeploy(clean: HookResult, emulator: Emulator, scenario: Scenario, since: number, problems: string[]): ReturnType<typeof countRepeats> {
  if (clean.code !== 0 || !scenario.reached(emulator, since)) {
    problems.push(`the clean deploy after it did not converge (exit ${clean.code}): ${failureLine(clean.output) ?? clean.output.trim().split("\n").at(-1)}`);
  }
  const repeats = countRepeats(emulator, scenario);
  if (repeats.duplicates > 0) problems.push(`duplicates: ${repeats.detail}`);
  return repeats;
}

/** The record of a fault run: a violation whenever a problem was found. */
export function faultRecord(
  scenario: Scenario,
  mode: RunMode,
  faults: readonly Fault[],
  verdict: { outcome: Outcome; failure?: string },
  problems: string[],
  repeats: { duplicates: number; idempotentRepeats: number },
  started: number,
): RunRecord {
  return {
    scenario: scenario.name,
    kind: scenario.kind,
    mode,
    faults,
    outcome: problems.length > 0 ? "violation" : verdict.outcome,
    problems,
    duplicates: repeats.duplicates,
    idempotentRepeats: repeats.idempotentRepeats,
    failure: verdict.failure,
    ms: Date.now() - started,
  };
}

/** Mutating and reading operations a scenario's hook calls, for choosing where to kill it. */
const KILL_OPERATIONS: Record<string, readonly string[]> = {
  "taurusdb.backup-encryption": ["ShowBackupEncryptStatus", "ShowInstanceDetail", "SetBackupEncryption"],
  "dws.cluster-encryption": ["ShowClusterEncryptInfo", "ShowClusterDetail", "EncryptCluster", "ShowJob"],
  "dws.key-rotation": ["ShowClusterEncryptInfo", "RotateClusterKey"],
  "ack.secret-encryption": ["DescribeClusterDetail", "UpdateKMSEncryption"],
};

/**
 * One crash run: `terraform apply`, the hook SIGKILLed at a random point (while a chosen
 * request is held open by the emulator, or right after the Nth call), then `terraform apply`
 * again once the cloud has answered the killed request. Invariant: the second apply
 * converges and no mutating call is carried out more often than intended.
 */
export async function crashRun(emulator: Emulator, scenario: Scenario, random: Random): Promise<RunRecord> {
  const started = Date.now();
  const since = startScenario(emulator, scenario, true);
  const ws = await terraformWorkspace(scenario, emulator);
  const problems: string[] = [];
  try {
    const operations = KILL_OPERATIONS[scenario.kind] ?? [];
    const midRequest = random.chance(0.6) && operations.length > 0;
    const operation = random.pick(operations);
    const nth = random.int(1, 4);
    if (midRequest) emulator.faults.add({ operation, latency_ms: 1500, count: 1 });
    const apply = terraformApply(ws, emulator);
    let exited = false;
    void apply.done.then(() => (exited = true));
    const point = midRequest ? `during ${operation}` : `after call ${nth}`;
    let kill = `not killed: the apply ended before ${point}`;
    const reached = () => exited || (midRequest ? emulator.faults.list().length === 0 : emulator.calls.list().length >= nth);
    await until(reached, 120_000, `the kill point (${point})`);
    if (!exited) {
      let pids: number[] = [];
      // The hook may be between being forked and exec'ing node: look until it shows or the apply ends.
      await until(() => exited || (pids = hookProcessesUnder(apply.child.pid!)).length > 0, 30_000, "the hook process");
      let killed = 0;
      for (const pid of pids) {
        // A hook that has just exited (a zombie until terraform reaps it) still accepts the
        // signal, which then kills nothing.
        if (isZombie(pid)) continue;
        try {
          process.kill(pid, "SIGKILL");
          killed++;
        } catch {
          // it ended on its own between being found and being killed
        }
      }
      if (killed > 0) kill = `killed ${point}`;
    }
    const first = await apply.done;
    await idle(emulator);
    emulator.faults.clear();
    if (kill.startsWith("killed") && first.code === 0) {
      // The hook can still exit on its own between the last look and the signal. Success is
      // then honest only if the declared state was reached.
      if (scenario.reached(emulator, since)) kill = `not killed: the hook ended just before ${point}`;
      else problems.push("terraform reported success although the hook was killed and the declared state was not reached");
    }
    const second = await terraformApply(ws, emulator).done;
    if (second.code !== 0 || !scenario.reached(emulator, since)) {
      problems.push(`the apply after the crash did not converge (exit ${second.code}): ${failureLine(second.output) ?? second.output.trim().split("\n").slice(-3).join(" | ")}`);
    }
    const repeats = countRepeats(emulator, scenario);
    if (repeats.duplicates > 0) problems.push(`duplicates: ${repeats.detail}`);
    return {
      scenario: scenario.name,
      kind: scenario.kind,
      mode: "crash",
      faults: [],
      outcome: problems.length > 0 ? "violation" : "converged",
      problems,
      duplicates: repeats.duplicates,
      idempotentRepeats: repeats.idempotentRepeats,
      kill,
      ms: Date.now() - started,
    };
  } finally {
    rmSync(ws.outdir, { recursive: true, force: true });
  }
}

export interface CampaignPlan {
  readonly seed: number;
  readonly scenarios: readonly Scenario[];
  /** Fault runs per scenario, by mode. */
  readonly runs: Readonly<Record<RunMode, number>>;
  /** Crash runs per scenario (real terraform). */
  readonly crashes: number;
  /** Blocking-credentials-file runs per scenario that has a configured file to block (hook process). @default 0 */
  readonly blockingFiles?: number;
  /** Runs per scenario of two deploys at once (test/chaos/concurrent-deploys.ts). @default 0 */
  readonly concurrent?: number;
  /** Gateway limits (requests/s) for parallel throttled applies, one run each. @default none */
  readonly parallelLimits?: readonly number[];
  /** Runs of the `hostile-proxy` family (test/chaos/hostile-proxies.ts). @default 0 */
  readonly hostileProxyRuns?: number;
  readonly onRun?: (record: RunRecord, index: number) => void;
}

/** Resources in a parallel throttled apply, and hooks at a time. */
export const PARALLEL_RESOURCES = 48;
export const PARALLELISM = 10;

/**
 * One parallel apply of PARALLEL_RESOURCES TaurusDB resources, PARALLELISM at a time, through
 * a gateway allowing `perSecond` requests per second, then a clean apply. Invariant: every
 * resource converges or fails with one clear line within its timeout, the clean apply
 * converges, nothing is changed twice.
 */
export async function parallelThrottleRun(perSecond: number): Promise<RunRecord> {
  const started = Date.now();
  const emulator = new Emulator({ fixture: parallelWorld(PARALLEL_RESOURCES) });
  await emulator.start();
  const timeout = "60m";
  const problems: string[] = [];
  try {
    const results = await parallelApply(emulator, { count: PARALLEL_RESOURCES, parallelism: PARALLELISM, perSecond, timeout });
    const failures: string[] = [];
    for (const result of results) {
      problems.push(...outputProblems(result, Duration.parse(timeout).toMilliseconds()).map((p) => `resource ${result.index}: ${p}`));
      if (result.code === 0) continue;
      const verdict = clearFailure(result.output);
      if (verdict.clear) failures.push(verdict.line!);
      else problems.push(`resource ${result.index}: unclear failure: ${verdict.why}`);
    }
    const converged = parallelConverged(emulator);
    if (failures.length === 0 && converged !== PARALLEL_RESOURCES) problems.push(`every hook succeeded but only ${converged} of ${PARALLEL_RESOURCES} resources read as declared`);
    const changed = emulator.calls.list().filter((c) => c.performed && c.operation === "SetBackupEncryption").length;
    if (changed > PARALLEL_RESOURCES) problems.push(`duplicates: SetBackupEncryption carried out ${changed}× for ${PARALLEL_RESOURCES} resources`);
    return {
      scenario: `taurusdb ×${PARALLEL_RESOURCES} parallel ${PARALLELISM}`,
      kind: "taurusdb.backup-encryption",
      mode: "in-process",
      faults: [{ family: "rate-limit-parallel", label: `gateway limit ${perSecond} requests/s` }],
      outcome: problems.length > 0 ? "violation" : failures.length > 0 ? "failed-clearly" : "converged",
      problems,
      duplicates: Math.max(0, changed - PARALLEL_RESOURCES),
      idempotentRepeats: 0,
      failure: failures[0],
      ms: Date.now() - started,
    };
  } finally {
    await emulator.stop();
  }
}

/** Runs the whole campaign against one emulator; every draw comes from the seed. */
export async function runCampaign(emulator: Emulator, plan: CampaignPlan): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  let index = 0;
  for (const scenario of plan.scenarios) {
    const modes: RunMode[] = ["in-process", "hook-process", "terraform"];
    for (const mode of modes) {
      for (let i = 0; i < plan.runs[mode]; i++) {
        const random = new Random(hash(plan.seed, scenario.name, mode, i));
        const record = await faultRun(emulator, scenario, mode, random);
        records.push(record);
        plan.onRun?.(record, index++);
      }
    }
    for (let i = 0; i < plan.crashes; i++) {
      const record = await crashRun(emulator, scenario, new Random(hash(plan.seed, scenario.name, "crash", i)));
      records.push(record);
      plan.onRun?.(record, index++);
    }
    for (let i = 0; i < (blockingFileCases(scenario).length ? plan.blockingFiles ?? 0 : 0); i++) {
      const record = await blockingFileRun(emulator, scenario, i, new Random(hash(plan.seed, scenario.name, "blocking-file", i)));
      records.push(record);
      plan.onRun?.(record, index++);
    }
    for (let i = 0; i < (plan.concurrent ?? 0); i++) {
      const record = await concurrentRun(emulator, scenario, new Random(hash(plan.seed, scenario.name, "concurrent", i)));
      records.push(record);
      plan.onRun?.(record, index++);
    }
  }
  for (const perSecond of plan.parallelLimits ?? []) {
    const record = await parallelThrottleRun(perSecond);
    records.push(record);
    plan.onRun?.(record, index++);
  }
  for (const record of await hostileProxyRuns(emulator, plan.seed, plan.hostileProxyRuns ?? 0)) {
    records.push(record);
    plan.onRun?.(record, index++);
  }
  return records;
}

function hash(seed: number, ...parts: (string | number)[]): number {
  let h = seed >>> 0 || 1;
  for (const ch of parts.join("|")) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

export interface Totals {
  readonly runs: number;
  readonly faults: number;
  readonly converged: number;
  readonly failedClearly: number;
  readonly violations: number;
  readonly duplicates: number;
  readonly idempotentRepeats: number;
  readonly crashes: number;
  readonly killed: number;
}

export function totals(records: readonly RunRecord[]): Totals {
  return {
    runs: records.length,
    faults: records.reduce((n, r) => n + r.faults.length + (r.kill?.startsWith("killed") ? 1 : 0), 0),
    converged: records.filter((r) => r.outcome === "converged").length,
    failedClearly: records.filter((r) => r.outcome === "failed-clearly").length,
    violations: records.filter((r) => r.outcome === "violation").length,
    duplicates: records.reduce((n, r) => n + r.duplicates, 0),
    idempotentRepeats: records.reduce((n, r) => n + r.idempotentRepeats, 0),
    crashes: records.filter((r) => r.mode === "crash").length,
    killed: records.filter((r) => r.kill?.startsWith("killed")).length,
  };
}

/** The campaign's table (one row per scenario and mode) and the machine-readable last line. */
export function report(records: readonly RunRecord[]): string {
  const rows: string[][] = [["scenario", "mode", "runs", "faults", "converged", "failed clearly", "violations", "duplicates", "idempotent repeats", "seconds"]];
  const groups = new Map<string, RunRecord[]>();
  for (const r of records) groups.set(`${r.scenario}\u0000${r.mode}`, [...(groups.get(`${r.scenario}\u0000${r.mode}`) ?? []), r]);
  for (const [key, group] of groups) {
    const [scenario, mode] = key.split("\u0000");
    const t = totals(group);
    const killed = mode === "crash" ? ` (${t.killed} killed)` : "";
    rows.push([scenario, mode, `${t.runs}${killed}`, String(t.faults), String(t.converged), String(t.failedClearly), String(t.violations), String(t.duplicates), String(t.idempotentRepeats), seconds(group)]);
  }
  const t = totals(records);
  rows.push(["total", "", String(t.runs), String(t.faults), String(t.converged), String(t.failedClearly), String(t.violations), String(t.duplicates), String(t.idempotentRepeats), seconds(records)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const table = rows.map((r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")).join("\n");
  const families = new Map<string, number>();
  for (const r of records) for (const f of r.faults) families.set(f.family, (families.get(f.family) ?? 0) + 1);
  const familyLine = `faults by family: ${[...families].sort().map(([f, n]) => `${f} ${n}`).join(", ")}${t.killed ? `, SIGKILL ${t.killed}` : ""}`;
  const violations = records
    .filter((r) => r.outcome === "violation")
    .map((r) => `violation: ${r.scenario} (${r.mode}) faults [${r.faults.map((f) => f.label).join("; ")}]${r.kill ? ` ${r.kill}` : ""}: ${r.problems.join("; ")}`);
  const failures = new Map<string, number>();
  for (const r of records) {
    if (r.outcome !== "failed-clearly" || !r.failure) continue;
    const shape = r.failure.replace(/\[request id [^\]]+\]/, "[request id …]").replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "…").replace(/\b[0-9a-f]{32}\b/g, "…");
    failures.set(shape, (failures.get(shape) ?? 0) + 1);
  }
  const failureLines = [...failures].sort((a, b) => b[1] - a[1]).map(([line, n]) => `  ${n}× ${line}`);
  return [table, familyLine, ...(failureLines.length ? ["clear failures:", ...failureLines] : []), ...violations, summaryLine(records)].join("\n");
}

function seconds(records: readonly RunRecord[]): string {
  return (records.reduce((n, r) => n + r.ms, 0) / 1000).toFixed(0);
}

export function summaryLine(records: readonly RunRecord[]): string {
  const t = totals(records);
  return `chaos: runs=${t.runs} faults=${t.faults} converged=${t.converged} failed_clearly=${t.failedClearly} violations=${t.violations}`;
}

// The `blocking-file` fault family (issue 22): a configured credentials file (an OIDC token
// file, a CLI profile file) replaced by a FIFO, a dangling or looping symbolic link, or a
// directory, while valid sources wait lower in the chain. The run must stop in one line naming
// the source and the file's problem, within a deadline, having sent nothing to the cloud; a hang,
// a fall-through to another identity, or any call is a violation.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CallRecord } from "../../lib/emulator/call-log";
import { Emulator } from "../../lib/emulator/emulator-server";
import { ALIBABA_IDENTITIES } from "../../lib/emulator/fixture";
import { EMULATOR_IDENTITIES } from "../../lib/emulator/huawei-identities-fixture";
import { Duration } from "../../lib/contract/duration";
import { HOOK_BUNDLE, Outcome, RunRecord, clearFailure, hookEnv, outputProblems, runInProcess } from "./campaign";
import { Random } from "./random";
import { Fault, Scenario, specOf } from "./scenarios";

/**
 * How long a hook run with a broken credentials file may take before the harness kills it as
 * hung. Refusing a file needs no network, so the run ends in the time node takes to start; the
 * construct's own timeout (minutes) would only hide a hang.
 */
export const BLOCKING_FILE_DEADLINE_MS = 15_000;

/** What stands in place of the credentials file, and the words the failure line must use for it. */
export interface BlockingFileKind {
  readonly name: string;
  /** Puts the thing at `file` (inside the run's temporary directory). */
  readonly make: (file: string) => void;
  readonly problem: RegExp;
}

export const BLOCKING_FILE_KINDS: readonly BlockingFileKind[] = [
  {
    name: "FIFO",
    make: (file) => {
      const made = spawnSync("mkfifo", [file], { encoding: "utf8" });
      if (made.status !== 0) throw new Error(`mkfifo ${file} failed: ${made.stderr || made.error}`);
    },
    problem: /named pipe \(FIFO\)/,
  },
  { name: "dangling symlink", make: (file) => symlinkSync(`${file}.missing`, file), problem: /dangling symbolic link/ },
  {
    name: "looping symlink",
    make: (file) => {
      symlinkSync(`${file}.loop`, file);
      symlinkSync(file, `${file}.loop`);
    },
    problem: /symbolic link that loops/,
  },
  { name: "directory", make: (file) => mkdirSync(file), problem: /is a directory/ },
];

/** The environment of one run: variables set (the blocking file named, valid sources lower in the chain), variables removed. */
export interface BlockingFileEnvironment {
  /** `ALIBABA_CLOUD_OIDC_TOKEN_FILE` and the like: what the fault's label names. */
  readonly label: string;
  readonly set: Readonly<Record<string, string>>;
  readonly unset: readonly string[];
}

/**
 * One configured credentials file of one cloud, as data: which scenarios it fits, how the
 * environment names it, and the words the failure line must use for its source.
 */
export interface BlockingFileSource {
  readonly cloud: "alibaba" | "huawei";
  readonly name: string;
  readonly kinds: RegExp;
  readonly source: RegExp;
  /** `file` is where the blocking thing stands; `dir` holds the run's other files. */
  readonly environment: (file: string, dir: string, emulator: Emulator, random: Random) => BlockingFileEnvironment;
}

const ALIBABA_KEYS = ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY"];

/**
 * Valid Alibaba sources below the profile in the provider's order (credentials URI, RRSA with a
 * good token); the emulator's instance metadata, with its attached role, answers below all of
 * them. Falling through to any of these would deploy as another identity.
 */
function alibabaSourcesBelowProfile(dir: string, emulator: Emulator): Record<string, string> {
  const token = path.join(dir, "valid-oidc-token");
  writeFileSync(token, ALIBABA_IDENTITIES.oidcToken);
  return {
    ALIBABA_CLOUD_CREDENTIALS_URI: `${emulator.url}/credentials-uri`,
    ALIBABA_CLOUD_ROLE_ARN: ALIBABA_IDENTITIES.ciRunner,
    ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ALIBABA_IDENTITIES.oidcProvider,
    ALIBABA_CLOUD_OIDC_TOKEN_FILE: token,
  };
}

const PROFILE_NAME = "deploy";

export const BLOCKING_FILE_SOURCES: readonly BlockingFileSource[] = [
  {
    cloud: "alibaba",
    name: "RRSA OIDC token file",
    kinds: /^ack\./,
    source: /\(ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_\*\): the OIDC token file .* Check: that ALIBABA_CLOUD_OIDC_TOKEN_FILE names/,
    // Only instance metadata (the emulator's, with a role attached) is below RRSA.
    environment: (file) => ({
      label: "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
      set: { ALIBABA_CLOUD_ROLE_ARN: ALIBABA_IDENTITIES.encryptionAdmin, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ALIBABA_IDENTITIES.oidcProvider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: file },
      unset: ALIBABA_KEYS,
    }),
  },
  {
    cloud: "alibaba",
    name: "aliyun CLI profile file",
    kinds: /^ack\./,
    source: /\(aliyun CLI profile file .*\): ALI\w+_PROFILE names profile "deploy", but the file /,
    environment: (file, dir, emulator, random) => {
      const fileVariable = random.pick(["ALICLOUD_SHARED_CREDENTIALS_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE"]);
      const profileVariable = random.pick(["ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE"]);
      return { label: `${fileVariable} (${profileVariable})`, set: { ...alibabaSourcesBelowProfile(dir, emulator), [fileVariable]: file, [profileVariable]: PROFILE_NAME }, unset: ALIBABA_KEYS };
    },
  },
  {
    cloud: "alibaba",
    name: "OIDC token file of an OIDC-mode profile",
    kinds: /^ack\./,
    source: /\(aliyun CLI profile "deploy" in .*, mode OIDC\): the OIDC token file .* Check: that the oidc_token_file of profile "deploy" names/,
    environment: (file, dir, emulator, random) => {
      const config = path.join(dir, "config.json");
      const profile = { name: PROFILE_NAME, mode: "OIDC", ram_role_arn: ALIBABA_IDENTITIES.encryptionAdmin, oidc_provider_arn: ALIBABA_IDENTITIES.oidcProvider, oidc_token_file: file };
      writeFileSync(config, JSON.stringify({ current: PROFILE_NAME, profiles: [profile] }));
      const profileVariable = random.pick(["ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE"]);
      return { label: `oidc_token_file of profile (${profileVariable})`, set: { ...alibabaSourcesBelowProfile(dir, emulator), ALICLOUD_SHARED_CREDENTIALS_FILE: config, [profileVariable]: PROFILE_NAME }, unset: ALIBABA_KEYS };
    },
  },
  {
    cloud: "huawei",
    name: "KooCLI shared config file",
    kinds: /^(dws|taurusdb)\./,
    source: /\(shared config file .*\): the file /,
    // The emulator's access keys stay set: they are below the profile in the provider's order,
    // so falling through would deploy as their user.
    environment: (file) => ({ label: "HW_SHARED_CONFIG_FILE (HW_PROFILE)", set: { HW_SHARED_CONFIG_FILE: file, HW_PROFILE: PROFILE_NAME }, unset: [] }),
  },
  {
    cloud: "huawei",
    name: "OIDC ID token file",
    kinds: /^(dws|taurusdb)\./,
    source: /\(HW_ASSUME_ROLE_IDP_ID with HW_ASSUME_ROLE_ID_TOKEN_FILE\): the ID token file .* Check: that HW_ASSUME_ROLE_ID_TOKEN_FILE names/,
    // OIDC comes before access keys (provider >= 1.77.7): the emulator's keys below it would work.
    environment: (file) => ({
      label: "HW_ASSUME_ROLE_ID_TOKEN_FILE",
      set: { HW_ASSUME_ROLE_IDP_ID: EMULATOR_IDENTITIES.identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN_FILE: file, HW_ASSUME_ROLE_AGENCY_NAME: EMULATOR_IDENTITIES.agency.name, HW_ASSUME_ROLE_DOMAIN_NAME: EMULATOR_IDENTITIES.agency.domainName },
      unset: [],
    }),
  },
];

/** Every (source, kind) pair that fits a scenario, in a fixed order: run i of a scenario takes pair i. */
export function blockingFileCases(scenario: Scenario): { source: BlockingFileSource; kind: BlockingFileKind }[] {
  return BLOCKING_FILE_SOURCES.filter((s) => s.kinds.test(scenario.kind)).flatMap((source) => BLOCKING_FILE_KINDS.map((kind) => ({ source, kind })));
}

/** What a run with a blocking file did, for {@link classifyBlockingFileRun}. */
export interface BlockingFileObservation {
  readonly code: number;
  readonly output: string;
  readonly elapsedMs: number;
  /** The harness killed the hook at the deadline. */
  readonly killed: boolean;
  /** The calls the emulator received during the run. */
  readonly calls: readonly CallRecord[];
  readonly file: string;
  readonly source: RegExp;
  readonly problem: RegExp;
}

/**
 * Fails clearly only when the hook ended by itself within the deadline, non-zero, with one
 * `error:` line naming the source, the file and its problem, and no call reached the cloud.
 */
export function classifyBlockingFileRun(o: BlockingFileObservation, timeoutMs: number): { outcome: Outcome; problems: string[]; failure?: string } {
  const problems = outputProblems({ code: o.code, output: o.output, elapsedMs: o.elapsedMs }, timeoutMs);
  if (o.killed) problems.push(`the hook hung: still running at the ${BLOCKING_FILE_DEADLINE_MS / 1000} s deadline, killed`);
  if (o.calls.length > 0) {
    const who = [...new Set(o.calls.map((c) => `${c.operation}${c.mutating ? " (mutating)" : ""} as ${c.principal ?? c.accessKey ?? "nobody"}`))];
    problems.push(`${o.calls.length} call(s) reached the cloud although the configured file cannot be read: ${who.join(", ")}`);
  }
  if (o.code === 0) problems.push(`the run succeeded although ${o.file} cannot be read: it fell through to another source`);
  let failure: string | undefined;
  if (o.code !== 0 && !o.killed) {
    const verdict = clearFailure(o.output);
    failure = verdict.line;
    if (!verdict.clear) problems.push(`unclear failure: ${verdict.why}`);
    const errorLines = o.output.split("\n").filter((l) => /^error: /.test(l.trim())).length;
    if (errorLines > 1) problems.push(`${errorLines} error lines, not one`);
    if (failure && !failure.includes(o.file)) problems.push(`the failure line does not name the file ${o.file}: ${failure}`);
    if (failure && !o.source.test(failure)) problems.push(`the failure line does not name the source (${o.source}): ${failure}`);
    if (failure && !o.problem.test(failure)) problems.push(`the failure line does not say what is wrong with the file (${o.problem}): ${failure}`);
  }
  return { outcome: problems.length > 0 ? "violation" : "failed-clearly", problems, failure };
}

/** The bundled hook (or another script) as Terraform's provisioner runs it, killed (SIGKILL) if still running at the deadline. */
export function runHookUntil(env: Record<string, string>, deadlineMs: number, script = HOOK_BUNDLE): Promise<{ code: number; output: string; elapsedMs: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, "apply"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let killed = false;
    const started = Date.now();
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, deadlineMs);
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output, elapsedMs: Date.now() - started, killed });
    });
  });
}

/**
 * Run `index` of the family for a scenario: the hook process with the blocking file configured
 * and valid sources below it, then (faults gone) a clean deploy in process that must converge.
 */
export async function blockingFileRun(emulator: Emulator, scenario: Scenario, index: number, random: Random): Promise<RunRecord> {
  const cases = blockingFileCases(scenario);
  const { source, kind } = cases[index % cases.length];
  const started = Date.now();
  emulator.reset();
  emulator.clock.setRate(scenario.realTimeRate);
  scenario.prepare?.(emulator);
  const since = emulator.clock.now();
  const spec = specOf(scenario);
  const dir = mkdtempSync(path.join(tmpdir(), "chaos-blocking-file-"));
  try {
    const file = path.join(dir, "credentials-file");
    const environment = source.environment(file, dir, emulator, random);
    kind.make(file);
    const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: dir, ...hookEnv(emulator, spec), ...environment.set };
    for (const name of environment.unset) delete env[name];
    const fault: Fault = { family: "blocking-file", label: `${kind.name} as ${environment.label}` };
    const result = await runHookUntil(env, BLOCKING_FILE_DEADLINE_MS);
    const calls = emulator.calls.list();
    const verdict = classifyBlockingFileRun({ ...result, calls, file, source: source.source, problem: kind.problem }, Duration.parse(spec.timeout).toMilliseconds());
    emulator.clock.setRate(1);
    const clean = await runInProcess(emulator, spec);
    if (clean.code !== 0 || !scenario.reached(emulator, since)) {
      verdict.problems.push(`the clean deploy after it did not converge (exit ${clean.code}): ${clean.output.trim().split("\n").at(-1)}`);
    }
    return {
      scenario: scenario.name,
      kind: scenario.kind,
      mode: "hook-process",
      faults: [fault],
      outcome: verdict.problems.length > 0 ? "violation" : verdict.outcome,
      problems: verdict.problems,
      duplicates: calls.filter((c) => c.performed).length,
      idempotentRepeats: 0,
      // The temporary directory differs run to run; the report groups failures by their shape.
      failure: verdict.failure?.split(dir).join("$TMPDIR"),
      ms: Date.now() - started,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

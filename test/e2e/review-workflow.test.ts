// The GitHub Actions example, as a user copies it into a `cdktf init` project: its shell steps
// run in a scratch consumer app that holds only what the workflow tells users to install
// (linked from this repository's node_modules), with real terraform, and `gh` replaced by a
// recorder. Its structure (pins, tokens, secrets, approvals) is checked as written.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { REVIEW_MARKER } from "../../lib/review/markdown";
import { startEmulator } from "../support/emulator-harness";
import { TAURUSDB } from "../support/review-harness";
import { ProcessResult, run, terraformEnv } from "../support/terraform-harness";

const ROOT = path.join(__dirname, "..", "..");
const WORKFLOW_FILE = path.join(ROOT, "examples", "github", "encryption-plan.yml");
const WORKFLOW_TEXT = readFileSync(WORKFLOW_FILE, "utf8");

interface Step {
  name?: string;
  id?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  "working-directory"?: string;
}
interface Job {
  name?: string;
  if?: string;
  needs?: string | string[];
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(WORKFLOW_TEXT) as Workflow;
const REPOSITORY = "example-org/app";

/** The GitHub context the workflow's `${{ … }}` expressions read, for one pull request. */
function context(headRepo: string): Record<string, string> {
  return {
    "github.token": "ghs_recorder-token",
    "github.repository": REPOSITORY,
    "github.event.pull_request.number": "7",
    "github.event.pull_request.head.repo.full_name": headRepo,
  };
}

/** Replaces `${{ name }}` by its value; an expression the test does not know fails the test. */
function expand(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`the test does not know the expression ${name}`);
    return values[name];
  });
}

/** `npm install …` lines the workflow's header tells users to run: what a consumer adds. */
function advertisedInstalls(): { dev: string[]; prod: string[] } {
  const dev: string[] = [];
  const prod: string[] = [];
  for (const m of WORKFLOW_TEXT.matchAll(/^#\s+npm install (--save-dev )?(\S+)/gm)) (m[1] ? dev : prod).push(m[2]);
  return { dev, prod };
}

const packageName = (spec: string) => spec.replace(/^(@?[^@]+)@.*$/, "$1");

/**
 * A scratch `cdktf init`-like project: package.json with cdktf and constructs plus what the
 * workflow header says to add, node_modules holding only those packages (linked from this
 * repository, `cdktf-encryption` being this repository itself), their bins as shims.
 */
function consumerApp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-consumer-"));
  const { dev, prod } = advertisedInstalls();
  const dependencies = Object.fromEntries(["cdktf", "constructs", ...prod].map((p) => [packageName(p), "*"]));
  const devDependencies = Object.fromEntries(dev.map((p) => [packageName(p), p.includes("@", 1) ? p.slice(p.lastIndexOf("@") + 1) : "*"]));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, dependencies, devDependencies }, null, 2));
  writeFileSync(path.join(dir, "package-lock.json"), "{}");
  writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node main.js", context: { "cdktf-encryption:hookEngine": "terraform_data" } }));
  writeFileSync(
    path.join(dir, "main.js"),
    `const { App, TerraformStack } = require("cdktf");
const { BackupEncryption, DwsCluster, EncryptedCluster, Duration } = require("cdktf-encryption");
const app = new App();
const stack = new TerraformStack(app, "my-stack");
new BackupEncryption(stack, "orders-backups", {
  instance: { region: "${TAURUSDB.region}", projectId: "${TAURUSDB.projectId}", instanceId: "${TAURUSDB.orders}" },
  kmsKeyId: "${TAURUSDB.key}",
  timeout: Duration.minutes(2),
});
new EncryptedCluster(stack, "warehouse", {
  cluster: DwsCluster.fromId({ region: "${TAURUSDB.region}", projectId: "${TAURUSDB.projectId}", clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" }),
  masterKey: { id: "0f3196c8-5c23-469f-84da-92ecd2499dce", name: "KMS-1abd-1016" },
});
app.synth();
`,
  );
  const modules = path.join(dir, "node_modules");
  mkdirSync(path.join(modules, ".bin"), { recursive: true });
  for (const name of [...Object.keys(dependencies), ...Object.keys(devDependencies)]) {
    const source = name === "cdktf-encryption" ? ROOT : path.join(ROOT, "node_modules", name);
    mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    symlinkSync(source, path.join(modules, name));
    const bin = (JSON.parse(readFileSync(path.join(source, "package.json"), "utf8")) as { bin?: string | Record<string, string> }).bin;
    const bins = typeof bin === "string" ? { [name]: bin } : (bin ?? {});
    for (const [command, file] of Object.entries(bins)) {
      const shim = path.join(modules, ".bin", command);
      writeFileSync(shim, `#!/bin/sh\nexec node "${path.join(modules, name, file)}" "$@"\n`);
      chmodSync(shim, 0o755);
    }
  }
  return dir;
}

/** Stand-ins on PATH: `gh` records each call (and the body it posts) and answers from GH_* variables; `npm ci` records. */
function recorders(dir: string): string {
  const bin = path.join(dir, "recorder-bin");
  mkdirSync(bin);
  writeFileSync(
    path.join(bin, "gh"),
    `#!/usr/bin/env node
const fs = require("fs");
const args = process.argv.slice(2);
const body = args.find((a) => a.startsWith("body=@"));
fs.appendFileSync(process.env.GH_RECORD, JSON.stringify({ args, body: body && fs.readFileSync(body.slice(6), "utf8") }) + "\\n");
if (process.env.GH_FAIL) { process.stderr.write("gh: Resource not accessible by integration (HTTP 403)\\n"); process.exit(1); }
if (args.includes("--paginate")) process.stdout.write((process.env.GH_EXISTING_IDS || "").split(" ").filter(Boolean).join("\\n"));
`,
  );
  writeFileSync(path.join(bin, "npm"), `#!/bin/sh\necho "npm $*" >> "$NPM_RECORD"\n`);
  for (const f of ["gh", "npm"]) chmodSync(path.join(bin, f), 0o755);
  return bin;
}

interface JobRun {
  readonly dir: string;
  readonly results: Map<string, ProcessResult>;
  readonly summary: string;
  readonly outputs: string;
}

/** Runs a job's `run` steps in order as Actions does (`bash -e`), skipping `uses` steps (the test stands in for them). */
async function runSteps(job: Job, steps: readonly Step[], dir: string, extra: Record<string, string>, headRepo = REPOSITORY): Promise<Map<string, ProcessResult>> {
  const results = new Map<string, ProcessResult>();
  const jobEnv = Object.fromEntries(Object.entries(job.env ?? {}).map(([k, v]) => [k, expand(v, context(headRepo))]));
  const values = { ...context(headRepo), ...Object.fromEntries(Object.entries(jobEnv).map(([k, v]) => [`env.${k}`, v])) };
  for (const step of steps) {
    if (!step.run) continue;
    const env = {
      ...terraformEnv(),
      ...jobEnv,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, values)])),
      GITHUB_REPOSITORY: REPOSITORY,
      ...extra,
    };
    const cwd = path.join(dir, expand(step["working-directory"] ?? ".", values));
    const result = await run("bash", ["--noprofile", "--norc", "-e", "-c", step.run], { cwd, env });
    results.set(step.name ?? step.run, result);
    if (result.code !== 0) break;
  }
  return results;
}

describe("the workflow run in a scratch consumer app", () => {
  const plan = workflow.jobs.plan;
  let dir: string;
  let files: Record<string, string>;
  let first: JobRun;

  const postStep = () => plan.steps.find((s) => s.run?.includes("gh api"))!;
  const calls = () =>
    readFileSync(files.GH_RECORD, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { args: string[]; body?: string });

  beforeAll(async () => {
    dir = consumerApp();
    const bin = recorders(dir);
    files = Object.fromEntries(["GH_RECORD", "NPM_RECORD", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT"].map((name) => [name, path.join(dir, name.toLowerCase())]));
    for (const file of Object.values(files)) writeFileSync(file, "");
    const extra = { ...files, PATH: `${bin}:${process.env.PATH}`, npm_config_prefix: path.join(dir, "no-global"), npm_config_offline: "true" };
    const results = await runSteps(plan, plan.steps, dir, extra);
    first = { dir, results, summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"), outputs: readFileSync(files.GITHUB_OUTPUT, "utf8") };
  }, 180_000);

  test("it installs what it runs: every tool through `npx --no-install`, from a package the header tells users to add", () => {
    const npx = plan.steps.flatMap((s) => [...(s.run ?? "").matchAll(/npx (\S+) (\S+)/g)].map((m) => [m[1], m[2]]));
    expect(npx).toEqual([
      ["--no-install", "cdktf"],
      ["--no-install", "cdktf-encryption"],
    ]);
    expect(advertisedInstalls().dev).toEqual(["cdktf-cli@^0.21.0"]);
    expect(advertisedInstalls().prod).toEqual(["cdktf-encryption"]);
    expect(readFileSync(files.NPM_RECORD, "utf8")).toBe("npm ci\n");
  });

  test("every run step succeeds with only those packages; the review reaches the job summary and the PR as one comment", () => {
    for (const [name, result] of first.results) expect([name, result.code, result.code === 0 ? "" : result.stderr]).toEqual([name, 0, ""]);
    expect([...first.results.keys()]).toEqual(plan.steps.filter((s) => s.run).map((s) => s.name ?? s.run));
    expect(first.summary).toContain("### Encryption changes");
    expect(first.summary).toContain("Turn on encrypted backup");
    // The DWS conversion is irreversible: the gate's output starts the approval job.
    expect(first.outputs).toContain("irreversible=true\n");
    const [list, post, ...rest] = calls();
    expect(list.args.slice(0, 3)).toEqual(["api", "--paginate", `repos/${REPOSITORY}/issues/7/comments`]);
    expect(post.args.slice(0, 4)).toEqual(["api", "-X", "POST", `repos/${REPOSITORY}/issues/7/comments`]);
    expect(post.body!.startsWith(`${REVIEW_MARKER}\n`)).toBe(true);
    expect(post.body).toBe(readFileSync(path.join(dir, "encryption-review", "part-1.md"), "utf8"));
    expect(rest).toEqual([]);
  });

  test("on the next push the parts are updated as a set: existing comments edited, surplus ones deleted", async () => {
    writeFileSync(files.GH_RECORD, "");
    const results = await runSteps(plan, [postStep()], dir, { ...files, PATH: `${path.join(dir, "recorder-bin")}:${process.env.PATH}`, GH_EXISTING_IDS: "101 102" });
    expect([...results.values()][0].code).toBe(0);
    expect(calls().map((c) => c.args.slice(0, 4))).toEqual([
      ["api", "--paginate", `repos/${REPOSITORY}/issues/7/comments`, "--jq"],
      ["api", "-X", "PATCH", `repos/${REPOSITORY}/issues/comments/101`],
      ["api", "-X", "DELETE", `repos/${REPOSITORY}/issues/comments/102`],
    ]);
  });

  test("a fork's read-only token: no comment attempted, the job does not fail, the summary says where the review is", async () => {
    writeFileSync(files.GH_RECORD, "");
    writeFileSync(files.GITHUB_STEP_SUMMARY, "");
    const results = await runSteps(plan, [postStep()], dir, { ...files, PATH: `${path.join(dir, "recorder-bin")}:${process.env.PATH}` }, "someone/app-fork");
    const result = [...results.values()][0];
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("::notice::Pull request from a fork (read-only token)");
    expect(calls()).toEqual([]);
    expect(readFileSync(files.GITHUB_STEP_SUMMARY, "utf8")).toContain("the review is above, in the job summary");
  });

  test("a token that cannot comment (HTTP 403) falls back to the job summary too", async () => {
    writeFileSync(files.GH_RECORD, "");
    const results = await runSteps(plan, [postStep()], dir, { ...files, PATH: `${path.join(dir, "recorder-bin")}:${process.env.PATH}`, GH_FAIL: "1" });
    const result = [...results.values()][0];
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("::notice::Cannot read the pull request's comments");
    expect(calls()).toHaveLength(1);
  });

  test("the live job's review step, with the secrets it names standing for the emulator's credentials, reads the cloud; the gate's exit fails the job", async () => {
    const cloud = await startEmulator();
    try {
      const live = workflow.jobs.live;
      const step = live.steps.find((s) => s.name === "Review against the live cloud")!;
      const secrets = {
        "secrets.HW_READONLY_ACCESS_KEY": cloud.env.HW_ACCESS_KEY,
        "secrets.HW_READONLY_SECRET_KEY": cloud.env.HW_SECRET_KEY,
        "secrets.ALIBABA_READONLY_ACCESS_KEY_ID": cloud.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
        "secrets.ALIBABA_READONLY_ACCESS_KEY_SECRET": cloud.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
      };
      writeFileSync(files.GITHUB_STEP_SUMMARY, "");
      const job = { ...live, steps: [{ ...step, env: Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, secrets)])) }] };
      const results = await runSteps(job, job.steps, dir, { ...files, CDKTF_ENCRYPTION_ENDPOINT: cloud.url });
      const result = [...results.values()][0];
      // The orders instance reads "off" and the warehouse "not encrypted": the deploy changes both, nothing drifted, nothing refused.
      expect([result.code, result.stderr]).toEqual([0, ""]);
      const summary = readFileSync(files.GITHUB_STEP_SUMMARY, "utf8");
      expect(summary).toContain(`| Will change on deploy: encrypted backup off; KMS key ${TAURUSDB.key} enabled |`);
      expect(summary).not.toContain(cloud.env.HW_SECRET_KEY);
      expect(cloud.calls().length).toBeGreaterThan(0);
      expect(cloud.performed()).toEqual([]);

      // A refusal (the warehouse cluster gone) matches --fail-on refused: the step fails with exit 2.
      cloud.emulator.faults.add({ operation: "*", path: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd", status: 404, code: "DWS.0047", message: "The cluster does not exist.", count: 100 });
      const refused = [...(await runSteps(job, job.steps, dir, { ...files, CDKTF_ENCRYPTION_ENDPOINT: cloud.url })).values()][0];
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^--fail-on refused: /m);
    } finally {
      await cloud.stop();
    }
  });

  test("the consumer's node_modules holds only cdktf, constructs and what the header says to add", () => {
    expect(readdirSync(path.join(dir, "node_modules")).filter((n) => !n.startsWith(".")).sort()).toEqual(["cdktf", "cdktf-cli", "cdktf-encryption", "constructs"]);
  });
});

describe("the workflow's structure", () => {
  const allSteps = Object.values(workflow.jobs).flatMap((j) => j.steps);

  test("actions pinned by full commit SHA with the version beside it; checkouts keep no credentials", () => {
    const uses = allSteps.filter((s) => s.uses).map((s) => s.uses!);
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
    expect(new Set(uses)).toEqual(
      new Set([
        "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
        "actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020",
        "hashicorp/setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd",
      ]),
    );
    for (const line of WORKFLOW_TEXT.split("\n").filter((l) => /uses: /.test(l))) expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    for (const s of allSteps.filter((x) => x.uses?.startsWith("actions/checkout"))) expect(s.with).toMatchObject({ "persist-credentials": false });
  });

  test("least privilege: read-only by default, comment rights only where the review is posted, no pull_request_target", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.plan.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(workflow.jobs.live.permissions).toEqual({ contents: "read" });
  });

  test("--live and cloud secrets only in a job PR code from a fork cannot reach: same repository, protected environment, only steps running cdktf-encryption", () => {
    const { live } = workflow.jobs;
    expect(live.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(live.environment).toBe("encryption-live-read-only");
    // Secrets only in steps that run cdktf-encryption itself (the live review, a doctor check),
    // never in those that run the pull request's code: install, synth, plan.
    const withSecrets = live.steps.filter((s) => JSON.stringify(s).includes("secrets."));
    expect(withSecrets.map((s) => s.name)).toContain("Review against the live cloud");
    for (const step of withSecrets) expect(step.run).toMatch(/^\s*(set \+e\s+)?npx --no-install cdktf-encryption /);
    expect(live.steps.find((s) => s.name === "Review against the live cloud")!.run).toContain("--live");
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (name === "live") continue;
      expect(JSON.stringify(job)).not.toContain("secrets.");
      expect(JSON.stringify(job)).not.toContain("--live");
    }
    expect(JSON.stringify(live.env ?? {})).not.toContain("secrets.");
  });

  test("the extra approval for irreversible changes is a job held by an environment's required reviewers, started by the review's gate", () => {
    const { plan, "approve-irreversible": approve } = workflow.jobs;
    expect(plan.outputs).toEqual({ irreversible: "${{ steps.review.outputs.irreversible }}" });
    expect(plan.steps.find((s) => s.id === "review")!.run).toContain("--fail-on irreversible");
    expect(approve).toMatchObject({ needs: "plan", if: "needs.plan.outputs.irreversible == 'true'", environment: "encryption-irreversible" });
    expect(WORKFLOW_TEXT).toMatch(/Required reviewers/);
    expect(WORKFLOW_TEXT).toMatch(/required in branch protection/);
  });
});

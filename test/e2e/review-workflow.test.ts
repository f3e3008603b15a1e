// The GitHub Actions example: valid YAML, and every `npx` command it runs exists — the
// cdktf-encryption ones are run through the built bin with their exact arguments.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { BackupEncryption, Duration } from "../../lib";
import { REVIEW_MARKER } from "../../lib/review/markdown";
import { RunningEmulator } from "../support/emulator-harness";
import { TAURUSDB, savePlan, useEmulator } from "../support/review-harness";
import { TerraformWorkspace, run } from "../support/terraform-harness";

const ROOT = path.join(__dirname, "..", "..");
const WORKFLOW = path.join(ROOT, "examples", "github", "encryption-plan.yml");

interface Step {
  run?: string;
  uses?: string;
  with?: { script?: string };
}
interface Workflow {
  on: unknown;
  permissions: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
}

const workflow = parse(readFileSync(WORKFLOW, "utf8")) as Workflow;
const job = Object.values(workflow.jobs)[0];

/** `npx <bin> args…` invocations of the run steps, with the job's variables expanded. */
function npxCalls(): string[][] {
  const calls: string[][] = [];
  for (const step of job.steps) {
    for (const line of (step.run ?? "").split("\n")) {
      const at = line.indexOf("npx ");
      if (at < 0) continue;
      const words: string[] = [];
      for (const m of line.slice(at).matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
        const word = m[1] ?? m[2] ?? m[3];
        if (m[3] !== undefined && [">", ">>", "|", "&&", ";", "||"].includes(word)) break;
        words.push(word.replace(/\$\{?(\w+)\}?/g, (_, name: string) => job.env?.[name] ?? `$${name}`));
      }
      calls.push(words.slice(1));
    }
  }
  return calls;
}

const emulator = useEmulator();
let cloud: RunningEmulator;
beforeEach(() => {
  cloud = emulator();
});

test("the workflow parses, may comment on pull requests, and updates one comment found by the review's marker", () => {
  expect(workflow.on).toHaveProperty("pull_request");
  expect(workflow.permissions).toMatchObject({ "pull-requests": "write" });
  const script = job.steps.find((s) => s.uses?.startsWith("actions/github-script"))?.with?.script ?? "";
  expect(script).toContain(`const marker = "${REVIEW_MARKER}"`);
  expect(script).toMatch(/updateComment[\s\S]*createComment/);
});

test("every npx command of the workflow exists; cdktf-encryption's run as written on a real plan", async () => {
  const calls = npxCalls();
  expect(calls.map((c) => c.slice(0, 2).join(" "))).toEqual(["cdktf synth", "cdktf-encryption doctor", "cdktf-encryption review"]);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
  for (const [bin] of calls) expect(bin in pkg.bin || existsSync(path.join(ROOT, "node_modules", ".bin", bin))).toBe(true);

  // A checkout as the workflow sees it after its Plan step: cdktf.out/stacks/$STACK/plan.json.
  const project = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-workflow-"));
  const ws = TerraformWorkspace.synth(
    (stack) => {
      new BackupEncryption(stack, "orders-backups", {
        instance: { region: TAURUSDB.region, projectId: TAURUSDB.projectId, instanceId: TAURUSDB.orders },
        kmsKeyId: TAURUSDB.key,
        timeout: Duration.minutes(2),
      });
    },
    cloud.env,
    { outdir: path.join(project, "cdktf.out"), stackName: job.env!.STACK },
  );
  await savePlan(ws);
  const [, ...doctorArgs] = calls.find((c) => c[1] === "doctor")!;
  const doctor = await run("node", [path.join(ROOT, pkg.bin["cdktf-encryption"]), ...doctorArgs], { cwd: project, env: { PATH: process.env.PATH, ...cloud.env } });
  expect(doctor).toMatchObject({ code: 0, stderr: "" });
  expect(doctor.stdout).toContain("Huawei Cloud TaurusDB in cn-north-4 (project 0a1b2c3d4e5f60718293a4b5c6d7e8f9): READY");
  for (const [bin, ...args] of calls.filter((c) => c[1] === "review")) {
    const result = await run("node", [path.join(ROOT, pkg.bin[bin]), ...args], { cwd: project, env: { PATH: process.env.PATH } });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.startsWith(`${REVIEW_MARKER}\n`)).toBe(true);
    expect(result.stdout).toContain("Turn on encrypted backup");
  }
});

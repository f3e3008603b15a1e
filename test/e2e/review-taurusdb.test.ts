import { DataResource, TerraformStack, Token } from "cdktf";
import { BackupEncryption, Duration, RemovalPolicy } from "../../lib";
import { runDriftCommand } from "../../lib/cli/drift-command";
import { runReviewCommand } from "../../lib/cli/review-command";
import { Review } from "../../lib/review/review";
import { RunningEmulator } from "../support/emulator-harness";
import { TAURUSDB, runCommand, savePlan, useEmulator } from "../support/review-harness";
import { TerraformWorkspace, expectExit } from "../support/terraform-harness";

const { region, projectId, orders: ORDERS, ledger: LEDGER, geo: GEO, key: KEY } = TAURUSDB;

const emulator = useEmulator();
let cloud: RunningEmulator;
beforeEach(() => {
  cloud = emulator();
});

interface Declared {
  readonly id: string;
  readonly instanceId: string;
  readonly enabled: boolean;
  readonly removalPolicy?: RemovalPolicy;
}

function declare(...items: Declared[]) {
  return (stack: TerraformStack) => {
    for (const item of items) {
      new BackupEncryption(stack, item.id, {
        instance: { region, projectId, instanceId: item.instanceId },
        kmsKeyId: item.enabled ? KEY : undefined,
        enabled: item.enabled,
        removalPolicy: item.removalPolicy,
        timeout: Duration.minutes(2),
      });
    }
  };
}

async function review(planFile: string, ...flags: string[]): Promise<{ code: number; json: Review; markdown: string; stderr: string }> {
  const asJson = await runCommand(runReviewCommand, ["--plan", planFile, "--format", "json", ...flags], { env: cloud.env });
  const asMarkdown = await runCommand(runReviewCommand, ["--plan", planFile, ...flags], { env: cloud.env });
  if (asJson.stdout === "") throw new Error(`review printed nothing: ${asJson.stderr}`);
  expect(asJson.code).toBe(asMarkdown.code);
  return { code: asJson.code, json: JSON.parse(asJson.stdout) as Review, markdown: asMarkdown.stdout, stderr: asMarkdown.stderr };
}

const orders = { id: "orders-backups", instanceId: ORDERS, enabled: true } as const;
const ledger = { id: "ledger-backups", instanceId: LEDGER, enabled: true, removalPolicy: RemovalPolicy.DISABLE } as const;
const retired = { id: "retired-backups", instanceId: GEO, enabled: false } as const;

test("create, replace, no-op, removed from code and destroy, each in words from real terraform plans", async () => {
  // First deploy: three hooks created.
  let ws = TerraformWorkspace.synth(declare(orders, ledger, retired), cloud.env);
  const first = await savePlan(ws);
  const created = await review(first.json);
  expect(created.code).toBe(0);
  expect(created.json.resources.map((r) => [r.target, r.change, r.actions.map((a) => a.description), r.basis])).toEqual([
    // Rows in Terraform's order of addresses.
    [`TaurusDB instance ${LEDGER} (${region})`, "create", [`turn on encrypted backup with KMS key ${KEY}`], "assumed"],
    [`TaurusDB instance ${ORDERS} (${region})`, "create", [`turn on encrypted backup with KMS key ${KEY}`], "assumed"],
    [`TaurusDB instance ${GEO} (${region})`, "create", ["turn off encrypted backup"], "assumed"],
  ]);
  expect(created.json.resources[1].assumedObserved).toBe("encrypted backup off");
  expect(created.json.summary).toBe("3 encryption resources: 3 new · nothing irreversible · no restarts");
  expectExit(await ws.apply(), 0);

  // Second deploy: orders turned off, ledger unchanged, retired removed from the code.
  ws = ws.resynth(declare({ ...orders, enabled: false }, ledger));
  const second = await savePlan(ws);
  const changed = await review(second.json);
  const byTarget = Object.fromEntries(changed.json.resources.map((r) => [r.target.split(" ")[2], r]));
  expect(byTarget[ORDERS]).toMatchObject({
    change: "replace",
    hookRuns: "apply",
    basis: "declared",
    actions: [{ type: "disable-backup-encryption", description: "turn off encrypted backup" }],
    fields: [
      { field: "encryption", before: "on", after: "off" },
      { field: "kms_key_id", before: KEY, after: "" },
    ],
    declaredBefore: `encrypted backup on with KMS key ${KEY}, removal policy RETAIN`,
    declaredAfter: "encrypted backup off",
  });
  expect(byTarget[LEDGER]).toMatchObject({ change: "no-op", actions: [], fields: [] });
  expect(byTarget[GEO]).toMatchObject({ change: "remove", actions: [] });
  expect(byTarget[GEO].notes.join(" ")).toContain("without running its destroy hook");
  expect(changed.json.summary).toBe("3 encryption resources: 1 changed, 1 removed from code, 1 unchanged · nothing irreversible · no restarts");
  expect(changed.markdown).toMatchSnapshot("taurusdb second deploy");

  // The binary plan reads the same as its JSON (terraform show -json runs in the plan's directory).
  expect((await review(second.bin)).json).toEqual(changed.json);

  // What review said is what apply does: one call turns orders off, nothing else changes.
  cloud.clearCalls();
  expectExit(await ws.apply(), 0);
  expect(cloud.performed().map((c) => c.operation)).toEqual(["SetBackupEncryption"]);
  expect(cloud.calls().filter((c) => c.path.includes(GEO))).toEqual([]); // the removed hook did not run

  // Destroy: RETAIN keeps it as it is, DISABLE turns it off.
  const destroying = await review((await savePlan(ws, ["-destroy"])).json);
  expect(destroying.json.resources.map((r) => [r.target.split(" ")[2], r.change, r.actions.map((a) => a.description), r.notes])).toEqual([
    [LEDGER, "destroy", ["turn off encrypted backup"], ["removal policy DISABLE"]],
    [ORDERS, "destroy", [], ["encrypted backup is off; nothing to undo"]],
  ]);
});

test("a destroy that retains encryption says so", async () => {
  const ws = TerraformWorkspace.synth(declare(orders), cloud.env);
  expectExit(await ws.apply(), 0);
  const destroying = await review((await savePlan(ws, ["-destroy"])).json);
  expect(destroying.json.resources[0]).toMatchObject({ change: "destroy", hookRuns: "destroy", actions: [], notes: ["removal policy RETAIN: encrypted backup stays on"] });
  expect(destroying.markdown).toContain("_Note: removal policy RETAIN: encrypted backup stays on._");
});

test("gates: --fail-on destroy and change exit 2 naming the resource; nothing matched exits 0", async () => {
  const ws = TerraformWorkspace.synth(declare(orders), cloud.env);
  expectExit(await ws.apply(), 0);
  const noop = await savePlan(ws);
  expect((await review(noop.json, "--fail-on", "irreversible,restart,destroy,change")).code).toBe(0);
  const destroying = await savePlan(ws, ["-destroy"]);
  const gated = await review(destroying.json, "--fail-on", "irreversible", "--fail-on", "destroy");
  expect(gated.code).toBe(2);
  expect(gated.stderr).toBe(`--fail-on destroy: a destroyed or removed encryption resource in TaurusDB instance ${ORDERS} (${region})\n`);
  expect(gated.markdown).toContain("1 destroyed");
});

test("bad input is one line: exit 64 for a usage error, 1 for a plan that cannot be read", async () => {
  const ws = TerraformWorkspace.synth(declare(orders), cloud.env);
  const run = (...args: string[]) => runCommand(runReviewCommand, args, { env: cloud.env, cwd: ws.stackDir });
  const cases: [string[], RegExp, number][] = [
    [[], /^error: --plan is required/, 64],
    [["--plan", "missing.json"], /^error: --plan \S+missing\.json does not exist: give the plan file or `terraform show -json` output$/m, 1],
    [["--plan", "cdk.tf.json"], /^error: the JSON is not a terraform plan/, 1],
    [["--plan", "cdk.tf.json", "--fail-on", "scary"], /^error: --fail-on "scary" is unknown: expected one or more of irreversible, restart/, 64],
    [["--plan", "cdk.tf.json", "--fail-on", "drift"], /^error: --fail-on drift needs --live/, 64],
    [["--plan", "cdk.tf.json", "--fail-on", "due"], /^error: --fail-on due needs --live/, 64],
    [["--plan", "cdk.tf.json", "--bogus"], /^error: unknown option --bogus \(see `cdktf-encryption review --help`\)\n$/, 64],
  ];
  for (const [args, message, code] of cases) {
    const result = await run(...args);
    expect([result.code, result.stdout]).toEqual([code, ""]);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  }
});

test("a key that another resource creates: the plan shows it as known after apply, drift says it cannot check it", async () => {
  const ws = TerraformWorkspace.synth((stack) => {
    // terraform_data takes any value as input; cdktf types it as a map.
    const key = new DataResource(stack, "key", { input: KEY as unknown as Record<string, string> });
    new BackupEncryption(stack, "orders-backups", {
      instance: { region, projectId, instanceId: ORDERS },
      kmsKeyId: Token.asString(key.output),
      timeout: Duration.minutes(2),
    });
  }, cloud.env);
  const planned = await review((await savePlan(ws)).json);
  expect(planned.json.resources).toHaveLength(1);
  expect(planned.json.resources[0]).toMatchObject({
    change: "create",
    target: "terraform_data.orders-backups_encryption_hook_B23149E0",
    actions: [],
    basis: "none",
    problem: "values known only after apply: kms_key_id",
  });
  expect(planned.markdown).toContain("⚠️ Cannot be planned: values known only after apply: kms\\_key\\_id");

  const drift = await runCommand(runDriftCommand, ["--stack", ws.stackDir, "--format", "json"], { env: cloud.env });
  expect(drift.code).toBe(1);
  expect(JSON.parse(drift.stdout).resources[0]).toMatchObject({
    status: "unresolved",
    detail: expect.stringMatching(/^refers to other resources \(kms_key_id = \$\{terraform_data\.key\.output\}\), resolved only at deploy/),
  });
});

import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App, Aspects, TerraformStack } from "cdktf";
import {
  AckCluster,
  BackupEncryption,
  CryptAlgorithm,
  Duration,
  DwsCluster,
  EncryptedCluster,
  EncryptionPolicy,
  KeyRotationPolicy,
  RemovalPolicy,
  Rules,
  Severity,
} from "../../../lib";
import { ruleTableMarkdown } from "../../../lib/policy/rule-table";
import { VERDICTS_KEY } from "../../../lib/policy/policy-check";

const DWS = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" };
const DWS_KEY = { id: "0f3196c8-5c23-469f-84da-92ecd2499dce", name: "KMS-1abd-1016" };
const INSTANCE = { region: "cn-north-4", projectId: DWS.projectId, instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" };
const TAURUS_KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526";
const ACK = { region: "cn-hangzhou", clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" };
const ACK_KEY = { id: "key-hzz62f1cb66fa42qo9l7h" };

/** Synthesizes the app into a fresh directory; returns the error message, or undefined. */
function synthError(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function newApp(): App {
  return new App({ outdir: mkdtempSync(path.join(tmpdir(), "cdktf-encryption-policy-")), context: { "cdktf-encryption:now": "2025-05-14T00:00:00Z" } });
}

function stackJson(app: App, stack: string): { resource: Record<string, Record<string, Record<string, unknown>>> } {
  return JSON.parse(readFileSync(path.join(app.outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
}

function verdictsOf(app: App, stack: string): unknown[] {
  const resources = stackJson(app, stack).resource.null_resource;
  return Object.values(resources).map((r) => (r["//"] as Record<string, unknown>)[VERDICTS_KEY]);
}

describe("each rule: a compliant and a violating stack", () => {
  test("SM4_REQUIRED: an AES DWS cluster fails, an SM4 one passes; ACK is always flagged", () => {
    const bad = newApp();
    const stack = new TerraformStack(bad, "dw");
    new EncryptedCluster(stack, "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY });
    Aspects.of(bad).add(new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED] }));
    const error = synthError(bad);
    expect(error).toContain("SM4_REQUIRED (error) at dw/warehouse: declared crypt_algorithm generalCipher (AES); the rule needs SMcompatible (SM4)");
    expect(error).toContain("Fix: set algorithm: CryptAlgorithm.SM4");
    expect(error).toContain('EncryptionPolicy.suppress(<the construct>, "SM4_REQUIRED", "<reason>")');

    const good = newApp();
    new EncryptedCluster(new TerraformStack(good, "dw"), "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY, algorithm: CryptAlgorithm.SM4 });
    Aspects.of(good).add(new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED] }));
    expect(synthError(good)).toBeUndefined();
    expect(verdictsOf(good, "dw")).toEqual([[{ rule: "SM4_REQUIRED", severity: "error", verdict: "pass" }]]);

    const ack = newApp();
    new EncryptedCluster(new TerraformStack(ack, "k8s"), "payments", { cluster: AckCluster.fromId(ACK), masterKey: ACK_KEY });
    Aspects.of(ack).add(new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED] }));
    expect(synthError(ack)).toContain("SM4_REQUIRED (error) at k8s/payments: declared ACK Secret encryption, whose keys can only be Aliyun_AES_256");
  });

  test("NO_DISABLE: enabled: false and RemovalPolicy.DISABLE fail, a retained declaration passes", () => {
    const bad = newApp();
    const stack = new TerraformStack(bad, "db");
    new BackupEncryption(stack, "orders", { instance: INSTANCE, enabled: false });
    new EncryptedCluster(stack, "payments", { cluster: AckCluster.fromId(ACK), masterKey: ACK_KEY, removalPolicy: RemovalPolicy.DISABLE });
    Aspects.of(bad).add(new EncryptionPolicy({ rules: [Rules.NO_DISABLE] }));
    const error = synthError(bad) ?? "";
    expect(error).toContain("NO_DISABLE (error) at db/orders: declared enabled: false");
    expect(error).toContain("NO_DISABLE (error) at db/payments: declared removalPolicy: RemovalPolicy.DISABLE");

    const good = newApp();
    new BackupEncryption(new TerraformStack(good, "db"), "orders", { instance: INSTANCE, kmsKeyId: TAURUS_KEY });
    Aspects.of(good).add(new EncryptionPolicy({ rules: [Rules.NO_DISABLE] }));
    expect(synthError(good)).toBeUndefined();
  });

  test("RETAIN_ON_DESTROY: DISABLE fails, RETAIN passes, DWS (one-way) always passes", () => {
    const bad = newApp();
    new BackupEncryption(new TerraformStack(bad, "db"), "orders", { instance: INSTANCE, kmsKeyId: TAURUS_KEY, removalPolicy: RemovalPolicy.DISABLE });
    Aspects.of(bad).add(new EncryptionPolicy({ rules: [Rules.RETAIN_ON_DESTROY] }));
    expect(synthError(bad)).toContain("RETAIN_ON_DESTROY (error) at db/orders: declared removalPolicy: RemovalPolicy.DISABLE; the rule needs RemovalPolicy.RETAIN");

    const good = newApp();
    const stack = new TerraformStack(good, "db");
    new BackupEncryption(stack, "orders", { instance: INSTANCE, kmsKeyId: TAURUS_KEY, removalPolicy: RemovalPolicy.RETAIN });
    new EncryptedCluster(stack, "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY });
    Aspects.of(good).add(new EncryptionPolicy({ rules: [Rules.RETAIN_ON_DESTROY] }));
    expect(synthError(good)).toBeUndefined();
  });

  test("rotationAtMost: a cluster without a rotation policy, or with a longer period, fails; a shorter one passes", () => {
    const missing = newApp();
    new EncryptedCluster(new TerraformStack(missing, "dw"), "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY });
    Aspects.of(missing).add(new EncryptionPolicy({ rules: [Rules.rotationAtMost(Duration.days(180))] }));
    expect(synthError(missing)).toContain("ROTATION_AT_MOST (error) at dw/warehouse: declared an encrypted DWS cluster without a KeyRotationPolicy; the rule needs a KeyRotationPolicy with rotationPeriod of at most 180d");

    const tooLong = newApp();
    const s1 = new TerraformStack(tooLong, "dw");
    const c1 = new EncryptedCluster(s1, "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY });
    new KeyRotationPolicy(s1, "rotation", { cluster: c1, rotationPeriod: Duration.days(365) });
    Aspects.of(tooLong).add(new EncryptionPolicy({ rules: [Rules.rotationAtMost(Duration.days(180))] }));
    const error = synthError(tooLong) ?? "";
    expect(error).toContain("ROTATION_AT_MOST (error) at dw/rotation: declared rotationPeriod 365d; the rule needs at most 180d");
    expect(error).not.toContain("at dw/warehouse");

    const good = newApp();
    const s2 = new TerraformStack(good, "dw");
    const c2 = new EncryptedCluster(s2, "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY });
    new KeyRotationPolicy(s2, "rotation", { cluster: c2, rotationPeriod: Duration.days(90) });
    Aspects.of(good).add(new EncryptionPolicy({ rules: [Rules.rotationAtMost(Duration.days(180))] }));
    expect(synthError(good)).toBeUndefined();
  });

  test.each([
    [Duration.hours(12), "max 12h is invalid: expected whole days from 1 to 365 (the KMS maximum)"],
    [Duration.days(366), "max 366d is invalid: expected whole days from 1 to 365"],
    [Duration.hours(36), "max 36h is invalid"],
    [90 as unknown as Duration, "max 90 is invalid: expected a Duration such as Duration.days(180)"],
  ])("rotationAtMost(%s) is refused with a clear error", (max, message) => {
    expect(() => Rules.rotationAtMost(max)).toThrow(message);
  });
});

describe("the whole app at once", () => {
  test("every violation of every stack is in one synth error", () => {
    const app = newApp();
    new EncryptedCluster(new TerraformStack(app, "dw"), "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY });
    new BackupEncryption(new TerraformStack(app, "db"), "orders", { instance: INSTANCE, enabled: false });
    Aspects.of(app).add(EncryptionPolicy.pack("mlps-level-3"));
    const error = synthError(app) ?? "";
    for (const expected of ["SM4_REQUIRED (error) at dw/warehouse", "ROTATION_AT_MOST (error) at dw/warehouse", "NO_DISABLE (error) at db/orders"]) {
      expect(error).toContain(expected);
    }
  });

  test("a policy on one stack holds only that stack", () => {
    const app = newApp();
    const strict = new TerraformStack(app, "strict");
    new EncryptedCluster(new TerraformStack(app, "loose"), "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY });
    new EncryptedCluster(strict, "warehouse", { cluster: DwsCluster.fromId({ ...DWS, clusterId: "5a0c6d1e-2f3b-4c5d-8e9f-a0b1c2d3e4f5" }), masterKey: DWS_KEY });
    Aspects.of(strict).add(new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED] }));
    const error = synthError(app) ?? "";
    expect(error).toContain("at strict/warehouse");
    expect(error).not.toContain("at loose/warehouse");
  });
});

describe("severity", () => {
  test("a rule set to warn prints a warning and lets the synth go on; the verdict is recorded for review", () => {
    const app = newApp();
    new EncryptedCluster(new TerraformStack(app, "dw"), "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY });
    Aspects.of(app).add(new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED.withSeverity(Severity.WARNING)] }));
    expect(synthError(app)).toBeUndefined();
    const manifest = JSON.parse(readFileSync(path.join(app.outdir, "manifest.json"), "utf8"));
    const warnings = manifest.stacks.dw.annotations.filter((a: { level: string }) => a.level === "@cdktf/warn");
    expect(warnings.map((w: { message: string }) => w.message)).toEqual([expect.stringContaining("SM4_REQUIRED (warning) at dw/warehouse")]);
    expect(verdictsOf(app, "dw")).toEqual([
      [{ rule: "SM4_REQUIRED", severity: "warning", verdict: "violation", finding: "declared crypt_algorithm generalCipher (AES); the rule needs SMcompatible (SM4)" }],
    ]);
  });
});

describe("suppressions", () => {
  test("with a reason: the finding is suppressed, the synth passes, the reason is recorded", () => {
    const app = newApp();
    const warehouse = new EncryptedCluster(new TerraformStack(app, "dw"), "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY });
    Aspects.of(app).add(new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED, Rules.NO_DISABLE] }));
    EncryptionPolicy.suppress(warehouse, "SM4_REQUIRED", "legacy BI cluster, migration ticket OPS-1234");
    expect(synthError(app)).toBeUndefined();
    expect(verdictsOf(app, "dw")).toEqual([
      [
        {
          rule: "SM4_REQUIRED",
          severity: "error",
          verdict: "suppressed",
          finding: "declared crypt_algorithm generalCipher (AES); the rule needs SMcompatible (SM4)",
          reason: "legacy BI cluster, migration ticket OPS-1234",
        },
        { rule: "NO_DISABLE", severity: "error", verdict: "pass" },
      ],
    ]);
  });

  test("a suppression on a stack covers every construct in it", () => {
    const app = newApp();
    const stack = new TerraformStack(app, "k8s");
    new EncryptedCluster(stack, "payments", { cluster: AckCluster.fromId(ACK), masterKey: ACK_KEY });
    Aspects.of(app).add(new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED] }));
    EncryptionPolicy.suppress(stack, "SM4_REQUIRED", "ACK keys are AES-256 only; compensating control SEC-77");
    expect(synthError(app)).toBeUndefined();
  });

  test("without a reason, or of an unknown rule: a synth error naming the construct", () => {
    const app = newApp();
    const warehouse = new EncryptedCluster(new TerraformStack(app, "dw"), "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY });
    Aspects.of(app).add(new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED] }));
    EncryptionPolicy.suppress(warehouse, "SM4_REQUIRED", "  ");
    EncryptionPolicy.suppress(warehouse, "SM4_REQURED", "typo");
    const error = synthError(app) ?? "";
    expect(error).toContain("EncryptionPolicy.suppress at dw/warehouse: the suppression of SM4_REQUIRED has no reason");
    expect(error).toContain('EncryptionPolicy.suppress at dw/warehouse: rule id "SM4_REQURED" is unknown: expected one of SM4_REQUIRED, ROTATION_AT_MOST, RETAIN_ON_DESTROY, NO_DISABLE');
    expect(error).toContain("SM4_REQUIRED (error) at dw/warehouse");
  });
});

describe("packs", () => {
  test("baseline passes a retained, rotated declaration set and has no SM4 rule", () => {
    const app = newApp();
    const stack = new TerraformStack(app, "dw");
    const cluster = new EncryptedCluster(stack, "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: DWS_KEY });
    new KeyRotationPolicy(stack, "rotation", { cluster, rotationPeriod: Duration.days(365) });
    new BackupEncryption(stack, "orders", { instance: INSTANCE, kmsKeyId: TAURUS_KEY });
    Aspects.of(app).add(EncryptionPolicy.pack("baseline"));
    expect(synthError(app)).toBeUndefined();
  });

  test("mlps-level-3 adds SM4 to the baseline", () => {
    expect(EncryptionPolicy.pack("mlps-level-3").rules.map((r) => r.id).sort()).toEqual(["NO_DISABLE", "RETAIN_ON_DESTROY", "ROTATION_AT_MOST", "SM4_REQUIRED"]);
    expect(EncryptionPolicy.pack("baseline").rules.map((r) => r.id).sort()).toEqual(["NO_DISABLE", "RETAIN_ON_DESTROY", "ROTATION_AT_MOST"]);
  });

  test("an unknown pack or rules that are not rules are refused naming what is allowed", () => {
    expect(() => EncryptionPolicy.pack("mlps-3")).toThrow('EncryptionPolicy.pack(name): name "mlps-3" is invalid: expected one of "baseline", "mlps-level-3"');
    expect(() => new EncryptionPolicy({ rules: ["SM4_REQUIRED"] as never })).toThrow('EncryptionPolicy: rules ["SM4_REQUIRED"] is invalid');
  });
});

test("docs/policy.md's rule table is generated from the rules", () => {
  const doc = readFileSync(path.join(__dirname, "../../../docs/policy.md"), "utf8");
  const table = /<!-- policy-rules:start -->\n([\s\S]*?)\n<!-- policy-rules:end -->/.exec(doc)?.[1];
  expect(table).toBe(ruleTableMarkdown());
});

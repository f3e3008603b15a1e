// Property-based bad input: every construct's props, generated from valid values, near
// misses and arbitrary JavaScript values. Each generated set either synthesizes or fails in
// cdktf's validation phase with one line per problem naming the construct's path, the bad
// prop, its value and the rule: never a TypeError, never a stack trace as the message.
import { TerraformStack, Testing } from "cdktf";
import * as fc from "fast-check";
import { Construct } from "constructs";
import { AckCluster, BackupEncryption, CryptAlgorithm, Duration, DwsCluster, EncryptedCluster, HookEngine, KeyRotationPolicy, RemovalPolicy } from "../../../lib";
import { synthValidated } from "../../support/synth-validated";

const SEED = 20250514;
const RUNS = 300;

/** Arbitrary JavaScript values, including the ones JSON cannot print (bigint, symbols, functions). */
const anything = fc.oneof(
  fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }),
  fc.constantFrom<unknown>(Symbol("s"), () => 1, NaN, Infinity, -0, "", " ", "\u0000", "a\nb", new Date(Number.NaN)),
);

/** A value that is right, slightly wrong, missing or anything at all. */
function field<T>(valid: fc.Arbitrary<T>, nearMiss: fc.Arbitrary<unknown> = fc.string()): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 16, arbitrary: valid }, { weight: 2, arbitrary: nearMiss }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: anything });
}

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const uuid = fc.uuid();
const huaweiRegion = fc.constantFrom("cn-north-4", "cn-east-3", "ap-southeast-1", "eu-west-101");
const projectId = hex(32);
const instanceId = hex(32).map((h) => `${h}in07`);
const alibabaRegion = fc.constantFrom("cn-hangzhou", "cn-shanghai", "ap-southeast-1");
const ackClusterId = hex(32).map((h) => `c${h}`);
const alibabaKeyId = fc.stringMatching(/^key-[a-z0-9]{21}$/);
const keyName = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);

/** Durations: whole amounts in range, fractions, zero, huge; and things that are not Durations. */
const duration = fc.oneof(
  fc.integer({ min: 0, max: 4000 }).map((n) => Duration.days(n)),
  fc.integer({ min: 0, max: 2000 }).map((n) => Duration.minutes(n)),
  fc.double({ min: 0, max: 1e7, noNaN: true }).map((n) => Duration.seconds(n)),
  fc.double({ min: 0, max: 400, noNaN: true }).map((n) => Duration.days(n)),
);
const timeout = field(fc.integer({ min: 1, max: 1440 }).map((n) => Duration.minutes(n)), duration);
const engine = field(fc.constantFrom(HookEngine.NULL_RESOURCE, HookEngine.TERRAFORM_DATA), fc.constantFrom("terraform-data", "NULL_RESOURCE", "null"));
const removalPolicy = field(fc.constantFrom(RemovalPolicy.RETAIN, RemovalPolicy.DISABLE), fc.constantFrom("destroy", "RETAIN", "Retain"));
const enabled = field(fc.boolean(), fc.constantFrom("true", 1, 0, "false"));

/**
 * What a refusal must look like: cdktf's validation error listing one line per problem,
 * `[<construct path>] <Construct>: <prop> <value> is invalid: expected <rule>` (or `<prop> is
 * missing: expected <rule>`), and no stack trace in the message.
 */
function expectClearRefusal(error: unknown, construct: string, props: readonly string[]): void {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.startsWith("Validation failed with the following errors:\n")) {
    throw new Error(`expected cdktf's validation error, got ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`);
  }
  const prop = `(?:${props.map((p) => p.replace(/\./g, "\\.")).join("|")})`;
  const problem = new RegExp(`^\\[s/[^\\]]+\\] ${construct}: ${prop} (?:[^]+? is invalid|is missing): expected [^]+$`);
  const lines = message.split("\n").filter((line) => line.startsWith("  [")).map((line) => line.trim());
  if (lines.length === 0) throw new Error(`no problem listed: ${message}`);
  for (const line of lines) {
    if (!problem.test(line)) throw new Error(`the line is not "[path] ${construct}: <prop> <value> is invalid: expected <rule>": ${line}`);
  }
  expect(message).not.toMatch(/\n\s+at /);
}

function stack(): TerraformStack {
  return new TerraformStack(Testing.app({ context: { "cdktf-encryption:now": "2025-05-14T08:00:00Z" } }), "s");
}

/** Builds and synthesizes; returns the error thrown, if any. */
function attempt(build: (scope: Construct) => void): unknown {
  try {
    const s = stack();
    build(s);
    synthValidated(s);
    return undefined;
  } catch (error) {
    return error;
  }
}

function check(props: fc.Arbitrary<Record<string, unknown>>, construct: string, names: readonly string[], build: (scope: Construct, props: Record<string, unknown>) => void, validEngine: (p: Record<string, unknown>) => boolean): void {
  let synthesized = 0;
  let refused = 0;
  fc.assert(
    fc.property(props, (p) => {
      const error = attempt((scope) => build(scope, p));
      if (error === undefined) {
        synthesized++;
        // A hook engine that is not one of the choices must not silently pick one.
        if (!validEngine(p)) throw new Error(`synthesized with hookEngine ${String(p.hookEngine)}`);
        return;
      }
      refused++;
      expectClearRefusal(error, construct, names);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  // Both sides of the property were exercised, so it says something.
  expect(synthesized).toBeGreaterThan(RUNS / 20);
  expect(refused).toBeGreaterThan(RUNS / 20);
}

const engineOk = (p: Record<string, unknown>) => p.hookEngine === undefined || p.hookEngine === HookEngine.NULL_RESOURCE || p.hookEngine === HookEngine.TERRAFORM_DATA;

test("BackupEncryption: every generated props value synthesizes or is refused naming the prop and the rule", () => {
  const props = fc.record({
    instance: field(
      fc.record({ region: field(huaweiRegion), projectId: field(projectId), instanceId: field(instanceId, hex(32).map((h) => `${h}in01`)) }),
    ),
    kmsKeyId: field(uuid, fc.constantFrom("alias/backup", "b82fa43f")),
    enabled,
    removalPolicy,
    timeout,
    hookEngine: engine,
  });
  check(
    props,
    "BackupEncryption",
    ["instance", "instance.region", "instance.projectId", "instance.instanceId", "kmsKeyId", "enabled", "removalPolicy", "timeout", "hookEngine"],
    (scope, p) => new BackupEncryption(scope, "b", p as never),
    engineOk,
  );
});

const dwsCluster = fc.record({ region: field(huaweiRegion), projectId: field(projectId), clusterId: field(uuid) }).map((a) => DwsCluster.fromId(a as never));
const ackCluster = fc.record({ region: field(alibabaRegion), clusterId: field(ackClusterId, hex(32)) }, { requiredKeys: ["clusterId"] }).map((r) => AckCluster.fromId(r as never));
const ENCRYPTED_CLUSTER_PROPS = ["cluster", "cluster.region", "cluster.projectId", "cluster.clusterId", "masterKey", "masterKey.id", "masterKey.name", "algorithm", "enabled", "removalPolicy", "timeout", "hookEngine"];

test("EncryptedCluster (DwsCluster and AckCluster targets): every generated props value synthesizes or is refused naming the prop and the rule", () => {
  const common = { enabled, removalPolicy, timeout, hookEngine: engine };
  const dws = fc.record({
    ...common,
    cluster: dwsCluster,
    masterKey: field(fc.record({ id: field(uuid, alibabaKeyId), name: field(keyName, fc.constant("")) }, { requiredKeys: ["id"] })),
    algorithm: field(fc.constantFrom(CryptAlgorithm.AES, CryptAlgorithm.SM4), fc.constantFrom("AES", "sm4")),
    enabled: field(fc.constant(true), fc.constant(false)),
    removalPolicy: field(fc.constant(RemovalPolicy.RETAIN), fc.constant(RemovalPolicy.DISABLE)),
  });
  const ack = fc.record({
    ...common,
    cluster: ackCluster,
    masterKey: field(fc.record({ id: field(alibabaKeyId, uuid) }), fc.record({ id: alibabaKeyId, name: keyName })),
    algorithm: field(fc.constant(undefined), fc.constantFrom(CryptAlgorithm.AES, "AES")),
  });
  const other = fc.record({ ...common, cluster: anything, masterKey: anything, algorithm: anything });
  const props = fc.oneof({ weight: 4, arbitrary: dws }, { weight: 4, arbitrary: ack }, { weight: 1, arbitrary: other }) as fc.Arbitrary<Record<string, unknown>>;
  check(props, "EncryptedCluster", ENCRYPTED_CLUSTER_PROPS, (scope, p) => new EncryptedCluster(scope, "c", p as never), engineOk);
});

test("KeyRotationPolicy: every generated props value synthesizes or is refused naming the prop and the rule", () => {
  type Target = { type: "encrypted-dws" | "encrypted-ack" | "dws" | "other"; value?: unknown };
  const target: fc.Arbitrary<Target> = fc.oneof(
    fc.constant<Target>({ type: "encrypted-dws" }),
    fc.constant<Target>({ type: "encrypted-ack" }),
    fc.constant<Target>({ type: "dws" }),
    anything.map<Target>((value) => ({ type: "other", value })),
  );
  const props = fc.record({
    target,
    rotationPeriod: field(fc.integer({ min: 1, max: 3650 }).map((n) => Duration.days(n)), duration),
    checkInterval: field(fc.integer({ min: 1, max: 30 }).map((n) => Duration.days(n)), duration),
    masterKey: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.record({ id: field(uuid) }) }, { weight: 1, arbitrary: anything }),
    timeout,
    hookEngine: engine,
  });
  const KEY = "0f3196c8-5c23-469f-84da-92ecd2499dce";
  const dws = () => DwsCluster.fromId({ region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" });
  check(
    props as fc.Arbitrary<Record<string, unknown>>,
    "KeyRotationPolicy",
    ["cluster", "cluster.region", "cluster.projectId", "cluster.clusterId", "masterKey", "masterKey.id", "rotationPeriod", "checkInterval", "timeout", "hookEngine"],
    (scope, p) => {
      const t = p.target as Target;
      let cluster: unknown;
      if (t.type === "encrypted-dws") cluster = new EncryptedCluster(scope, "c", { cluster: dws(), masterKey: { id: KEY } });
      else if (t.type === "encrypted-ack") cluster = new EncryptedCluster(scope, "c", { cluster: AckCluster.fromId({ region: "cn-hangzhou", clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" }), masterKey: { id: "key-hzz6payments0secrets01" } });
      else if (t.type === "dws") cluster = dws();
      else cluster = t.value;
      const { target: _t, ...rest } = p;
      new KeyRotationPolicy(scope, "r", { ...rest, cluster } as never);
    },
    engineOk,
  );
});

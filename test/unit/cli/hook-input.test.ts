import { runHook } from "../../../lib/cli/hook";
import { MemoryLog } from "../../../lib/runtime/log";
import { kindOf } from "../../../lib/kinds/index";
import { firstDuplicateKey } from "../../../lib/contract/duplicate-keys";
import { RECONCILE_TRIGGER } from "../../../lib/contract/reconcile-trigger";
import { parseSpecJson } from "../../../lib/contract/spec";
import { ACK_SPEC, TAURUSDB_SPEC } from "../../support/spec-fixtures";

const VALID = TAURUSDB_SPEC;
const DWS_SPEC = {
  spec_version: "1",
  kind: "dws.cluster-encryption",
  region: "cn-north-4",
  project_id: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  cluster_id: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd",
  master_key_id: "0f3196c8-5c23-469f-84da-92ecd2499dce",
  crypt_algorithm: "generalCipher",
  timeout: "1h",
};

async function hook(spec: string | undefined, action = "apply"): Promise<{ code: number; lines: string[] }> {
  const log = new MemoryLog();
  const env: NodeJS.ProcessEnv = { CDKTF_ENCRYPTION_ENDPOINT: "http://127.0.0.1:9", HW_ACCESS_KEY: "AKHOOKINPUT000000001", HW_SECRET_KEY: "hook-input-secret-000000000000000001" };
  if (spec !== undefined) env.CDKTF_ENCRYPTION_SPEC = spec;
  let now = Date.now();
  const instantClock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
  const code = await runHook([action], { env, log, clock: instantClock });
  return { code, lines: log.lines };
}

test.each([
  ["no Spec at all", undefined, "error: no Spec given: CDKTF_ENCRYPTION_SPEC is empty"],
  ["a truncated Spec", JSON.stringify(VALID).slice(0, 50), "error: the Spec is not valid JSON (truncated or tampered?)"],
  ["a Spec that is an array", "[]", "error: the Spec must be a JSON object of strings"],
  ["a non-string field", JSON.stringify({ ...VALID, timeout: 3600 }), "error: Spec field timeout must be a string, got 3600"],
  ["an unknown kind", JSON.stringify({ ...VALID, kind: "rds.tde" }), 'error: Spec field kind "rds.tde" is unknown: expected one of taurusdb.backup-encryption'],
  ["a Spec from a newer version", JSON.stringify({ ...VALID, spec_version: "2" }), "error: the Spec has spec_version 2, newer than this hook understands (1)"],
  ["no spec_version", JSON.stringify({ ...VALID, spec_version: undefined }), 'error: Spec field spec_version undefined is invalid: expected a whole number'],
  ["a tampered instance id", JSON.stringify({ ...VALID, instance_id: "../../etc/passwd" }), 'error: Spec field instance_id "../../etc/passwd" is invalid: expected 36 letters or digits ending in in07'],
  ["a tampered encryption value", JSON.stringify({ ...VALID, encryption: "maybe" }), 'error: Spec field encryption "maybe" is invalid: expected one of on, off'],
  ["a missing key while on", JSON.stringify({ ...VALID, kms_key_id: "" }), "error: Spec field kms_key_id is missing"],
  ["a bad timeout", JSON.stringify({ ...VALID, timeout: "forever" }), 'error: Spec field timeout "forever" is invalid: expected a duration such as 45s, 60m, 2h or 90d'],
])("%s is refused with one clear line and no call", async (_name, spec, message) => {
  const { code, lines } = await hook(spec);
  expect(code).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith(message)).toBe(true);
  expect(lines[0]).not.toMatch(/\n|\bat \S+:\d+/);
});

test("an unknown action is refused", async () => {
  const { code, lines } = await hook(JSON.stringify(VALID), "upgrade");
  expect(code).toBe(64);
  expect(lines).toEqual(['error: unknown hook action "upgrade": expected apply or destroy (see `cdktf-encryption hook --help`)']);
});

test("missing credentials are explained, naming the variables to set", async () => {
  const log = new MemoryLog();
  // Nothing configured: the last source is the ECS metadata service, here a closed loopback port.
  const env = { CDKTF_ENCRYPTION_SPEC: JSON.stringify(VALID), CDKTF_ENCRYPTION_ENDPOINT: "http://127.0.0.1:9", CDKTF_ENCRYPTION_HUAWEI_METADATA_URL: "http://127.0.0.1:9", HOME: "/nonexistent" };
  const code = await runHook(["apply"], { env, log });
  expect(code).toBe(1);
  const printed = log.lines.filter((line) => !line.startsWith("[debug]"));
  expect(printed).toHaveLength(1);
  expect(printed[0]).toMatch(
    /^error: Huawei Cloud credentials \(no source\): no credentials found; tried in order: IAM token \(HW_AUTH_TOKEN and OS_AUTH_TOKEN are not set\); .*ECS instance agency \(metadata\) \(no answer from the metadata service http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\).*Check: set HW_ACCESS_KEY\/HW_SECRET_KEY, HW_AUTH_TOKEN, /,
  );
});

test("an unreachable endpoint is one line naming the operation and what to check", async () => {
  const { code, lines } = await hook(JSON.stringify(VALID));
  expect(code).toBe(1);
  expect(lines.at(-1)).toMatch(
    /^error: TaurusDB ShowBackupEncryptStatus on instance 7033e7c3cf93438797d44ad7ae0a7d95in07 failed: ECONNREFUSED: .*Check: that http:\/\/127\.0\.0\.1:9 is reachable from this machine$/,
  );
});

describe("every kind refuses a tampered, truncated or newer Spec with one line and no call", () => {
  const SPECS: Record<string, Record<string, string>> = {
    "dws.cluster-encryption": DWS_SPEC,
    "ack.secret-encryption": ACK_SPEC,
  };
  const cases: [string, string, RegExp][] = [];
  for (const [kind, spec] of Object.entries(SPECS)) {
    cases.push([kind, JSON.stringify(spec).slice(0, 60), /^error: the Spec is not valid JSON \(truncated or tampered\?\)/]);
    cases.push([kind, JSON.stringify({ ...spec, spec_version: "9" }), /^error: the Spec has spec_version 9, newer than this hook understands \(1\)/]);
    cases.push([kind, JSON.stringify({ ...spec, cluster_id: "../../etc/passwd" }), /^error: Spec field cluster_id "\.\.\/\.\.\/etc\/passwd" is invalid: expected /]);
    cases.push([kind, JSON.stringify({ ...spec, timeout: "1y" }), /^error: Spec field timeout "1y" is invalid: expected /]);
  }
  test.each(cases)("%s: %s", async (_kind, spec, message) => {
    const { code, lines } = await hook(spec);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});

describe("the hook's input is strict: nothing is dropped, nothing is read twice, the constructs' ranges hold", () => {
  const KINDS: Record<string, Record<string, string>> = {
    "taurusdb.backup-encryption": VALID,
    "dws.cluster-encryption": DWS_SPEC,
    "dws.key-rotation": {
      spec_version: "1",
      kind: "dws.key-rotation",
      region: "cn-north-4",
      project_id: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
      cluster_id: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd",
      master_key_id: "",
      rotation_period: "90d",
      check_interval: "9d",
      rotation_window: "2026-11-27",
      timeout: "1h",
    },
    "ack.secret-encryption": ACK_SPEC,
  };
  const cases: [string, string, string][] = [];
  for (const [kind, spec] of Object.entries(KINDS)) {
    cases.push([kind, JSON.stringify({ ...spec, removal_polcy: "destroy" }), `error: Spec field removal_polcy is unknown to ${kind}: expected only spec_version, kind, `]);
    cases.push([kind, JSON.stringify(spec).replace(/}$/, `,"timeout":"24h"}`), "error: Spec field timeout appears twice (tampered?): each field may be given once"]);
    cases.push([kind, JSON.stringify(spec).replace(/}$/, `,"\\u0074imeout":"24h"}`), "error: Spec field timeout appears twice"]);
    cases.push([kind, JSON.stringify({ ...spec, timeout: "5s" }), 'error: Spec field timeout "5s" is invalid: expected between 10 seconds and 24 hours, in whole seconds']);
    cases.push([kind, JSON.stringify({ ...spec, timeout: "2d" }), 'error: Spec field timeout "2d" is invalid: expected between 10 seconds and 24 hours']);
  }
  test.each(Object.entries(KINDS))("%s: the Spec each case below changes in one place is accepted as it is, and beside ReconcileOnEveryDeploy's trigger", (_kind, spec) => {
    for (const text of [JSON.stringify(spec), JSON.stringify({ ...spec, [RECONCILE_TRIGGER]: "2026-12-01T14:00:00Z" })]) {
      const map = parseSpecJson(text);
      expect(() => kindOf(map).parse(map)).not.toThrow();
    }
  });

  test.each(cases)("%s: %s is refused before any call", async (_kind, spec, message) => {
    const { code, lines } = await hook(spec);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(message)).toBe(true);
  });

  test("a duplicate key is found at any depth and inside strings nothing is mistaken for a key", () => {
    expect(firstDuplicateKey('{"a":"x","b":{"c":1,"c":2}}')).toBe("c");
    expect(firstDuplicateKey('{"a":"{\\"a\\":1}","b":["a","a"],"c":[{"a":1},{"a":2}]}')).toBeUndefined();
  });

  test("the bounds of the hook are the constructs' bounds, both ends included", () => {
    for (const [timeout, ok] of [["10s", true], ["9s", false], ["24h", true], ["86401s", false]] as const) {
      const parse = () => kindOf(parseSpecJson(JSON.stringify({ ...VALID, timeout }))).parse(parseSpecJson(JSON.stringify({ ...VALID, timeout })));
      if (ok) expect(parse).not.toThrow();
      else expect(parse).toThrow("expected between 10 seconds and 24 hours");
    }
  });
});

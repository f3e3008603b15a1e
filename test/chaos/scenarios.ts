import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { AckCluster, BackupEncryption, Duration, DwsCluster, EncryptedCluster, KeyRotationPolicy, RemovalPolicy } from "../../lib";
import { HOOK_ENGINE_CONTEXT_KEY, HookEngine } from "../../lib/constructs/hook-engine";
import { Emulator } from "../../lib/emulator/emulator-server";
import { FaultRule } from "../../lib/emulator/faults";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { FORGED_LINE } from "../support/hostile-text";
import { hostileNames } from "./hostile-names";
import { Random } from "./random";

/** One injected trouble: a fault rule for the gateway, or a state the cloud is put in. */
export interface Fault {
  /** Short name for the table, e.g. `503 SetBackupEncryption`. */
  readonly label: string;
  /** The family it belongs to (5xx, throttle, reset, slow, malformed, busy-code, job-fail, …). */
  readonly family: string;
  readonly rule?: FaultRule;
  /** Changes the cloud's state before the run (a busy instance, a job that will fail, …). */
  readonly apply?: (emulator: Emulator) => void;
  /** Ends that state again before the clean run that follows (the busy task finishes, …). */
  readonly lift?: (emulator: Emulator) => void;
}

/**
 * One deploy of one construct, as the fault campaign runs it: the declaration, how to tell
 * the declared state was reached, which changes it intends, and the faults that fit it.
 */
export interface Scenario {
  /** `taurusdb off→on`. */
  readonly name: string;
  /** The Spec kind, e.g. `taurusdb.backup-encryption`. */
  readonly kind: string;
  /** Declares the construct in a stack (for real terraform runs, and to take the Spec from). */
  readonly declare: (stack: TerraformStack) => void;
  /** Puts the emulated cloud in the scenario's starting state (after a reset). */
  readonly prepare?: (emulator: Emulator) => void;
  /** Whether the cloud reads as declared. `since` is the emulated time the first run started. */
  readonly reached: (emulator: Emulator, since: number) => boolean;
  /**
   * Mutating operations and how many times each must be carried out for the declared state,
   * given what the cloud did (a conversion job that ended FAIL or STOP must be submitted again).
   */
  readonly intended: (emulator: Emulator) => Readonly<Record<string, number>>;
  /**
   * Mutating operations the client marks idempotent (a declarative set: repeating it after a
   * lost answer changes nothing). Their repeats are counted apart from duplicates.
   */
  readonly idempotent: readonly string[];
  /** Emulated seconds per real second for runs on the real clock (hook process, terraform). */
  readonly realTimeRate: number;
  /** Draws one fault for this scenario. */
  readonly fault: (random: Random, requestTimeoutMs: number) => Fault;
}

const HW = EMULATOR_CREDENTIALS.huawei;
const ALI = EMULATOR_CREDENTIALS.alibaba;
export const IDS = {
  orders: "7033e7c3cf93438797d44ad7ae0a7d95in07",
  ledger: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07",
  backupKey: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
  warehouse: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd",
  analytics: "9f76c502-fc9c-4a52-8656-65d0da6e3d57",
  dwsKey: "0f3196c8-5c23-469f-84da-92ecd2499dce",
  payments: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6",
  ledgerK8s: "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a",
  ackKey: "key-hzz6payments0secrets01",
  ackKey2: "key-hzz6payments0secrets02",
} as const;

/** Longest wait of a scenario run: short enough that a virtual-clock run stays inside the gateways' 15-minute signature window. */
const TIMEOUT = Duration.minutes(6);

type Snapshot = Record<string, { instances?: Record<string, unknown>[]; clusters?: Record<string, unknown>[] }>;

function find(emulator: Emulator, service: string, idField: string, id: string): Record<string, unknown> {
  const state = emulator.snapshot() as Snapshot;
  const list = state[service]?.instances ?? state[service]?.clusters ?? [];
  const item = list.find((x) => x[idField] === id);
  if (!item) throw new Error(`no ${service} resource ${id} in the emulator`);
  return item;
}

function emulatedIso(emulator: Emulator, seconds: number): string {
  return new Date(emulator.clock.now() + seconds * 1000).toISOString();
}

// ---- generic faults, drawn for any operation of a service -------------------------------

interface ServiceFaults {
  readonly reads: readonly string[];
  readonly mutating: readonly string[];
  /** Service error code for a 5xx. */
  readonly serverCode: (status: number) => string;
  readonly throttleCode: string;
}

const HUAWEI_5XX = (status: number) => (status === 503 ? "SYS.0503" : status === 502 ? "APIGW.0502" : "SYS.0500");
const ALIBABA_5XX = (status: number) => (status === 503 ? "ServiceUnavailable" : "InternalError");

/** 5xx, 429 with retry-after, connection resets, answers slower than the client timeout, garbage bodies. */
function genericFault(random: Random, s: ServiceFaults, requestTimeoutMs: number): Fault {
  const operation = random.pick([...s.reads, ...s.mutating]);
  const mutating = s.mutating.includes(operation);
  // `after`: the service does the work, then the answer is lost. Only for failures that can
  // really hide work done (500/502/504, resets, timeouts, garbage): a 503 or a 429 is a
  // refusal before any work, by the services' contracts.
  const after = mutating && random.chance(0.5);
  const family = random.pick(["5xx", "throttle", "reset", "slow", "malformed", "5xx", "throttle", "reset", "slow", "malformed", ...HOSTILE_FAMILIES] as const);
  switch (family) {
    case "5xx": {
      const status = random.pick([500, 502, 503, 504]);
      const hides = status !== 503 && after;
      return { family, label: `${status}${hides ? " after work" : ""} ${operation}`, rule: { operation, status, code: s.serverCode(status), count: random.int(1, 3), after: hides } };
    }
    case "throttle": {
      const retryAfter = random.int(1, 3);
      return { family, label: `429 retry-after ${retryAfter}s ${operation}`, rule: { operation, status: 429, code: s.throttleCode, retry_after: retryAfter, count: random.int(1, 2) } };
    }
    case "reset":
      return { family, label: `reset${after ? " after work" : ""} ${operation}`, rule: { operation, reset: true, count: random.int(1, 2), after } };
    case "slow":
      // Answered after the client gave up; the work (if any) is done meanwhile.
      return { family, label: `slower than timeout ${operation}`, rule: { operation, latency_ms: requestTimeoutMs + 400, count: 1 } };
    case "malformed": {
      const body = random.pick(["html", "not-json", "truncated", "empty"] as const);
      const status = body === "html" ? random.pick([200, 502]) : random.pick([200, 500]);
      return { family, label: `${body} body (HTTP ${status})${after ? " after work" : ""} ${operation}`, rule: { operation, body, status, count: random.int(1, 2), after } };
    }
    case "trickle":
      // A byte every 20 ms of a 400-byte answer: 8 s, far past the per-attempt limit, while no idle timeout fires.
      return { family, label: `trickled body${after ? " after work" : ""} ${operation}`, rule: { operation, trickle_ms: 20, json: { padding: "x".repeat(400) }, count: random.int(1, 2), after } };
    case "interim-1xx":
      return { family, label: `endless 102 Processing${after ? " after work" : ""} ${operation}`, rule: { operation, interim_ms: 30, count: random.int(1, 2), after } };
    case "long-retry-after": {
      const retryAfter = random.pick([3600, 86400, 2 ** 31]);
      return { family, label: `429 retry-after ${retryAfter}s ${operation}`, rule: { operation, status: 429, code: s.throttleCode, retry_after: retryAfter, count: 1 } };
    }
    case "oversized":
      return { family, label: `6 MB answer${after ? " after work" : ""} ${operation}`, rule: { operation, body_bytes: 6 * 1024 * 1024, count: 1, after } };
    case "control-chars":
      return {
        family,
        label: `control characters in code, message, request id ${operation}`,
        rule: {
          operation,
          status: 400,
          json: {
            error_code: `Forged.Code\n${FORGED_LINE}\u001b[2J`,
            error_msg: `denied\n${FORGED_LINE}\u001b[31m echo ${EMULATOR_CREDENTIALS.huawei.accessKey} ${EMULATOR_CREDENTIALS.alibaba.accessKeyId} ${"x".repeat(5000)}`,
            code: `Forged.Code\n${FORGED_LINE}\u001b[2J`,
            message: `denied\n${FORGED_LINE}\u001b[31m echo ${EMULATOR_CREDENTIALS.alibaba.accessKeyId} ${"x".repeat(5000)}`,
            requestId: `req\r\n${FORGED_LINE}\u001b]0;t\u0007`,
          },
          count: 1,
        },
      };
    case "hostile-names":
      return hostileNames();
    case "rate-limit": {
      const perSecond = random.pick([2, 5]);
      return { family, label: `gateway limit ${perSecond} requests/s`, rule: { operation: "*", rate_limit: perSecond } };
    }
  }
}

/** Fault families of hostile or unbounded answers (issue 15). */
const HOSTILE_FAMILIES = ["trickle", "interim-1xx", "long-retry-after", "oversized", "control-chars", "rate-limit", "hostile-names"] as const;

/** A line a hostile answer tries to print as if it were the tool's: it must never start a line of output. */
export { FORGED_LINE } from "../support/hostile-text";

// ---- TaurusDB ------------------------------------------------------------------------------

const TAURUSDB: ServiceFaults = {
  reads: ["ShowBackupEncryptStatus", "ShowInstanceDetail"],
  mutating: ["SetBackupEncryption"],
  serverCode: HUAWEI_5XX,
  throttleCode: "APIGW.0308",
};
const TAURUSDB_BUSY = ["DBS.200019", "DBS.201014", "DBS.201015", "DBS.200047", "DBS.05000084", "DBS.212033"];

function taurusDbFault(random: Random, timeoutMs: number): Fault {
  const r = random.next();
  if (r < 0.2) {
    const code = random.pick(TAURUSDB_BUSY);
    return { family: "taurusdb-409", label: `409 ${code} SetBackupEncryption`, rule: { operation: "SetBackupEncryption", status: 409, code, count: random.int(1, 3) } };
  }
  if (r < 0.3) {
    const seconds = random.int(5, 90);
    const status = random.pick(["BACKING UP", "MODIFYING", "REBOOTING"]);
    return {
      family: "busy-resource",
      label: `instance ${status} for ${seconds}s`,
      apply: (e) => {
        for (const id of [IDS.orders, IDS.ledger]) e.service("taurusdb").patch(id, { status, busy_until: emulatedIso(e, seconds) });
      },
      lift: (e) => {
        for (const id of [IDS.orders, IDS.ledger]) e.service("taurusdb").patch(id, { busy_until: emulatedIso(e, 0) });
      },
    };
  }
  return genericFault(random, TAURUSDB, timeoutMs);
}

function backupEncryption(props: { instanceId: string; enabled: boolean }) {
  return (stack: TerraformStack) => {
    new BackupEncryption(stack, "backups", {
      instance: { region: HW.region, projectId: HW.projectId, instanceId: props.instanceId },
      kmsKeyId: props.enabled ? IDS.backupKey : undefined,
      enabled: props.enabled,
      removalPolicy: RemovalPolicy.RETAIN,
      timeout: TIMEOUT,
    });
  };
}

// ---- GaussDB(DWS) --------------------------------------------------------------------------

const DWS: ServiceFaults = {
  reads: ["ShowClusterEncryptInfo", "ShowClusterDetail", "ShowJob"],
  mutating: ["EncryptCluster", "RotateClusterKey"],
  serverCode: (status) => (status === 500 ? "DWS.9999" : HUAWEI_5XX(status)),
  throttleCode: "APIGW.0308",
};

function dwsFault(clusterId: string, converts: boolean) {
  return (random: Random, timeoutMs: number): Fault => {
    const r = random.next();
    const mutating = converts ? "EncryptCluster" : "RotateClusterKey";
    if (r < 0.2) {
      return { family: "dws-7023", label: `403 DWS.7023 ${mutating}`, rule: { operation: mutating, status: 403, code: "DWS.7023", count: random.int(1, 4) } };
    }
    if (converts && r < 0.3) {
      const outcome = random.pick(["FAIL", "STOP"] as const);
      return {
        family: "job-fail-stop",
        label: `conversion job ends ${outcome}`,
        apply: (e) => e.service("dws").patch(clusterId, { next_job_outcome: outcome }),
        // The failed job's end also starts DWS's post-operation DWS.7023 window: the clean run starts after it.
        lift: (e) => e.service("dws").patch(clusterId, { next_job_outcome: null, cooldown_until: null }),
      };
    }
    if (r < 0.38) {
      const seconds = random.int(5, 90);
      return {
        family: "busy-resource",
        label: `cluster SNAPSHOTTING for ${seconds}s`,
        apply: (e) => e.service("dws").patch(clusterId, { task_status: "SNAPSHOTTING", action_progress: { SNAPSHOTTING: "20%" }, busy_until: emulatedIso(e, seconds) }),
        // The task ends and so does DWS's post-operation DWS.7023 window it would open.
        lift: (e) => e.service("dws").patch(clusterId, { busy_until: null, task_status: null, action_progress: {}, cooldown_until: null }),
      };
    }
    const fault = genericFault(random, { ...DWS, mutating: [mutating], reads: converts ? DWS.reads : ["ShowClusterEncryptInfo"] }, timeoutMs);
    return fault;
  };
}

function dwsTime(text: unknown): number {
  return typeof text === "string" ? Date.parse(`${text.replace(" ", "T")}Z`) : Number.NaN;
}

// ---- ACK -----------------------------------------------------------------------------------

const ACK: ServiceFaults = {
  reads: ["DescribeClusterDetail"],
  mutating: ["UpdateKMSEncryption"],
  serverCode: ALIBABA_5XX,
  throttleCode: "Throttling.User",
};

function ackFault(clusterId: string) {
  return (random: Random, timeoutMs: number): Fault => {
    const r = random.next();
    if (r < 0.15) {
      const seconds = random.int(30, 300);
      return {
        family: "ack-409-cooldown",
        label: `409 cool-down for ${seconds}s`,
        apply: (e) => e.service("ack").patch(clusterId, { cool_down_until: emulatedIso(e, seconds) }),
        lift: (e) => e.service("ack").patch(clusterId, { cool_down_until: null }),
      };
    }
    if (r < 0.25) {
      return { family: "ack-409-cooldown", label: "409 Conflict UpdateKMSEncryption", rule: { operation: "UpdateKMSEncryption", status: 409, code: "Conflict", count: random.int(1, 2) } };
    }
    return genericFault(random, ACK, timeoutMs);
  };
}

/** ACK's update takes a few emulated seconds; on the real clock it is stretched so a waiter sees `updating`. */
function ackTimings(emulator: Emulator, clusterId: string): void {
  emulator.service("ack").patch(clusterId, { update_lag_seconds: 20, update_seconds: 40 });
}

function ackCluster(clusterId: string, keyId: string) {
  return (stack: TerraformStack) => {
    new EncryptedCluster(stack, "secrets", {
      cluster: AckCluster.fromId({ region: ALI.region, clusterId }),
      masterKey: { id: keyId },
      removalPolicy: RemovalPolicy.RETAIN,
      timeout: TIMEOUT,
    });
  };
}

function ackReached(clusterId: string, keyId: string) {
  return (e: Emulator) => {
    const c = find(e, "ack", "cluster_id", clusterId);
    return c.secret_encryption === "on" && c.encryption_kms_key_id === keyId && c.state === "running";
  };
}

// ---- the scenarios -------------------------------------------------------------------------

export const SCENARIOS: readonly Scenario[] = [
  {
    name: "taurusdb off→on",
    kind: "taurusdb.backup-encryption",
    declare: backupEncryption({ instanceId: IDS.orders, enabled: true }),
    reached: (e) => {
      const i = find(e, "taurusdb", "instance_id", IDS.orders);
      return i.backup_encryption === "on" && i.kms_key_id === IDS.backupKey;
    },
    intended: () => ({ SetBackupEncryption: 1 }),
    idempotent: ["SetBackupEncryption"],
    realTimeRate: 10,
    fault: taurusDbFault,
  },
  {
    name: "taurusdb on→off",
    kind: "taurusdb.backup-encryption",
    declare: backupEncryption({ instanceId: IDS.ledger, enabled: false }),
    reached: (e) => find(e, "taurusdb", "instance_id", IDS.ledger).backup_encryption === "off",
    intended: () => ({ SetBackupEncryption: 1 }),
    idempotent: ["SetBackupEncryption"],
    realTimeRate: 10,
    fault: taurusDbFault,
  },
  {
    name: "dws convert",
    kind: "dws.cluster-encryption",
    declare: (stack) => {
      new EncryptedCluster(stack, "warehouse", {
        cluster: DwsCluster.fromId({ region: HW.region, projectId: HW.projectId, clusterId: IDS.warehouse }),
        masterKey: { id: IDS.dwsKey, name: "KMS-1abd-1016" },
        timeout: TIMEOUT,
      });
    },
    reached: (e) => {
      const c = find(e, "dws", "cluster_id", IDS.warehouse);
      return c.master_key_id === IDS.dwsKey && c.crypt_algorithm === "generalCipher" && !c.task_status;
    },
    intended: (e) => {
      const jobs = ((e.snapshot() as { dws: { jobs: { cluster_id: string; status: string }[] } }).dws.jobs ?? []).filter((j) => j.cluster_id === IDS.warehouse);
      return { EncryptCluster: 1 + jobs.filter((j) => j.status === "FAIL" || j.status === "STOP").length };
    },
    idempotent: [],
    realTimeRate: 10,
    fault: dwsFault(IDS.warehouse, true),
  },
  {
    name: "dws rotate key",
    kind: "dws.key-rotation",
    declare: (stack) => {
      new KeyRotationPolicy(stack, "rotation", {
        cluster: DwsCluster.fromId({ region: HW.region, projectId: HW.projectId, clusterId: IDS.analytics }),
        rotationPeriod: Duration.days(7),
        timeout: TIMEOUT,
      });
    },
    reached: (e, since) => dwsTime(find(e, "dws", "cluster_id", IDS.analytics).last_rotate_key_time) >= since - 1000,
    intended: () => ({ RotateClusterKey: 1 }),
    idempotent: [],
    realTimeRate: 10,
    fault: dwsFault(IDS.analytics, false),
  },
  {
    name: "ack enable",
    kind: "ack.secret-encryption",
    declare: ackCluster(IDS.payments, IDS.ackKey),
    prepare: (e) => ackTimings(e, IDS.payments),
    reached: ackReached(IDS.payments, IDS.ackKey),
    intended: () => ({ UpdateKMSEncryption: 1 }),
    idempotent: [],
    realTimeRate: 20,
    fault: ackFault(IDS.payments),
  },
  {
    name: "ack change key",
    kind: "ack.secret-encryption",
    declare: ackCluster(IDS.ledgerK8s, IDS.ackKey2),
    prepare: (e) => ackTimings(e, IDS.ledgerK8s),
    reached: ackReached(IDS.ledgerK8s, IDS.ackKey2),
    intended: () => ({ UpdateKMSEncryption: 1 }),
    idempotent: [],
    realTimeRate: 20,
    fault: ackFault(IDS.ledgerK8s),
  },
];

/** The Spec a scenario's construct renders: the hook resource's `triggers_replace`, as Terraform hands it to the hook. */
export function specOf(scenario: Scenario): Record<string, string> {
  const app = Testing.app({ context: { [HOOK_ENGINE_CONTEXT_KEY]: HookEngine.TERRAFORM_DATA } }) as App;
  const stack = new TerraformStack(app as Construct, "chaos");
  scenario.declare(stack);
  const synthesized = JSON.parse(Testing.synth(stack)) as { resource?: { terraform_data?: Record<string, { triggers_replace?: Record<string, string> }> } };
  const hooks = Object.values(synthesized.resource?.terraform_data ?? {});
  if (hooks.length !== 1 || !hooks[0].triggers_replace) throw new Error(`scenario ${scenario.name} must declare exactly one hook, found ${hooks.length}`);
  return hooks[0].triggers_replace;
}

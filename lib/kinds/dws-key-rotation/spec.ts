import { HuaweiAgencyIdentity, identityToMap } from "../../contract/declared-identity";
import { Duration } from "../../contract/duration";
import { RULES } from "../../contract/rules";
import { SpecMap, SpecReader, specHeader } from "../../contract/spec";
import { SpecError } from "../../contract/spec-error";

export const DWS_KEY_ROTATION = "dws.key-rotation";

const DAY_MS = 86_400_000;

/** Bounds of `rotationPeriod`, in whole days. */
export const ROTATION_PERIOD_DAYS = { min: 1, max: 3650 } as const;

/**
 * Rotation of a GaussDB(DWS) cluster's encryption key once the last rotation is
 * `rotationPeriod` old, checked once per check window; optionally pinned to a master key.
 */
export interface DwsKeyRotationSpec {
  readonly kind: typeof DWS_KEY_ROTATION;
  /**
   * The identity the resource is managed as, when one is declared in code.
   * @default the deploy environment's own identity
   */
  readonly identity?: HuaweiAgencyIdentity;
  readonly region: string;
  readonly projectId: string;
  readonly clusterId: string;
  /** The master key the cluster must use; a different one is rotated to it. Unset: any. */
  readonly masterKeyId?: string;
  readonly rotationPeriod: Duration;
  readonly checkInterval: Duration;
  /**
   * Start date (UTC, `YYYY-MM-DD`) of the check window the Spec was synthesized in. It only
   * changes the triggers once per window, so that the hook runs again; the hook decides from
   * the live `last_rotate_key_time`, never from this value.
   */
  readonly rotationWindow: string;
  readonly timeout: Duration;
}

/** Checks that a period and a check interval are whole days within bounds; returns what is wrong. */
export function rotationBoundsProblems(rotationPeriod: Duration, checkInterval: Duration): { prop: "rotationPeriod" | "checkInterval"; value: Duration; allowed: string }[] {
  const problems: { prop: "rotationPeriod" | "checkInterval"; value: Duration; allowed: string }[] = [];
  const periodDays = rotationPeriod.toDays();
  if (!Number.isInteger(periodDays) || periodDays < ROTATION_PERIOD_DAYS.min || periodDays > ROTATION_PERIOD_DAYS.max) {
    problems.push({
      prop: "rotationPeriod",
      value: rotationPeriod,
      allowed: `whole days from ${ROTATION_PERIOD_DAYS.min} to ${ROTATION_PERIOD_DAYS.max} (Duration.days(n))`,
    });
  }
  const intervalDays = checkInterval.toDays();
  if (!Number.isInteger(intervalDays) || intervalDays < 1 || (Number.isInteger(periodDays) && intervalDays > periodDays)) {
    problems.push({ prop: "checkInterval", value: checkInterval, allowed: "whole days from 1 up to the rotation period" });
  }
  return problems;
}

/** A tenth of the period in whole days, at least one day: rotations are at most that late. */
export function defaultCheckInterval(rotationPeriod: Duration): Duration {
  return Duration.days(Math.max(1, Math.floor(rotationPeriod.toDays() / 10)));
}

/**
 * The start date of the check window holding `nowMs`: windows are `checkInterval` long and
 * aligned on 1970-01-01 UTC, so every synth in one window writes the same value.
 */
export function rotationWindowStart(nowMs: number, checkInterval: Duration): string {
  const days = checkInterval.toDays();
  const startDay = Math.floor(nowMs / DAY_MS / days) * days;
  return new Date(startDay * DAY_MS).toISOString().slice(0, 10);
}

export function dwsKeyRotationToMap(spec: Omit<DwsKeyRotationSpec, "kind">): SpecMap {
  return {
    ...specHeader(DWS_KEY_ROTATION),
    region: spec.region,
    project_id: spec.projectId,
    cluster_id: spec.clusterId,
    master_key_id: spec.masterKeyId ?? "",
    rotation_period: spec.rotationPeriod.toText(),
    check_interval: spec.checkInterval.toText(),
    rotation_window: spec.rotationWindow,
    timeout: spec.timeout.toText(),
    ...identityToMap(spec.identity),
  };
}

export function parseDwsKeyRotation(map: SpecMap): DwsKeyRotationSpec {
  const read = new SpecReader(map);
  const rotationPeriod = read.duration("rotation_period");
  const checkInterval = read.duration("check_interval");
  const problem = rotationBoundsProblems(rotationPeriod, checkInterval)[0];
  if (problem) {
    const field = problem.prop === "rotationPeriod" ? "rotation_period" : "check_interval";
    throw new SpecError(`Spec field ${field} ${JSON.stringify(map[field])} is invalid: expected ${problem.allowed}`);
  }
  return read.complete({
    kind: DWS_KEY_ROTATION,
    region: read.string("region", RULES.huaweiRegion),
    projectId: read.string("project_id", RULES.huaweiProjectId),
    clusterId: read.string("cluster_id", RULES.dwsClusterId),
    masterKeyId: read.optional("master_key_id", RULES.huaweiKmsKeyId),
    rotationPeriod,
    checkInterval,
    rotationWindow: read.string("rotation_window", { pattern: /^\d{4}-\d{2}-\d{2}$/, allowed: "a date such as 2025-05-14" }),
    timeout: read.timeout(),
    identity: read.huaweiAgency(),
  });
}

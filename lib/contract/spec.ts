import { AlibabaRoleIdentity, HuaweiAgencyIdentity, readAlibabaRole, readHuaweiAgency } from "./declared-identity";
import { firstDuplicateKey } from "./duplicate-keys";
import { Duration } from "./duration";
import { RECONCILE_TRIGGER } from "./reconcile-trigger";
import { RemovalPolicy } from "./removal-policy";
import { Rule, ruleMessage } from "./rules";
import { SpecError } from "./spec-error";
import { SpecMap } from "./spec-map";
import { TIMEOUT_RANGE, isTimeoutInRange } from "./timeout-range";

export type { SpecMap };

/**
 * The version of the Spec format written at synth and read by the hook. A hook refuses a
 * Spec from a newer version rather than guess what it means.
 */
export const SPEC_VERSION = 1;

/** Fields every Spec starts with. */
export function specHeader(kind: string): SpecMap {
  return { spec_version: String(SPEC_VERSION), kind };
}

/** The field that marks a Spec rendered for a construct whose props were refused at synth. */
const REFUSED_FIELD = "refused_at_synth";

/**
 * What a construct with invalid props renders in place of its Spec. The synth fails in cdktf's
 * validation phase; if validations were skipped (`skipValidation`), the hook refuses it.
 */
export function refusedSpec(kind: string): SpecMap {
  return { ...specHeader(kind), [REFUSED_FIELD]: "true" };
}

/** Parses the JSON the hook receives (Terraform's `jsonencode(self.triggers)`). */
export function parseSpecJson(text: string | undefined): SpecMap {
  if (text === undefined || text.trim() === "") {
    throw new SpecError("no Spec given: CDKTF_ENCRYPTION_SPEC is empty (the hook is run by the hook resource's provisioners)");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SpecError(`the Spec is not valid JSON (truncated or tampered?): ${JSON.stringify(text.slice(0, 80))}`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new SpecError("the Spec must be a JSON object of strings");
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== undefined) throw new SpecError(`Spec field ${duplicate} appears twice (tampered?): each field may be given once`);
  const map: SpecMap = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new SpecError(`Spec field ${key} must be a string, got ${JSON.stringify(v)}`);
    map[key] = v;
  }
  const version = map.spec_version;
  if (version === undefined || !/^\d+$/.test(version)) {
    throw new SpecError(`Spec field spec_version ${JSON.stringify(version)} is invalid: expected a whole number`);
  }
  if (Number(version) > SPEC_VERSION) {
    throw new SpecError(
      `the Spec has spec_version ${version}, newer than this hook understands (${SPEC_VERSION}): synthesize and apply with one version of cdktf-encryption`,
    );
  }
  if (!map.kind) throw new SpecError("Spec field kind is missing");
  if (map[REFUSED_FIELD] !== undefined) {
    throw new SpecError("the construct of this Spec was refused at synth (invalid props), and the stack was synthesized with skipValidation: fix the props and synthesize again");
  }
  return map;
}

/** Typed, validated reads of Spec fields; every failure names the field, the value and the rule. */
export class SpecReader {
  // The trigger ReconcileOnEveryDeploy adds sits beside the Spec in the hook resource's triggers.
  private readonly known = new Set(["spec_version", "kind", RECONCILE_TRIGGER]);

  constructor(private readonly map: SpecMap) {}

  string(field: string, rule?: Rule): string {
    this.known.add(field);
    const value = this.map[field];
    if (value === undefined || value === "") throw new SpecError(`Spec field ${field} is missing`);
    if (rule && !rule.pattern.test(value)) throw new SpecError(`Spec field ${ruleMessage(field, value, rule.allowed)}`);
    return value;
  }

  optional(field: string, rule?: Rule): string | undefined {
    this.known.add(field);
    const value = this.map[field];
    if (value === undefined || value === "") return undefined;
    return this.string(field, rule);
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    this.known.add(field);
    const value = this.map[field];
    if (!allowed.includes(value as T)) {
      throw new SpecError(`Spec field ${ruleMessage(field, value, `one of ${allowed.join(", ")}`)}`);
    }
    return value as T;
  }

  duration(field: string): Duration {
    const value = this.string(field);
    try {
      return Duration.parse(value);
    } catch {
      throw new SpecError(`Spec field ${ruleMessage(field, value, "a duration such as 45s, 60m, 2h or 90d")}`);
    }
  }

  /** The `timeout` field, within the range the constructs allow. */
  timeout(): Duration {
    const timeout = this.duration("timeout");
    if (!isTimeoutInRange(timeout)) throw new SpecError(`Spec field ${ruleMessage("timeout", this.map.timeout, TIMEOUT_RANGE.allowed)}`);
    return timeout;
  }

  removalPolicy(): RemovalPolicy {
    return this.oneOf("removal_policy", Object.values(RemovalPolicy));
  }

  /** The Huawei Cloud agency the resource is managed as, when the Spec declares one. */
  huaweiAgency(): HuaweiAgencyIdentity | undefined {
    return readHuaweiAgency(this, this.map);
  }

  /** The Alibaba Cloud RAM role the resource is managed as, when the Spec declares one. */
  alibabaRole(): AlibabaRoleIdentity | undefined {
    return readAlibabaRole(this, this.map);
  }

  /** A field the kind defines but does not read in this case (`kms_key_id` while encryption is off). */
  unused(field: string): undefined {
    this.known.add(field);
    return undefined;
  }

  /**
   * Returns the parsed Spec once every field of the map has been read: a field the kind does not
   * define (a typo, or a Spec from a newer version) is refused rather than dropped.
   */
  complete<T>(spec: T): T {
    const unknown = Object.keys(this.map).filter((field) => !this.known.has(field));
    if (unknown.length > 0) {
      throw new SpecError(
        `Spec field${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} ${unknown.length > 1 ? "are" : "is"} unknown to ${this.map.kind}: expected only ${[...this.known].join(", ")}`,
      );
    }
    return spec;
  }
}

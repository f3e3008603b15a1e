import { Token } from "../core";
import { Construct } from "constructs";
import { Duration } from "../contract/duration";
import { Rule } from "../contract/rules";
import { SynthChecks } from "./synth-checks";

/** A value as the user wrote it in code, printed without quotes: `CryptAlgorithm.SM4`. */
export class WrittenAs {
  constructor(readonly source: string) {}
}

/**
 * An enum member as written in code (`RemovalPolicy.DISABLE`), or the value itself when it is
 * not a member (a string given from JavaScript is printed as the string it is).
 */
export function enumMember(value: unknown, enumObject: Record<string, unknown>, enumName: string): unknown {
  const name = Object.keys(enumObject).find((key) => enumObject[key] === value);
  return name === undefined ? value : new WrittenAs(`${enumName}.${name}`);
}

/**
 * Collects what is wrong with a construct's props and reports it in cdktf's validation phase
 * (`node.addValidation`), so one synth lists every invalid construct of the app, each under its
 * path, and each problem names the prop, the value as it was written and what is allowed.
 */
export class PropValidator {
  private readonly found: string[] = [];

  /** @param owner the construct's class, e.g. `BackupEncryption` */
  constructor(readonly owner: string) {}

  /** Checks a required string; a token (a value known only at apply) is accepted as is. */
  required(prop: string, value: unknown, rule?: Rule): void {
    if (typeof value !== "string" || value === "") {
      this.fail(prop, value, rule ? rule.allowed : "a non-empty string");
      return;
    }
    if (rule && !Token.isUnresolved(value) && !rule.pattern.test(value)) this.fail(prop, value, rule.allowed);
  }

  /** Checks a value that must be one of a fixed set (enums given as strings from JavaScript). */
  oneOf(prop: string, value: unknown, allowed: unknown[]): void {
    if (!allowed.includes(value)) this.fail(prop, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }

  /** Checks an enum prop; members are named as in code: `one of CryptAlgorithm.AES, CryptAlgorithm.SM4`. */
  enumOf(prop: string, value: unknown, enumObject: Record<string, unknown>, enumName: string): void {
    if (Object.values(enumObject).includes(value)) return;
    this.fail(prop, value, `one of ${Object.keys(enumObject).map((key) => `${enumName}.${key}`).join(", ")}`);
  }

  check(condition: boolean, prop: string, value: unknown, allowed: string): void {
    if (!condition) this.fail(prop, value, allowed);
  }

  fail(prop: string, value: unknown, allowed: string): void {
    this.found.push(value === undefined ? `${prop} is missing: expected ${allowed}` : `${prop} ${describeValue(value)} is invalid: expected ${allowed}`);
  }

  /** What is wrong so far, one line per problem: `timeout Duration.hours(36) is invalid: expected …`. */
  get problems(): string[] {
    return [...this.found];
  }

  /**
   * Hands every problem found to cdktf's validation phase under the construct's path; returns
   * true when there was none. The construct goes on building (with safe stand-ins), so the
   * other constructs of the app are checked in the same synth.
   */
  reportAtSynth(construct: Construct): boolean {
    const checks = SynthChecks.of(construct);
    checks.watch(construct);
    for (const problem of this.found) checks.addProblem(construct, `${this.owner}: ${problem}`);
    return this.found.length === 0;
  }
}

/** The value as the user wrote it: Durations and enum members as code, others as JSON; never throws. */
function describeValue(value: unknown): string {
  if (value instanceof WrittenAs) return value.source;
  if (value instanceof Duration) return value.toSource();
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol" || typeof value === "function") return safeString(value);
  if (typeof value === "number") return String(value);
  try {
    return JSON.stringify(value) ?? safeString(value);
  } catch {
    return safeString(value);
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

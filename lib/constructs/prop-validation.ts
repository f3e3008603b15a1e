import { Token } from "../core";
import { Rule, ruleMessage } from "../spec/rules";
import { SpecError } from "../spec/spec-error";

/**
 * Collects what is wrong with a construct's props so the synth error lists every problem at
 * once, each naming the construct, the prop, the value and what is allowed.
 */
export class PropValidator {
  private readonly problems: string[] = [];

  constructor(private readonly owner: string) {}

  /** Checks a required string; a token (a value known only at apply) is accepted as is. */
  required(prop: string, value: unknown, rule?: Rule): void {
    if (typeof value !== "string" || value === "") {
      this.fail(prop, value, rule ? rule.allowed : "a non-empty string");
      return;
    }
    if (rule && !Token.isUnresolved(value) && !rule.pattern.test(value)) this.fail(prop, value, rule.allowed);
  }

  /** Checks a value that must be one of a fixed set (enums given as strings from JavaScript). */
  oneOf(prop: string, value: unknown, allowed: readonly unknown[]): void {
    if (!allowed.includes(value)) this.fail(prop, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }

  check(condition: boolean, prop: string, value: unknown, allowed: string): void {
    if (!condition) this.fail(prop, value, allowed);
  }

  fail(prop: string, value: unknown, allowed: string): void {
    this.problems.push(ruleMessage(prop, describeValue(value), allowed));
  }

  /** Throws one error listing every problem found. */
  throwIfInvalid(): void {
    if (this.problems.length === 0) return;
    throw new SpecError(`${this.owner}: ${this.problems.join("; ")}`);
  }
}

/** The value as JSON can print it; never throws (bigint, symbols, null-prototype and circular objects). */
function describeValue(value: unknown): unknown {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol" || typeof value === "function") return safeString(value);
  if (value === undefined || value === null || typeof value !== "object") return value;
  try {
    return JSON.parse(JSON.stringify(value));
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

import { KINDS } from "../kinds/index";
import { RECONCILE_TRIGGER } from "../contract/reconcile-trigger";
import { SpecMap } from "../contract/spec";

/**
 * Attributes of a hook resource that hold its Spec, in the order they are read:
 * `null_resource.triggers`, `terraform_data.input`, then `terraform_data.triggers_replace`.
 */
export const SPEC_ATTRIBUTES = ["triggers", "input", "triggers_replace"] as const;

/** Shown for a Spec field whose value Terraform knows only after apply. */
export const KNOWN_AFTER_APPLY = "(known after apply)";

/** The Spec found in one hook resource's attributes. */
export interface FoundSpec {
  readonly attribute: string;
  /** The Spec; fields in `unknown` read KNOWN_AFTER_APPLY or the reference itself. */
  readonly map: SpecMap;
  /** Fields whose values are not known yet: unknown in a plan, `${…}` references in cdk.tf.json. */
  readonly unknown: readonly string[];
  /** Whether the resource carries the `ReconcileOnEveryDeploy` trigger. */
  readonly reconcilesOnEveryDeploy: boolean;
}

/** What a spec-shaped value of an unregistered kind is: worth a warning, not a row. */
export interface ForeignSpec {
  readonly foreignKind: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Finds the Spec among a resource's attribute values (a plan's `before`/`after`, or a
 * resource body of cdk.tf.json). A Spec is recognised by its shape, never by the resource's
 * name: an object with `spec_version` and the `kind` of a registered kind.
 *
 * `unknownMarks` is the plan's `after_unknown` for the same resource; `isUnresolved` says
 * whether a literal value is a reference Terraform resolves later (`${…}` in cdk.tf.json).
 */
export function findSpec(
  values: unknown,
  unknownMarks: unknown = undefined,
  isUnresolved: (value: string) => boolean = () => false,
): FoundSpec | ForeignSpec | undefined {
  if (!isObject(values)) return undefined;
  const hasTrigger = (object: unknown) => SPEC_ATTRIBUTES.some((a) => isObject(object) && isObject(object[a]) && RECONCILE_TRIGGER in object[a]);
  const reconciles = hasTrigger(values) || hasTrigger(unknownMarks);
  for (const attribute of SPEC_ATTRIBUTES) {
    const candidate = values[attribute];
    if (!isObject(candidate) || typeof candidate.spec_version !== "string" || typeof candidate.kind !== "string") continue;
    if (!KINDS.has(candidate.kind)) return { foreignKind: candidate.kind };
    const marks = isObject(unknownMarks) && isObject(unknownMarks[attribute]) ? (unknownMarks[attribute] as Record<string, unknown>) : {};
    const map: SpecMap = {};
    const unknown: string[] = [];
    for (const [field, value] of Object.entries(candidate)) {
      if (field === RECONCILE_TRIGGER) continue;
      if (typeof value === "string" && !isUnresolved(value)) {
        map[field] = value;
      } else {
        map[field] = typeof value === "string" ? value : KNOWN_AFTER_APPLY;
        unknown.push(field);
      }
    }
    for (const [field, mark] of Object.entries(marks)) {
      if (mark === true && !(field in map) && field !== RECONCILE_TRIGGER) {
        map[field] = KNOWN_AFTER_APPLY;
        unknown.push(field);
      }
    }
    return { attribute, map, unknown, reconcilesOnEveryDeploy: reconciles };
  }
  return undefined;
}

export function isForeign(found: FoundSpec | ForeignSpec | undefined): found is ForeignSpec {
  return found !== undefined && "foreignKind" in found;
}

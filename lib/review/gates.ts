import { Review, ReviewRow } from "./review";
import { InputError } from "../runtime/input-error";

/** What `--fail-on` can require an extra approval for. `drift` never matches a rotation merely come due: that is `due`. */
export const GATES = {
  irreversible: { describe: "an irreversible step", matches: (r: ReviewRow) => r.irreversible },
  restart: { describe: "a service restart", matches: (r: ReviewRow) => r.restarts },
  destroy: { describe: "a destroyed or removed encryption resource", matches: (r: ReviewRow) => ["destroy", "remove", "forget"].includes(r.change) },
  change: { describe: "any encryption change", matches: (r: ReviewRow) => r.change !== "no-op" },
  drift: { describe: "drift from the live cloud (needs --live)", matches: (r: ReviewRow) => r.live?.status === "drifted" },
  due: { describe: "a key rotation come due (needs --live)", matches: (r: ReviewRow) => r.live?.status === "due" },
  policy: { describe: "a violation of the encryption policy (a rule set to warn at synth)", matches: (r: ReviewRow) => r.policy?.some((v) => v.verdict === "violation") ?? false },
  refused: { describe: "a hook that would refuse to run", matches: (r: ReviewRow) => r.refused !== undefined || r.live?.status === "refused" },
  unreachable: {
    describe: "a resource that could not be read (needs --live)",
    matches: (r: ReviewRow) => r.live?.status === "unreachable" || r.live?.status === "error" || r.live?.status === "unresolved",
  },
} as const;

export type Gate = keyof typeof GATES;

/** Parses `--fail-on irreversible,restart` (repeatable). */
export function parseGates(values: readonly string[]): Gate[] {
  const gates = values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  for (const gate of gates) {
    if (!(gate in GATES)) throw new InputError(`--fail-on ${JSON.stringify(gate)} is unknown: expected one or more of ${Object.keys(GATES).join(", ")}`);
  }
  return [...new Set(gates)] as Gate[];
}

/** One line per gate that the review trips, naming the resources. */
export function trippedGates(review: Review, gates: readonly Gate[]): string[] {
  return gates.flatMap((gate) => {
    const rows = review.resources.filter(GATES[gate].matches);
    return rows.length === 0 ? [] : [`--fail-on ${gate}: ${GATES[gate].describe} in ${rows.map((r) => r.target).join(", ")}`];
  });
}

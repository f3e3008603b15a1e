import * as path from "node:path";
import { LocalFileProblem, readLocalFile } from "../cloud/local-file";
import { findSpec, isForeign } from "./hook-spec";
import { InputError } from "../runtime/input-error";
import { StackHook } from "./stack-hook";

/** The hook resources of one synthesized stack, as read from its cdk.tf.json. */
export interface SynthesizedStack {
  readonly name: string;
  /** The directory holding cdk.tf.json, where `terraform` runs for this stack. */
  readonly dir: string;
  readonly hooks: readonly StackHook[];
  readonly warnings: readonly string[];
}

/** Far above any synthesized stack (500 hook resources are about 2 MiB). */
const MAX_STACK_BYTES = 256 * 1024 * 1024;

/** Reads the hook resources a synthesized stack declares, recognised by the shape of their Spec. */
export function readStack(dir: string): SynthesizedStack {
  const file = path.join(dir, "cdk.tf.json");
  let config: { resource?: Record<string, Record<string, Record<string, unknown>>>; "//"?: { metadata?: { stackName?: string } } };
  try {
    config = JSON.parse(readLocalFile(file, MAX_STACK_BYTES).toString("utf8"));
  } catch (error) {
    if (error instanceof LocalFileProblem) throw new InputError(`${error.message}: give a synthesized stack directory (run \`cdktf synth\` first)`);
    throw new InputError(`${file} cannot be read as JSON (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): synthesize the stack again`);
  }
  if (!config || typeof config !== "object" || Array.isArray(config)) {
    throw new InputError(`${file} is not a cdktf configuration (a JSON object with resources): synthesize the stack again`);
  }
  const hooks: StackHook[] = [];
  const warnings: string[] = [];
  for (const [type, byName] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(byName ?? {})) {
      const found = findSpec(body, undefined, (v) => v.includes("${"));
      if (!found) continue;
      if (isForeign(found)) {
        warnings.push(`${type}.${name} holds a Spec of kind "${found.foreignKind}", which this version of cdktf-encryption does not know: not checked`);
        continue;
      }
      const comment = body?.["//"];
      hooks.push({ address: `${type}.${name}`, found, comment: comment && typeof comment === "object" ? (comment as Record<string, unknown>) : {} });
    }
  }
  return { name: config["//"]?.metadata?.stackName ?? path.basename(dir), dir, hooks, warnings };
}

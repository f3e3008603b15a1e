import { existsSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { InputError } from "../runtime/input-error";

/**
 * Where the stack is: a directory holding cdk.tf.json, the file itself, or a stack name under
 * `cdktf.out/stacks`; with nothing given, the only stack under `cdktf.out/stacks`.
 */
export function resolveStackDir(given: string | undefined, cwd = process.cwd()): string {
  const stacksDir = path.join(cwd, "cdktf.out", "stacks");
  if (given === undefined) {
    const names = existsSync(stacksDir) ? readdirSync(stacksDir).filter((n) => existsSync(path.join(stacksDir, n, "cdk.tf.json"))) : [];
    if (names.length === 1) return path.join(stacksDir, names[0]);
    throw new InputError(
      names.length === 0
        ? "no synthesized stack in cdktf.out/stacks: run `cdktf synth` first, or give --stack <dir with cdk.tf.json>"
        : `several stacks in cdktf.out/stacks (${names.join(", ")}): choose one with --stack cdktf.out/stacks/NAME`,
    );
  }
  const candidates = [path.resolve(cwd, given), path.join(stacksDir, given)];
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return path.dirname(candidate);
    if (existsSync(path.join(candidate, "cdk.tf.json"))) return candidate;
  }
  throw new InputError(`--stack ${given} has no cdk.tf.json: give a synthesized stack directory such as cdktf.out/stacks/NAME (run \`cdktf synth\` first)`);
}

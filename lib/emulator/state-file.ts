import { existsSync, readFileSync } from "node:fs";
import { ConfigError } from "../runtime/config-error";

/** A `--state-file` that cannot be loaded; the file is left as it is for the user to look at. */
export class StateFileError extends ConfigError {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`the emulator state file ${file} ${problem}; it was left untouched: fix it, or move it away to start from the fixture`);
    this.name = "StateFileError";
  }
}

/**
 * Reads a saved emulator state: undefined when the file does not exist yet. A file that is not
 * a JSON object naming at least one of the emulated services is refused, never overwritten.
 */
export function readStateFile(file: string, serviceNames: readonly string[]): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new StateFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(file, `is not valid JSON (${(error as Error).message})`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value) || !serviceNames.some((name) => name in value)) {
    throw new StateFileError(file, `is not an emulator state (expected a JSON object with one of ${serviceNames.join(", ")})`);
  }
  return value as Record<string, unknown>;
}

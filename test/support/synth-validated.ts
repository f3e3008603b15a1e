import { TerraformStack, Testing } from "cdktf";

/** Synthesizes a stack with cdktf's validation phase, as `cdktf synth` does. */
export function synthValidated(stack: TerraformStack): string {
  return Testing.synth(stack, true);
}

/**
 * The errors cdktf's validation phase reports for the app of `stack`, one `[construct path]
 * message` each, in the order cdktf lists them; [] when it synthesizes. Any other error is thrown.
 */
export function synthErrors(stack: TerraformStack): string[] {
  try {
    synthValidated(stack);
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!message.startsWith("Validation failed with the following errors:")) throw error;
    return message
      .split("\n")
      .filter((line) => line.startsWith("  ["))
      .map((line) => line.trim());
  }
}

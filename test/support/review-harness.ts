import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { CommandIO } from "../../lib/cli/live-options";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { RunningEmulator, startEmulator } from "./emulator-harness";
import { TerraformWorkspace, expectExit } from "./terraform-harness";

export interface SavedPlan {
  /** The binary plan (`terraform plan -out`). */
  readonly bin: string;
  /** `terraform show -json` of it, written beside it. */
  readonly json: string;
  readonly parsed: unknown;
  /** What `terraform plan` printed: the trigger lines a reviewer reads. */
  readonly text: string;
}

/** A real `terraform plan -out=plan.bin` and its `terraform show -json`, in the stack directory. */
export async function savePlan(ws: TerraformWorkspace, extraArgs: readonly string[] = [], env: Record<string, string> = {}): Promise<SavedPlan> {
  const planned = await ws.terraform(["plan", "-out=plan.bin", "-input=false", "-no-color", ...extraArgs], env);
  expectExit(planned, 0);
  const shown = await ws.terraform(["show", "-json", "plan.bin"]);
  expectExit(shown, 0);
  const json = path.join(ws.stackDir, "plan.json");
  writeFileSync(json, shown.stdout);
  return { bin: path.join(ws.stackDir, "plan.bin"), json, parsed: JSON.parse(shown.stdout), text: planned.stdout };
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command function in this process with its output captured. */
export async function runCommand(
  command: (args: readonly string[], io: CommandIO) => Promise<number>,
  args: readonly string[],
  io: Omit<CommandIO, "stdout" | "stderr"> = {},
): Promise<CommandResult> {
  let stdout = "";
  let stderr = "";
  const code = await command(args, { ...io, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Ids from the emulator's default fixture that the review and drift tests use. */
export const TAURUSDB = {
  region: EMULATOR_CREDENTIALS.huawei.region,
  projectId: EMULATOR_CREDENTIALS.huawei.projectId,
  /** orders-db: encrypted backup off. */
  orders: "7033e7c3cf93438797d44ad7ae0a7d95in07",
  /** ledger-db: encrypted backup on. */
  ledger: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07",
  /** geo-replicated-db: encrypted backup off, cross-region backup on. */
  geo: "c0ffee00c0ffee00c0ffee00c0ffee00in07",
  key: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
} as const;

/** GaussDB(DWS) clusters and keys of the emulator's default fixture. */
export const DWS = {
  /** Not encrypted. */
  warehouse: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd",
  /** Encrypted with `key`. */
  analytics: "9f76c502-fc9c-4a52-8656-65d0da6e3d57",
  key: { id: "0f3196c8-5c23-469f-84da-92ecd2499dce", name: "KMS-1abd-1016" },
  key2: { id: "5d3a3a51-7b9e-4d2c-9d8e-0c6a1f2b3c4d", name: "rotation-key-2" },
} as const;

/** One in-process emulator for the file, reset before each test (and its clock set to `now`, when given). */
export function useEmulator(now?: string): () => RunningEmulator {
  let cloud: RunningEmulator | undefined;
  beforeAll(async () => {
    cloud = await startEmulator();
  });
  afterAll(() => cloud?.stop());
  beforeEach(() => {
    cloud?.emulator.reset();
    if (now !== undefined) cloud?.emulator.clock.set(Date.parse(now));
  });
  return () => cloud!;
}

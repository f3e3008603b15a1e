import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { HOOK_ENGINE_CONTEXT_KEY, HookEngine } from "../../lib/constructs/hook-engine";

export interface ProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment for every terraform run: offline, quiet, no user config. */
export function terraformEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1", ...extra };
  for (const name of ["HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_SECURITY_TOKEN", "HW_AUTH_TOKEN", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/** Runs a command without blocking the event loop (the emulator lives in this process). */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A synthesized stack in its own directory, driven by the real terraform binary. */
export class TerraformWorkspace {
  private initialized = false;

  private constructor(
    readonly outdir: string,
    readonly stackDir: string,
    private readonly env: Record<string, string>,
  ) {}

  /**
   * Synthesizes `build` into a fresh temporary directory, with the terraform_data engine
   * (the Terraform registry is not reachable here, so null_resource cannot init).
   */
  static synth(build: (stack: TerraformStack) => void, env: Record<string, string>, options: { outdir?: string; stackName?: string } = {}): TerraformWorkspace {
    const outdir = options.outdir ?? mkdtempSync(path.join(tmpdir(), "cdktf-encryption-e2e-"));
    const stackName = options.stackName ?? "e2e";
    const app = new App({ outdir, context: { [HOOK_ENGINE_CONTEXT_KEY]: HookEngine.TERRAFORM_DATA } });
    const stack = new TerraformStack(app as Construct, stackName);
    // cdktf's default backend writes terraform.<stack>.tfstate into the current directory,
    // which every test would share.
    new LocalBackend(stack, { path: path.join(outdir, `${stackName}.tfstate`) });
    build(stack);
    app.synth();
    return new TerraformWorkspace(outdir, path.join(outdir, "stacks", stackName), env);
  }

  /** Re-synthesizes a changed declaration into the same directory (state is kept). */
  resynth(build: (stack: TerraformStack) => void, stackName = "e2e"): TerraformWorkspace {
    const next = TerraformWorkspace.synth(build, this.env, { outdir: this.outdir, stackName });
    next.initialized = this.initialized;
    return next;
  }

  async terraform(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<ProcessResult> {
    if (!this.initialized && args[0] !== "init") {
      const init = await run("terraform", ["init", "-input=false", "-no-color"], { cwd: this.stackDir, env: terraformEnv(this.env) });
      if (init.code !== 0) throw new Error(`terraform init failed:\n${init.stdout}\n${init.stderr}`);
      this.initialized = true;
    }
    return run("terraform", [...args], { cwd: this.stackDir, env: terraformEnv({ ...this.env, ...extraEnv }) });
  }

  apply(extraEnv: Record<string, string> = {}): Promise<ProcessResult> {
    return this.terraform(["apply", "-auto-approve", "-input=false", "-no-color"], extraEnv);
  }

  destroy(extraEnv: Record<string, string> = {}): Promise<ProcessResult> {
    return this.terraform(["destroy", "-auto-approve", "-input=false", "-no-color"], extraEnv);
  }

  /** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes. */
  plan(extraEnv: Record<string, string> = {}): Promise<ProcessResult> {
    return this.terraform(["plan", "-detailed-exitcode", "-input=false", "-no-color"], extraEnv);
  }
}

/** Fails with the process output when a terraform run did not exit as expected. */
export function expectExit(result: ProcessResult, code: number): void {
  if (result.code !== code) {
    throw new Error(`expected exit ${code}, got ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
  }
}

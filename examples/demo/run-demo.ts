// `npm run demo [-- --outdir DIR]`: the embedded emulator, a real `terraform apply`, the
// resulting cloud state, a second apply that changes nothing, then destroy. Needs only Node
// and Terraform. The synthesized stack goes to ./cdktf.out unless --outdir says otherwise.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { Emulator } from "../../lib/emulator/emulator-server";
import { ContextKeys } from "cdktf-encryption";
import { synthDemo } from "./app";

const ROOT = path.resolve(__dirname, "../../..");

async function main(): Promise<number> {
  const emulator = new Emulator();
  await emulator.start();
  const env = {
    ...process.env,
    ...emulator.environment(),
    CHECKPOINT_DISABLE: "1",
    TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE ?? "/dev/null",
    TF_IN_AUTOMATION: "1",
  };
  try {
    heading(`Emulator on ${emulator.url}`);
    for (const [name, value] of Object.entries(emulator.environment())) console.log(`  ${name}=${name.includes("SECRET") ? "(emulator secret)" : value}`);

    heading("Synthesize the demo app (terraform_data engine: the Terraform registry is not needed)");
    const outdirFlag = process.argv.indexOf("--outdir");
    const outdir = outdirFlag > 0 ? path.resolve(process.argv[outdirFlag + 1]) : path.join(ROOT, "cdktf.out");
    rmSync(outdir, { recursive: true, force: true });
    const stackDir = synthDemo(outdir, { [ContextKeys.HOOK_ENGINE]: "terraform_data" });
    console.log(`  ${path.relative(ROOT, stackDir)}/cdk.tf.json`);

    heading("Cloud state before");
    printState(emulator);

    heading("terraform init");
    await terraform(["init", "-input=false", "-no-color"], stackDir, env, true);
    heading("terraform apply: the hooks converge the cloud to the declaration");
    await terraform(["apply", "-auto-approve", "-input=false", "-no-color"], stackDir, env);

    heading("Cloud state after");
    printState(emulator);

    heading("terraform apply again: nothing to do, no API call");
    emulator.calls.clear();
    await terraform(["apply", "-auto-approve", "-input=false", "-no-color"], stackDir, env);
    console.log(`  API calls made by the second apply: ${emulator.calls.list().length}`);

    heading("terraform destroy: removal policies decide what stays encrypted");
    await terraform(["destroy", "-auto-approve", "-input=false", "-no-color"], stackDir, env);
    heading("Cloud state after destroy");
    printState(emulator);
    return 0;
  } catch (error) {
    console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await emulator.stop();
  }
}

function heading(text: string): void {
  console.log(`\n=== ${text}`);
}

/** The encryption-relevant fields of every emulated resource, one line each. */
function printState(emulator: Emulator): void {
  const state = emulator.snapshot() as Record<string, Record<string, Record<string, unknown>[]>>;
  for (const [service, slice] of Object.entries(state)) {
    // Keys and identities (iam, sts) are not encryption resources; metadata holds no state of its own.
    if (!slice || service.endsWith("kms") || service === "iam" || service === "sts") continue;
    for (const [collection, items] of Object.entries(slice)) {
      if (!Array.isArray(items)) continue;
      for (const item of items) {
        const id = Object.entries(item).find(([k]) => k.endsWith("_id") && k !== "project_id" && k !== "kms_key_id")?.[1];
        const fields = Object.entries(item)
          .filter(([k]) => /encrypt|kms|key|algorithm|rotate|status|state/.test(k))
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(" ");
        console.log(`  ${service} ${collection.replace(/s$/, "")} ${id}: ${fields}`);
      }
    }
  }
}

function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv, quiet = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", args, { cwd, env, stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"] });
    child.on("error", (e) => reject(new Error(`cannot run terraform (${e.message}): install Terraform >= 1.4 and put it on the PATH`)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`terraform ${args[0]} exited with ${code}`))));
  });
}

void main().then((code) => {
  process.exitCode = code;
});

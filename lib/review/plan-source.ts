import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { ReviewError } from "./review-error";

export interface PlanSourceOptions {
  /** The initialised Terraform directory for a binary plan. @default the plan file's directory */
  readonly chdir?: string;
  /** Where `-` reads from. @default process.stdin */
  readonly stdin?: NodeJS.ReadableStream;
  /** Longest run of `terraform show -json` for a binary plan. @default 2 minutes */
  readonly showTimeoutMs?: number;
}

const SHOW_TIMEOUT_MS = 120_000;

/**
 * Reads a plan for review: `terraform show -json` output (a file, or `-` for stdin), or a
 * binary plan file (`terraform plan -out=…`, cdktf's `cdktf.out/stacks/NAME/plan`), which is
 * turned into JSON by the real `terraform show -json` in its (initialised) directory.
 */
export async function loadPlan(file: string, options: PlanSourceOptions = {}): Promise<unknown> {
  const bytes = file === "-" ? await readAll(options.stdin ?? process.stdin) : await readPlanFile(file);
  // A saved plan is a zip archive.
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    if (file === "-") throw new ReviewError("a binary plan cannot be read from stdin: pipe `terraform show -json <plan file>` instead");
    return JSON.parse(await terraformShowJson(file, options));
  }
  const text = bytes.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new ReviewError(
      `--plan ${file} is neither a saved plan nor JSON (starts with ${JSON.stringify(text.slice(0, 40))}): give \`terraform show -json <plan file>\` output or the plan file`,
    );
  }
}

async function readPlanFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReviewError(`--plan ${file} cannot be read (${code ?? String(error)}): give the plan file or \`terraform show -json\` output`);
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  // A terminal would be waited on until someone typed a plan and Ctrl-D.
  if ((stream as { isTTY?: boolean }).isTTY) throw new ReviewError("--plan - reads the plan from stdin, which is a terminal here: pipe `terraform show -json <plan file>` into it, or give the file");
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function terraformShowJson(file: string, options: PlanSourceOptions): Promise<string> {
  const cwd = options.chdir ?? path.dirname(path.resolve(file));
  const env = { CHECKPOINT_DISABLE: "1", ...process.env };
  const timeoutMs = options.showTimeoutMs ?? SHOW_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", ["show", "-json", "-no-color", path.resolve(file)], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    // terraform waiting on a state lock, a slow plugin or a network mount must not hold the review for ever.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new ReviewError(`terraform show -json ${file} gave no result within ${timeoutMs / 1000} s in ${cwd}: run it yourself to see what it waits for, and give its output (--plan plan.json)`));
    }, timeoutMs);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ReviewError(`cannot run terraform to read the plan file ${file} (${error.code ?? error.message}): install Terraform or give \`terraform show -json\` output`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve(stdout);
      const reason = stderr.split("\n").map((l) => l.replace(/^[│╷╵\s]+/, "").trim()).filter((l) => l && !/^Error:?$/.test(l)).slice(0, 2).join(" ");
      reject(new ReviewError(`terraform show -json ${file} failed in ${cwd}: ${reason || `exit ${code}`}. Run it where the plan was made (--chdir), after terraform init`));
    });
  });
}

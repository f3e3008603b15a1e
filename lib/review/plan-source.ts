import { spawn } from "node:child_process";
import { constants, openSync, statSync } from "node:fs";
import { Socket } from "node:net";
import * as path from "node:path";
import { LocalFileProblem, readLocalFile } from "../cloud/local-file";
import { formatDuration } from "../runtime/duration-text";
import { InputError } from "../runtime/input-error";

export interface PlanSourceOptions {
  /** The initialised Terraform directory for a binary plan. @default the plan file's directory */
  readonly chdir?: string;
  /** Where `-` reads from. @default process.stdin */
  readonly stdin?: NodeJS.ReadableStream;
  /** Longest run of `terraform show -json` for a binary plan, and longest wait for stdin to end. @default 2 minutes */
  readonly showTimeoutMs?: number;
}

const SHOW_TIMEOUT_MS = 120_000;
/** Far above any plan (terraform's JSON for thousands of resources is tens of MiB). */
const MAX_PLAN_BYTES = 1024 * 1024 * 1024;

/**
 * Reads a plan for review: `terraform show -json` output (a file, or `-` for stdin), or a
 * binary plan file (`terraform plan -out=…`, cdktf's `cdktf.out/stacks/NAME/plan`), which is
 * turned into JSON by the real `terraform show -json` in its (initialised) directory.
 */
export async function loadPlan(file: string, options: PlanSourceOptions = {}): Promise<unknown> {
  const timeoutMs = options.showTimeoutMs ?? SHOW_TIMEOUT_MS;
  const bytes = file === "-" ? await readAll(options.stdin ?? process.stdin, timeoutMs, "stdin") : await readPlanFile(file, timeoutMs);
  // A saved plan is a zip archive.
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    if (file === "-") throw new InputError("a binary plan cannot be read from stdin: pipe `terraform show -json <plan file>` instead");
    return JSON.parse(await terraformShowJson(file, options));
  }
  const text = bytes.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(
      `--plan ${file} is neither a saved plan nor JSON (starts with ${JSON.stringify(text.slice(0, 40))}): give \`terraform show -json <plan file>\` output or the plan file`,
    );
  }
}

async function readPlanFile(file: string, timeoutMs: number): Promise<Buffer> {
  // A pipe is a fair way to hand over a plan (`--plan <(terraform show -json tfplan)`): it is read
  // as stdin is, until it ends or the bound passes. Anything else that is not a file is refused.
  if (isPipe(file)) return readAll(openPipe(file), timeoutMs, file);
  try {
    return readLocalFile(file, MAX_PLAN_BYTES);
  } catch (error) {
    const why = error instanceof LocalFileProblem ? error.problem : `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    throw new InputError(`--plan ${file} ${why}: give the plan file or \`terraform show -json\` output`);
  }
}

/**
 * The read end of a pipe as a stream, opened without blocking: a blocking open of a FIFO that no
 * one writes to would hold a thread of the process for ever (and with it the process's exit).
 * It is read as stdin is: until the writer closes it, or the bound passes.
 */
function openPipe(file: string): NodeJS.ReadableStream {
  try {
    return new Socket({ fd: openSync(file, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
  } catch (error) {
    throw new InputError(`--plan ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): give the plan file or \`terraform show -json\` output`);
  }
}

function isPipe(file: string): boolean {
  try {
    return statSync(file).isFIFO();
  } catch {
    return false;
  }
}

async function readAll(stream: NodeJS.ReadableStream, timeoutMs: number, source: string): Promise<Buffer> {
  // A terminal would be waited on until someone typed a plan and Ctrl-D.
  if ((stream as { isTTY?: boolean }).isTTY) throw new InputError("--plan - reads the plan from stdin, which is a terminal here: pipe `terraform show -json <plan file>` into it, or give the file");
  const name = source === "stdin" ? "-" : source;
  const chunks: Buffer[] = [];
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new InputError(`--plan ${name}: ${source === "stdin" ? "stdin" : "the pipe"} did not end within ${formatDuration(timeoutMs)} (${Buffer.concat(chunks).length} bytes read): pipe the finished output of \`terraform show -json <plan file>\`, or give the file`)),
      timeoutMs,
    );
  });
  const read = (async () => {
    let total = 0;
    try {
      for await (const chunk of stream) {
        const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
        total += bytes.length;
        if (total > MAX_PLAN_BYTES) throw new InputError(`--plan ${name}: more than ${MAX_PLAN_BYTES} bytes arrived, more than a plan can be`);
        chunks.push(bytes);
      }
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`--plan ${name} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): give the plan file or \`terraform show -json\` output`);
    }
    return Buffer.concat(chunks);
  })();
  try {
    return await Promise.race([read, gaveUp]);
  } finally {
    clearTimeout(timer);
    // Stops a read still waiting, so nothing holds the process open after the answer.
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
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
      reject(new InputError(`terraform show -json ${file} gave no result within ${formatDuration(timeoutMs)} in ${cwd}: run it yourself to see what it waits for, and give its output (--plan plan.json)`));
    }, timeoutMs);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new InputError(`cannot run terraform to read the plan file ${file} (${error.code ?? error.message}): install Terraform or give \`terraform show -json\` output`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve(stdout);
      const reason = stderr.split("\n").map((l) => l.replace(/^[│╷╵\s]+/, "").trim()).filter((l) => l && !/^Error:?$/.test(l)).slice(0, 2).join(" ");
      reject(new InputError(`terraform show -json ${file} failed in ${cwd}: ${reason || `exit ${code}`}. Run it where the plan was made (--chdir), after terraform init`));
    });
  });
}

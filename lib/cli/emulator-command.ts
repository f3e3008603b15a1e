import { readFileSync } from "node:fs";
import { Emulator } from "../emulator/emulator-server";
import { StateFileError } from "../emulator/state-file";
import { ExitCode, UsageError, parseCommandOptions, wantsHelp } from "./usage-error";

export const EMULATOR_USAGE = `emulator [--port 4599] [--state-file FILE] [--fixture FILE]
                           serve the local cloud emulator on 127.0.0.1 and print the variables to
                           export; --state-file keeps its state across restarts, --fixture starts
                           from your own world; runs until Ctrl-C, then exit 0`;

/** `cdktf-encryption emulator [--port N] [--state-file F] [--fixture F]`: serve until stopped. */
export async function runEmulatorCommand(args: readonly string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(`usage: cdktf-encryption ${EMULATOR_USAGE}\n`);
    return ExitCode.OK;
  }
  let emulator: Emulator;
  try {
    const { values } = parseCommandOptions("emulator", args, {
      port: { type: "string", default: "4599" },
      "state-file": { type: "string" },
      fixture: { type: "string" },
    });
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      throw new UsageError(`--port ${JSON.stringify(values.port)} is invalid: expected a port number 0-65535`, "emulator");
    }
    const fixture = values.fixture === undefined ? undefined : readFixture(values.fixture);
    emulator = new Emulator({ port, stateFile: values["state-file"], fixture });
    await emulator.start();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.line()}\n`);
      return ExitCode.USAGE;
    }
    if (error instanceof StateFileError || error instanceof FixtureError) {
      process.stderr.write(`error: ${error.message}\n`);
      return ExitCode.FAILURE;
    }
    throw error;
  }
  for (const [name, value] of Object.entries(emulator.environment())) process.stdout.write(`export ${name}=${value}\n`);
  process.stderr.write(`cdktf-encryption emulator listening on ${emulator.url} (admin API under ${emulator.url}/_emulator/); Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await emulator.stop();
  return ExitCode.OK;
}

class FixtureError extends Error {}

function readFixture(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a directory" : `cannot be read (${code ?? String(error)})`;
    throw new FixtureError(`the --fixture file ${file} ${why}: give the path of a JSON world such as the one GET /_emulator/state returns`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(`the --fixture file ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new FixtureError(`the --fixture file ${file} must hold a JSON object`);
  return value as Record<string, unknown>;
}

import { readFileSync } from "node:fs";
import { Emulator } from "../emulator/emulator-server";
import { ConfigError } from "../runtime/config-error";
import { defineCommand, runCommand } from "./command";
import { ExitCode, UsageError } from "./usage-error";

export const EMULATOR_COMMAND = defineCommand({
  name: "emulator",
  summary: "serve the local cloud emulator on 127.0.0.1 and print the variables to export",
  details: "runs until Ctrl-C",
  options: [
    { name: "port", value: "N", default: "4599", help: "the port to listen on; 0 picks a free one" },
    { name: "state-file", value: "FILE", help: "keep the emulator's state in FILE across restarts" },
    { name: "fixture", value: "FILE", help: "start from your own world: a JSON file such as GET /_emulator/state returns" },
  ],
  exits: "exit 0 when stopped, 1 error, 64 usage error",
  // Its output is the emulator's own made-up credentials, to export: redacting them (when the
  // shell already holds them from an earlier run) would make it useless.
  rawOutput: true,
  async run({ values, out, err }) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      throw new UsageError(`--port ${JSON.stringify(values.port)} is invalid: expected a port number 0-65535`, "emulator");
    }
    const fixture = values.fixture === undefined ? undefined : readFixture(values.fixture);
    const emulator = new Emulator({ port, stateFile: values["state-file"], fixture });
    try {
      await emulator.start();
    } catch (error) {
      // A port in use or not allowed is the user's to choose differently: said as Node says it.
      throw typeof (error as NodeJS.ErrnoException).syscall === "string" ? new ConfigError((error as Error).message) : error;
    }
    for (const [name, value] of Object.entries(emulator.environment())) out(`export ${name}=${value}\n`);
    err(`cdktf-encryption emulator listening on ${emulator.url} (admin API under ${emulator.url}/_emulator/); Ctrl-C stops it\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await emulator.stop();
    return ExitCode.OK;
  },
});

/** `cdktf-encryption emulator [--port N] [--state-file F] [--fixture F]`: serve until stopped. */
export function runEmulatorCommand(args: readonly string[]): Promise<number> {
  return runCommand(EMULATOR_COMMAND, args);
}

function readFixture(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a directory" : `cannot be read (${code ?? String(error)})`;
    throw new ConfigError(`the --fixture file ${file} ${why}: give the path of a JSON world such as the one GET /_emulator/state returns`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`the --fixture file ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new ConfigError(`the --fixture file ${file} must hold a JSON object`);
  return value as Record<string, unknown>;
}

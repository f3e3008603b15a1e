import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Emulator } from "../emulator/emulator-server";

/** `cdktf-encryption emulator [--port N] [--state-file F] [--fixture F]`: serve until stopped. */
export async function runEmulatorCommand(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: "string", default: "4599" },
      "state-file": { type: "string" },
      fixture: { type: "string" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`error: --port ${JSON.stringify(values.port)} is invalid: expected a port number 0-65535\n`);
    return 2;
  }
  const fixture = values.fixture ? (JSON.parse(readFileSync(values.fixture, "utf8")) as Record<string, unknown>) : undefined;
  const emulator = new Emulator({ port, stateFile: values["state-file"], fixture });
  await emulator.start();
  for (const [name, value] of Object.entries(emulator.environment())) process.stdout.write(`export ${name}=${value}\n`);
  process.stderr.write(`cdktf-encryption emulator listening on ${emulator.url} (admin API under ${emulator.url}/_emulator/); Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await emulator.stop();
  return 0;
}

#!/usr/bin/env node
import { main } from "../lib/cli/main";

// Exit as soon as the command is done: a request abandoned after its deadline (an endpoint
// that hangs) must not hold the process. A large report written to a pipe may still be
// queued, so exit only once stdout and stderr have taken everything.
function exitWhenFlushed(code: number): void {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

void main(process.argv.slice(2)).then(exitWhenFlushed, (error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  exitWhenFlushed(1);
});

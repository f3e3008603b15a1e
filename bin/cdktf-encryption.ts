#!/usr/bin/env node
import { main } from "../lib/cli/main";

// Exit as soon as the command is done: a request abandoned after its deadline (an endpoint
// that hangs) must not hold the process. Writes to pipes and files are synchronous on POSIX.
void main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

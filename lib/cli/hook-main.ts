// Entry point of the bundled hook asset that travels with the synthesized stack.
import { setFlagsFromString } from "node:v8";
import { runHook } from "./hook";

// Compile undici's HTTP parser (WebAssembly, compiled at the first connection) with V8's
// baseline compiler only. Otherwise V8 also optimises it on background threads, and the
// process cannot exit before they finish: 120–250 ms after the last request of every
// provisioner run (`npm run bench`, hook start-up). A run parses a handful of responses; the
// optimised code would never pay for itself.
setFlagsFromString("--liftoff-only");

// Exit as soon as the work is done: undici's keep-alive sockets and timers would otherwise
// hold the process for a few hundred milliseconds after every run. Writes to stderr are
// synchronous for pipes and files on POSIX, so nothing printed is lost.
void runHook(process.argv.slice(2)).then((code) => process.exit(code));

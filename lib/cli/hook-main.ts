// Entry point of the bundled hook asset that travels with the synthesized stack.
import { runHook } from "./hook";

// Exit as soon as the work is done: undici's keep-alive sockets and timers would otherwise
// hold the process for a few hundred milliseconds after every run. Writes to stderr are
// synchronous for pipes and files on POSIX, so nothing printed is lost.
void runHook(process.argv.slice(2)).then((code) => process.exit(code));

// Entry point of the bundled hook asset that travels with the synthesized stack.
import { runHook } from "./hook";

void runHook(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

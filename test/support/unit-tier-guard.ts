import childProcess = require("node:child_process");
import net = require("node:net");

// The unit tier is pure: a test that starts a server or a process belongs in
// test/integration (or test/e2e). This guard makes the mistake fail at once, saying so,
// instead of making `npm run test:unit` slow. Restored after each file, as workers are shared.
const TIER_RULE = "belongs in test/integration/<lib path>/ (or test/e2e/), not in the unit tier (docs/testing.md)";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function refusedListen(): never {
  throw new Error(`a unit test started a server (net.Server.listen): it ${TIER_RULE}`);
};

const PROCESS_FUNCTIONS = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
const processFunctions = new Map(PROCESS_FUNCTIONS.map((name) => [name, childProcess[name]]));
const writableChildProcess = childProcess as unknown as Record<string, unknown>;
for (const name of PROCESS_FUNCTIONS) {
  writableChildProcess[name] = (command: unknown) => {
    throw new Error(`a unit test started a process (child_process.${name} ${String(command)}): it ${TIER_RULE}`);
  };
}

afterAll(() => {
  net.Server.prototype.listen = listen;
  for (const [name, original] of processFunctions) writableChildProcess[name] = original;
});

// The chaos family `hostile-proxy`: the bundled hook process reaches the clouds' public https
// host names through an HTTPS_PROXY that closes, never answers, refuses (502) or opens and drops
// the CONNECT for the first few tunnels (or all of them), then tunnels to a TLS front of the
// emulator with a certificate of a private CA (NODE_EXTRA_CA_CERTS). Invariants: the run
// converges or fails in one clear line naming the proxy, within its timeout; a bounded number of
// CONNECTs (no reconnect loop); no credential or proxy password printed; the clean run after it
// converges; nothing changed twice.
import { mkdtempSync, rmSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Server as TlsServer, createServer as createTlsServer } from "node:tls";
import { Emulator } from "../../lib/emulator/emulator-server";
import { Duration } from "../../lib/contract/duration";
import { HOSTILE_BEHAVIOURS, HostileProxy } from "../support/hostile-proxy";
import { createTestCa } from "../support/test-ca";
import { RunRecord, faultRecord, judgeCleanDeploy, judgeDeploy, outputProblems, runHookProcess, startScenario } from "./campaign";
import { Random } from "./random";
import { SCENARIOS, specOf } from "./scenarios";

/** CONNECTs one run may send: 6 attempts for each of a handful of calls, never a loop. */
export const MAX_CONNECTS_PER_RUN = 40;
const PROXY_PASSWORD = "chaos-proxy-pass-22";

/** Runs of the family, each drawing a behaviour and how many CONNECTs it spoils; on the TaurusDB off→on scenario. */
export async function hostileProxyRuns(emulator: Emulator, seed: number, runs: number): Promise<RunRecord[]> {
  if (runs === 0) return [];
  const scenario = SCENARIOS.find((s) => s.name === "taurusdb off→on")!;
  const dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-chaos-proxy-"));
  const ca = createTestCa(dir, ["*.cn-north-4.myhuaweicloud.com"]);
  const emulatorPort = Number(new URL(emulator.url).port);
  const front: TlsServer = createTlsServer({ key: ca.key, cert: ca.cert }, (socket) => {
    const upstream = netConnect(emulatorPort, "127.0.0.1");
    socket.pipe(upstream).pipe(socket);
    socket.on("error", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  const proxy = await HostileProxy.start("close", { passTo: (front.address() as { port: number }).port });
  const records: RunRecord[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const random = new Random(seed + i);
      const behaviour = random.pick(HOSTILE_BEHAVIOURS);
      const times = random.chance(0.25) ? Infinity : random.int(1, 4);
      records.push(await oneRun(emulator, scenario, proxy, behaviour, times, ca.caFile));
    }
  } finally {
    await proxy.stop();
    await new Promise<void>((resolve) => front.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
  return records;
}

async function oneRun(
  emulator: Emulator,
  scenario: (typeof SCENARIOS)[number],
  proxy: HostileProxy,
  behaviour: (typeof HOSTILE_BEHAVIOURS)[number],
  times: number,
  caFile: string,
): Promise<RunRecord> {
  const started = Date.now();
  const since = startScenario(emulator, scenario, true);
  const spec = specOf(scenario);
  // The public host names over https, through the proxy: no connect-to.
  const env = { CDKTF_ENCRYPTION_CONNECT_TO: undefined, HTTPS_PROXY: proxy.url(`chaos:${PROXY_PASSWORD}`), NODE_EXTRA_CA_CERTS: caFile };
  const label = `proxy ${behaviour} ${times === Infinity ? "every" : times}× CONNECT`;
  const problems: string[] = [];
  proxy.misbehave(behaviour, times);
  const first = await runHookProcess(emulator, spec, env);
  problems.push(...outputProblems(first, Duration.parse(spec.timeout).toMilliseconds()));
  if (first.output.includes(PROXY_PASSWORD)) problems.push("the proxy's password was printed");
  if (proxy.connects.length > MAX_CONNECTS_PER_RUN) problems.push(`${proxy.connects.length} CONNECTs in one run (at most ${MAX_CONNECTS_PER_RUN})`);
  const { outcome, failure } = judgeDeploy(first, emulator, scenario, since, problems);
  if (failure && outcome === "failed-clearly" && !/proxy http:\/\/127\.0\.0\.1:\d+ \(from HTTPS_PROXY\)/.test(failure)) problems.push(`the failure does not name the proxy: ${failure}`);
  proxy.misbehave(behaviour, 0);
  const repeats = judgeCleanDeploy(await runHookProcess(emulator, spec, env), emulator, scenario, since, problems);
  // A row of its own in the campaign's table, apart from the scenario's other hook-process runs.
  return faultRecord({ ...scenario, name: `${scenario.name} through hostile proxies` }, "hook-process", [{ family: "hostile-proxy", label }], { outcome, failure }, problems, repeats, started);
}

import { AdminTarget, answerAdminRequest } from "../../../lib/emulator/admin-api";
import { Emulator } from "../../../lib/emulator/emulator-server";
import { defaultFixture } from "../../../lib/emulator/fixture";

const PORT = 4599;
const HOST = { host: `127.0.0.1:${PORT}` };
/** The emulator, not started: the admin API is answered here without a server. */
const target = () => new Emulator();

const ask = (t: AdminTarget, method: string, pathAndQuery: string, body?: unknown, headers: { host?: string; origin?: string } = HOST) =>
  answerAdminRequest(t, { method, url: new URL(pathAndQuery, "http://emulator"), headers, body: Buffer.from(body === undefined ? "" : JSON.stringify(body)) }, PORT);

test("an unknown admin route is answered 404 with the routes there are", () => {
  const reply = ask(target(), "PUT", "/_emulator/clock");
  expect(reply.status).toBe(404);
  expect(reply.body).toEqual({ error: "unknown admin route PUT /_emulator/clock", routes: expect.arrayContaining(["GET|POST /_emulator/clock", "POST /_emulator/reset"]) });
});

test("a request that is not from a local tool is refused 403 before anything changes", () => {
  const t = target();
  const reply = ask(t, "POST", "/_emulator/faults", { operation: "*", status: 503 }, { ...HOST, origin: "https://evil.example" });
  expect(reply.status).toBe(403);
  expect(t.faults.list()).toEqual([]);
});

test("faults posted one or several at a time are listed, and cleared", () => {
  const t = target();
  expect(ask(t, "POST", "/_emulator/faults", { operation: "ShowJob", status: 503 }).body).toEqual({ faults: [{ operation: "ShowJob", status: 503, count: 1 }] });
  ask(t, "POST", "/_emulator/faults", { faults: [{ operation: "A", reset: true, count: 2 }, { operation: "B", latency_ms: 5 }] });
  expect(t.faults.list().map((f) => f.operation)).toEqual(["ShowJob", "A", "B"]);
  expect(ask(t, "DELETE", "/_emulator/faults").body).toEqual({ faults: [] });
  expect(t.faults.list()).toEqual([]);
});

test("the clock moves by seconds, to an instant, and at a rate", () => {
  const t = target();
  const before = t.clock.now();
  ask(t, "POST", "/_emulator/clock", { advance_seconds: 3600 });
  expect(t.clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
  expect(ask(t, "POST", "/_emulator/clock", { set: "2030-01-01T00:00:00Z", rate: 60 }).body).toEqual({ now: expect.stringMatching(/^2030-01-01T00:00:0/), rate: 60 });
});

test("the call log is listed since a sequence number and cleared", () => {
  const t = target();
  for (const operation of ["A", "B", "C"]) t.calls.add({ service: "dws", operation, method: "GET", path: "/", status: 200, mutating: false, performed: false });
  expect((ask(t, "GET", "/_emulator/calls?since=1").body as { calls: { operation: string }[] }).calls.map((c) => c.operation)).toEqual(["B", "C"]);
  ask(t, "DELETE", "/_emulator/calls");
  expect(t.calls.list()).toEqual([]);
});

test("reset takes the posted fixture; a resource is changed through its service", () => {
  const t = target();
  const world = defaultFixture() as { taurusdb: { instances: { instance_id: string }[] } };
  const [first] = world.taurusdb.instances;
  world.taurusdb.instances = [first];
  expect(ask(t, "POST", "/_emulator/reset", { fixture: world }).status).toBe(200);
  const instances = () => (t.snapshot().taurusdb as { instances: Record<string, unknown>[] }).instances;
  expect(instances().map((i) => i.instance_id)).toEqual([first.instance_id]);
  expect(instances()[0].backup_encryption).toBe("off");
  expect(ask(t, "POST", "/_emulator/resources", { service: "taurusdb", id: first.instance_id, backup_encryption: "on", kms_key_id: "0d0466b0-f6e8-4ec4-9c31-231bc547c526" }).body).toEqual({ ok: true });
  expect(instances()[0]).toMatchObject({ backup_encryption: "on", kms_key_id: "0d0466b0-f6e8-4ec4-9c31-231bc547c526" });
});

import { EmulatorClock } from "../../../../lib/emulator/emulator-clock";
import { HttpReply } from "../../../../lib/emulator/http-reply";
import { ServiceContext } from "../../../../lib/emulator/emulator-service";
import { keptById, patchKept } from "../../../../lib/emulator/services/kept-resources";

interface Thing {
  id: string;
  state: string;
}

function context(): ServiceContext & { changes: number } {
  const ctx = { changes: 0, clock: new EmulatorClock(), changed: () => void ctx.changes++ };
  return ctx;
}

test("keptById keeps a copy of each resource under its id, and nothing for a slice without any", () => {
  const fixture: Thing[] = [
    { id: "a", state: "on" },
    { id: "b", state: "off" },
  ];
  const kept = keptById(fixture, (t) => t.id);
  expect([...kept.keys()]).toEqual(["a", "b"]);
  kept.get("a")!.state = "changed";
  expect(fixture[0].state).toBe("on");
  expect(keptById<Thing>(undefined, (t) => t.id).size).toBe(0);
});

test("patchKept overwrites the fields given and reports the change", () => {
  const kept = keptById<Thing>([{ id: "a", state: "on" }], (t) => t.id);
  const ctx = context();
  patchKept(kept, "a", { state: "off" }, "thing", ctx);
  expect(kept.get("a")).toEqual({ id: "a", state: "off" });
  expect(ctx.changes).toBe(1);
});

test("patchKept answers 404 naming what it looked for when the id is not kept, and changes nothing", () => {
  const kept = keptById<Thing>([{ id: "a", state: "on" }], (t) => t.id);
  const ctx = context();
  let thrown: unknown;
  try {
    patchKept(kept, "zz", { state: "off" }, "DWS cluster", ctx);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(HttpReply);
  expect(thrown).toMatchObject({ status: 404, body: { error: "no DWS cluster zz" } });
  expect(ctx.changes).toBe(0);
});

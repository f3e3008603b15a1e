import { ConcurrencyLimit, mapBounded } from "../../../lib/runtime/concurrency-limit";

/** A task that stays in flight until released; counts how many run at once. */
function gauge() {
  let inFlight = 0;
  let most = 0;
  const releases: (() => void)[] = [];
  const task = (value: number) => async () => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise<void>((resolve) => releases.push(resolve));
    inFlight--;
    return value;
  };
  return { task, releases, most: () => most, inFlight: () => inFlight };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

test("one ConcurrencyLimit shared by several callers keeps at most N tasks in flight, and hands a freed slot to the next waiting task in order", async () => {
  const limit = new ConcurrencyLimit(2);
  const g = gauge();
  const started: number[] = [];
  const results = [1, 2, 3, 4, 5].map((n) => limit.run(() => (started.push(n), g.task(n)())));
  await settle();
  expect(g.inFlight()).toBe(2);
  expect(started).toEqual([1, 2]);
  g.releases.shift()!();
  await settle();
  expect(started).toEqual([1, 2, 3]);
  while (g.releases.length > 0) {
    g.releases.shift()!();
    await settle();
  }
  expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5]);
  expect(g.most()).toBe(2);
});

test("a failed task frees its slot", async () => {
  const limit = new ConcurrencyLimit(1);
  await expect(limit.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  await expect(limit.run(() => Promise.resolve("next"))).resolves.toBe("next");
});

test("mapBounded is a map through one limit: results in the items' order, a concurrency below 1 still runs one at a time", async () => {
  const g = gauge();
  const mapped = mapBounded([10, 20, 30], 0, (n) => g.task(n)());
  for (let i = 0; i < 3; i++) {
    await settle();
    expect(g.inFlight()).toBe(1);
    g.releases.shift()!();
  }
  expect(await mapped).toEqual([10, 20, 30]);
});

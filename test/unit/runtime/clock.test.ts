import { MAX_TIMER_MS, systemClock } from "../../../lib/runtime/clock";

test("a wait longer than the timer's limit is slept in pieces, not turned into no wait (setTimeout overflows past 2^31-1 ms)", async () => {
  const delays: number[] = [];
  const spy = jest.spyOn(global, "setTimeout").mockImplementation(((resume: () => void, ms: number) => {
    delays.push(ms);
    resume();
    return undefined as unknown as NodeJS.Timeout;
  }) as unknown as typeof setTimeout);
  try {
    await systemClock.sleep(MAX_TIMER_MS + 10_000);
  } finally {
    spy.mockRestore();
  }
  expect(delays).toEqual([MAX_TIMER_MS, 10_000]);
});

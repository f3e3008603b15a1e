/** Time as the reconcilers and transports see it; injectable so tests control it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** The longest delay one `setTimeout` takes; a longer one fires at once (Node clamps it to 1 ms). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    // Slept in pieces: a delay past the timer's limit must not turn into no delay at all.
    for (let left = Math.max(0, ms); left > 0; left -= MAX_TIMER_MS) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, MAX_TIMER_MS)));
    }
  },
};

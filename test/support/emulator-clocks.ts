import { Clock } from "../../lib/runtime/clock";
import { Emulator } from "../../lib/emulator/emulator-server";

/** The emulator's own clock as the reconciler's: every sleep moves emulated time, so nothing sleeps. Keeps the sleeps asked for. */
export function emulatedClock(emulator: Emulator): Clock & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    now: () => emulator.clock.now(),
    sleep: async (ms) => {
      slept.push(ms);
      emulator.clock.advance(ms / 1000);
    },
  };
}

/** Real time (signatures stay fresh) plus the time slept; every sleep moves the emulated cloud forward instead of waiting. */
export function emulatorDrivenClock(emulator: Emulator): Clock & { slept: () => number } {
  let slept = 0;
  return {
    now: () => Date.now() + slept,
    sleep: async (ms) => {
      slept += ms;
      emulator.clock.advance(ms / 1000);
    },
    slept: () => slept,
  };
}

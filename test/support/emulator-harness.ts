import { Emulator, EmulatorOptions } from "../../lib/emulator/emulator-server";
import { CallRecord } from "../../lib/emulator/call-log";

export interface RunningEmulator {
  readonly emulator: Emulator;
  readonly url: string;
  /** The environment the hook needs: endpoint override and the emulator's credentials. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
  /** Calls received since the last `clearCalls`. */
  calls(filter?: Partial<Pick<CallRecord, "service" | "operation" | "method">>): CallRecord[];
  clearCalls(): void;
  /** Mutating calls the service carried out (2xx), optionally of one operation. */
  performed(operation?: string): CallRecord[];
}

/** Starts the emulator in this process on a free loopback port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new Emulator(options);
  const url = await emulator.start();
  return {
    emulator,
    url,
    env: emulator.environment(),
    stop: () => emulator.stop(),
    calls: (filter = {}) =>
      emulator.calls
        .list()
        .filter((c) => Object.entries(filter).every(([k, v]) => (c as unknown as Record<string, unknown>)[k] === v)),
    clearCalls: () => emulator.calls.clear(),
    performed: (operation) => emulator.calls.list().filter((c) => c.performed && (!operation || c.operation === operation)),
  };
}

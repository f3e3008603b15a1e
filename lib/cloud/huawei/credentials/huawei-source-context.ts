import { Clock } from "../../../runtime/clock";
import { Log } from "../../../runtime/log";

/** What every Huawei credential source is given: where to read, which region's IAM, time, a log. */
export interface HuaweiSourceContext {
  readonly env: NodeJS.ProcessEnv;
  /** Region whose IAM endpoint issues tokens and temporary keys. */
  readonly region: string;
  readonly clock: Clock;
  readonly log: Log;
}

/** The first variable of `names` that is set and not blank, with its name. */
export function firstSet(env: NodeJS.ProcessEnv, names: readonly string[]): { readonly name: string; readonly value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

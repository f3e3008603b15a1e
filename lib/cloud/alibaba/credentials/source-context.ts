import { homedir } from "node:os";
import { Clock } from "../../../runtime/clock";
import { CredentialProvider } from "../../credential-provider";
import { AlibabaCredentials } from "../alibaba-credentials";

/** What every Alibaba credential source reads and measures time with. */
export interface SourceContext {
  readonly env: NodeJS.ProcessEnv;
  /** Judges `Expiration` of temporary credentials. */
  readonly clock: Clock;
}

export type AlibabaCredentialProvider = CredentialProvider<AlibabaCredentials>;

/** The first non-empty value among these variables, with its name. */
export function firstVariable(env: NodeJS.ProcessEnv, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** The home directory as this environment sets it (HOME), else the OS's. */
export function homeDirectory(env: NodeJS.ProcessEnv): string {
  return env.HOME?.trim() || homedir();
}

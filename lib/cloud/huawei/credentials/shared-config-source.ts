import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { CredentialProvider, fixedCredentials, shortKeyId } from "../../credential-provider";
import { registerSecret } from "../../redact";
import { HuaweiCredentials } from "../huawei-credentials";
import { AgencyTarget } from "./assume-agency-source";
import { CredentialSourceError } from "./credential-source-error";
import { firstSet } from "./huawei-source-context";

/**
 * One profile of the KooCLI (hcloud) configuration file, with the fields the huaweicloud
 * provider reads (`SharedConfig`/`Profile` in `huaweicloud/config/auth.go`).
 */
interface KooCliProfile {
  readonly name?: unknown;
  readonly mode?: unknown;
  readonly accessKeyId?: unknown;
  readonly secretAccessKey?: unknown;
  readonly securityToken?: unknown;
  readonly agencyName?: unknown;
  readonly agencyDomainName?: unknown;
  readonly agencyDomainId?: unknown;
}

export const SHARED_CONFIG_FILE_ENV = "HW_SHARED_CONFIG_FILE";
export const PROFILE_ENV = "HW_PROFILE";

/** What a profile gives: keys, and the agency to assume with them when the profile names one. */
export interface SharedConfigCredentials {
  readonly provider: CredentialProvider<HuaweiCredentials>;
  /** `agencyName` + `agencyDomainName` of the profile: the provider assumes it (`buildClientByConfig`). */
  readonly agency?: AgencyTarget;
  /** `profile "dev" of ~/.hcloud/config.json`. */
  readonly origin: string;
}

/**
 * Keys from the KooCLI configuration file: `HW_SHARED_CONFIG_FILE`, else `~/.hcloud/config.json`
 * when it exists; profile `HW_PROFILE`, else the file's `current`. The provider reads the file
 * only when `HW_SHARED_CONFIG_FILE` is set; the default path is our addition, so a laptop with
 * KooCLI works without a variable. Encrypted authentication (KooCLI's default) cannot be read,
 * as the provider's documentation says: `hcloud configure set --cli-auth-encrypt=false`.
 */
export function sharedConfigFromEnv(env: NodeJS.ProcessEnv): SharedConfigCredentials | undefined {
  const explicit = firstSet(env, [SHARED_CONFIG_FILE_ENV]);
  const home = env.HOME?.trim() || homedir();
  const file = explicit ? expandHome(explicit.value, home) : path.join(home, ".hcloud", "config.json");
  if (!explicit && !existsSync(file)) return undefined;
  const source = `shared config file ${file}`;

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CredentialSourceError(source, `the file cannot be read (${code})`, `that ${SHARED_CONFIG_FILE_ENV} names the KooCLI configuration file (hcloud configure init writes ~/.hcloud/config.json)`);
  }
  let config: { current?: unknown; profiles?: unknown };
  try {
    config = JSON.parse(text) as typeof config;
  } catch (error) {
    throw new CredentialSourceError(source, `the file is not JSON (${(error as Error).message})`, "that it is a KooCLI configuration file (JSON with `current` and `profiles`), not an INI credentials file");
  }
  if (!config || typeof config !== "object" || !Array.isArray(config.profiles)) {
    throw new CredentialSourceError(source, "the file has no `profiles` list", "that it is a KooCLI configuration file (JSON with `current` and `profiles`)");
  }
  const profiles = config.profiles as KooCliProfile[];
  const wanted = firstSet(env, [PROFILE_ENV]);
  const name = wanted?.value ?? (typeof config.current === "string" ? config.current : undefined);
  const known = profiles.map((p) => String(p?.name)).join(", ") || "none";
  if (!name) throw new CredentialSourceError(source, "no profile is chosen (neither HW_PROFILE nor the file's `current` is set)", `set ${PROFILE_ENV} to one of: ${known}`);
  const profile = profiles.find((p) => p?.name === name);
  const origin = `profile "${name}" of ${file}`;
  if (!profile) {
    throw new CredentialSourceError(source, `there is no profile "${name}"${wanted ? ` (from ${PROFILE_ENV})` : " (the file's `current`)"}`, `${PROFILE_ENV} names one of the profiles in the file: ${known}`);
  }
  const accessKey = stringField(profile.accessKeyId);
  const secretKey = stringField(profile.secretAccessKey);
  if (!accessKey || !secretKey) {
    throw new CredentialSourceError(
      source,
      `profile "${name}" has no accessKeyId/secretAccessKey${profile.mode !== undefined ? ` (mode ${String(profile.mode)})` : ""}`,
      "that the profile is an AKSK profile and that KooCLI does not encrypt it (hcloud configure set --cli-auth-encrypt=false, as the huaweicloud provider requires)",
    );
  }
  const securityToken = stringField(profile.securityToken);
  for (const secret of [accessKey, secretKey, securityToken]) registerSecret(secret);
  const agencyName = stringField(profile.agencyName);
  const agencyDomainName = stringField(profile.agencyDomainName);
  const agencyDomainId = stringField(profile.agencyDomainId);
  return {
    provider: fixedCredentials<HuaweiCredentials>(
      { kind: "aksk", accessKey, secretKey, securityToken },
      `${securityToken ? "temporary access key" : "access key"} ${shortKeyId(accessKey)} from ${origin}`,
    ),
    agency: agencyName && (agencyDomainName || agencyDomainId) ? { agencyName, domainName: agencyDomainName, domainId: agencyDomainId } : undefined,
    origin,
  };
}

function stringField(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function expandHome(file: string, home: string): string {
  return file === "~" || file.startsWith("~/") ? path.join(home, file.slice(1)) : file;
}

import * as path from "node:path";
import { CredentialFileProblem, credentialFileExists, readCredentialFile } from "../../credentials/credential-file";
import { CredentialSource } from "../../credentials/credential-source";
import { fixedCredentials, shortKeyId } from "../../credential-provider";
import { registerSecret } from "../../../runtime/redact";
import { HuaweiCredentials } from "./huawei-credential";
import { CredentialSourceError } from "./credential-source-error";
import { HuaweiSourceContext, firstSet } from "./huawei-source-context";

/**
 * One profile of the KooCLI (hcloud) configuration file, with the fields the huaweicloud
 * provider reads (`SharedConfig`/`Profile`/`SsoAuth` in `huaweicloud/config/auth.go`, v1.97.1).
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
  readonly ssoAuth?: { readonly stsToken?: { readonly accessKeyId?: unknown; readonly secretAccessKey?: unknown; readonly securityToken?: unknown } };
}

export const SHARED_CONFIG_FILE_ENV = "HW_SHARED_CONFIG_FILE";
export const PROFILE_ENV = "HW_PROFILE";

/** What a profile gives: its keys, and the agency fields that replace `HW_ASSUME_ROLE_*` ones. */
export interface SharedProfile {
  readonly credentials: HuaweiCredentials & { readonly kind: "aksk" };
  readonly agencyName?: string;
  readonly agencyDomainName?: string;
  /** `profile "dev" of /home/me/.hcloud/config.json`. */
  readonly origin: string;
}

/**
 * Whether the environment names the KooCLI file: the provider reads it only when
 * `shared_config_file` (HW_SHARED_CONFIG_FILE) or `profile` (HW_PROFILE) is set
 * (`configureProvider` in `huaweicloud/provider.go`, v1.97.1); a `~/.hcloud/config.json` alone
 * is not read, by Terraform nor here.
 */
export function sharedConfigConfigured(env: NodeJS.ProcessEnv): boolean {
  return firstSet(env, [SHARED_CONFIG_FILE_ENV, PROFILE_ENV]) !== undefined;
}

const profiles = new WeakMap<HuaweiSourceContext, SharedProfile>();

/**
 * The chosen profile of the KooCLI file, read once per chain: `HW_SHARED_CONFIG_FILE`, else
 * `$HOME/.hcloud/config.json`; profile `HW_PROFILE`, else the file's `current` (`readConfig` in
 * the provider's `provider.go`). Mode `SSO` takes the keys of `ssoAuth.stsToken`, as the
 * provider does, and fails with its words when they are missing. A file that is missing, a
 * dangling or looping link, a directory, unreadable or not JSON fails the run in one line: the
 * profile was asked for, so no other identity is used instead.
 */
export function sharedProfile(ctx: HuaweiSourceContext): SharedProfile {
  const known = profiles.get(ctx);
  if (known) return known;
  const profile = readProfile(ctx.env);
  profiles.set(ctx, profile);
  return profile;
}

function readProfile(env: NodeJS.ProcessEnv): SharedProfile {
  const explicit = firstSet(env, [SHARED_CONFIG_FILE_ENV]);
  const home = env.HOME?.trim() ?? "";
  const file = explicit ? expandHome(explicit.value, home) : path.join(home, ".hcloud", "config.json");
  const source = `shared config file ${file}`;
  const check = `that ${SHARED_CONFIG_FILE_ENV} names the KooCLI configuration file (hcloud configure init writes ~/.hcloud/config.json)`;
  if (!credentialFileExists(file)) throw new CredentialSourceError(source, `The specified shared config file ${file} does not exist`, check);
  let text: string;
  try {
    text = readCredentialFile(file);
  } catch (error) {
    if (!(error instanceof CredentialFileProblem)) throw error;
    throw new CredentialSourceError(source, `the file ${error.problem}`, check);
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
  const all = config.profiles as KooCliProfile[];
  const wanted = firstSet(env, [PROFILE_ENV]);
  const name = wanted?.value ?? (typeof config.current === "string" ? config.current : "");
  const names = all.map((p) => String(p?.name)).join(", ") || "none";
  const profile = all.find((p) => p?.name === name);
  if (!profile) {
    // The provider's own words: "Error finding profile %s from shared config file".
    throw new CredentialSourceError(source, `Error finding profile ${name} from shared config file${wanted ? ` (from ${PROFILE_ENV})` : " (the file's `current`)"}`, `${PROFILE_ENV} names one of the profiles in the file: ${names}`);
  }
  const origin = `profile "${name}" of ${file}`;
  const keys = profile.mode === "SSO" ? ssoKeys(profile, source) : profile;
  const accessKey = stringField(keys.accessKeyId);
  const secretKey = stringField(keys.secretAccessKey);
  if (!accessKey || !secretKey) {
    throw new CredentialSourceError(
      source,
      `profile "${name}" has no accessKeyId/secretAccessKey${profile.mode !== undefined ? ` (mode ${String(profile.mode)})` : ""}`,
      "that the profile is an AKSK (or SSO) profile and that KooCLI does not encrypt it (hcloud configure set --cli-auth-encrypt=false, as the huaweicloud provider requires)",
    );
  }
  const securityToken = stringField(keys.securityToken);
  for (const secret of [accessKey, secretKey, securityToken]) registerSecret(secret);
  const agencyName = stringField(profile.agencyName);
  const agencyDomainName = stringField(profile.agencyDomainName);
  if (agencyName && !agencyDomainName && stringField(profile.agencyDomainId)) {
    throw new CredentialSourceError(
      source,
      `profile "${name}" names agency ${agencyName} by agencyDomainId only`,
      "add agencyDomainName to the profile: the huaweicloud provider reads agencyDomainName, not agencyDomainId, so Terraform would not assume this agency as written",
    );
  }
  return { credentials: { kind: "aksk", accessKey, secretKey, securityToken }, agencyName, agencyDomainName, origin };
}

/** The keys of an SSO profile, refused with the provider's own words when they are not there. */
function ssoKeys(profile: KooCliProfile, source: string): NonNullable<NonNullable<KooCliProfile["ssoAuth"]>["stsToken"]> {
  const check = "that `hcloud configure sso` has logged in and written the profile's ssoAuth.stsToken (its keys expire: log in again)";
  if (!profile.ssoAuth || typeof profile.ssoAuth !== "object") throw new CredentialSourceError(source, "Error finding ssoAuth config when auth mode is SSO", check);
  if (!profile.ssoAuth.stsToken || typeof profile.ssoAuth.stsToken !== "object") {
    throw new CredentialSourceError(source, "Error finding ssoAuth.stsToken config when auth mode is SSO", check);
  }
  return profile.ssoAuth.stsToken;
}

/**
 * The profile's keys. The provider reads the profile in `configureProvider`, before
 * `LoadAndValidate`: its keys replace `HW_ACCESS_KEY`/`HW_SECRET_KEY` and so win over them and
 * over a password (tested first with keys in `buildClient`); an IAM token and OIDC still win.
 */
export const SHARED_CONFIG_SOURCE: CredentialSource<HuaweiCredentials, HuaweiSourceContext> = {
  name: "shared config file profile",
  variables: [SHARED_CONFIG_FILE_ENV, PROFILE_ENV],
  configured: ({ env }) => (sharedConfigConfigured(env) ? { configured: true } : { configured: false, why: "HW_SHARED_CONFIG_FILE and HW_PROFILE are not set (~/.hcloud/config.json alone is not read, as by Terraform)" }),
  provider: (ctx) => {
    const profile = sharedProfile(ctx);
    const { accessKey, securityToken } = profile.credentials;
    return fixedCredentials<HuaweiCredentials>(profile.credentials, `${securityToken ? "temporary access key" : "access key"} ${shortKeyId(accessKey)} from ${profile.origin}`);
  },
};

function stringField(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function expandHome(file: string, home: string): string {
  return file === "~" || file.startsWith("~/") ? path.join(home, file.slice(1)) : file;
}

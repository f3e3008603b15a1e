import * as path from "node:path";
import { CredentialFileProblem, readCredentialFile } from "../../credentials/credential-file";
import { assumedRole } from "./assume-role-source";
import { CredentialSourceError } from "./credential-source-error";
import { credentialsUri } from "./credentials-uri-source";
import { ecsRamRole } from "./ecs-ram-role-source";
import { oidcRole } from "./oidc-role-source";
import { AlibabaCredentialProvider, SourceContext, firstVariable, homeDirectory } from "./source-context";
import { staticKeys } from "./static-keys-source";

/** One profile of the aliyun CLI's `config.json`, the fields the credential modes use. */
interface CliProfile {
  name?: string;
  mode?: string;
  access_key_id?: string;
  access_key_secret?: string;
  sts_token?: string;
  ram_role_arn?: string;
  ram_session_name?: string;
  expired_seconds?: number;
  sts_region?: string;
  source_profile?: string;
  ram_role_name?: string;
  oidc_token_file?: string;
  oidc_provider_arn?: string;
  credentials_uri?: string;
}

/** Profile variables in the alicloud provider's order (`ALICLOUD_PROFILE`, then the official `ALIBABA_CLOUD_PROFILE`). */
export const PROFILE_VARIABLES = ["ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE"] as const;

/**
 * The file the profile is read from, in the alicloud provider's order (`shared_credentials_file`:
 * `ALICLOUD_SHARED_CREDENTIALS_FILE`, then `ALIBABA_CLOUD_CREDENTIALS_FILE`): the aliyun CLI's
 * JSON `config.json`, the format the provider reads. (`@alicloud/credentials` reads
 * `ALIBABA_CLOUD_CREDENTIALS_FILE` as an INI file instead; the hook follows the provider.)
 */
export const PROFILE_FILE_VARIABLES = ["ALICLOUD_SHARED_CREDENTIALS_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE"] as const;

/** `~/.aliyun/config.json` under this environment's HOME. */
export function defaultProfileFile(env: NodeJS.ProcessEnv): string {
  return path.join(homeDirectory(env), ".aliyun", "config.json");
}

/** The profile name and the file it is read from, as the environment names them; undefined when no profile is named. */
export function namedProfile(env: NodeJS.ProcessEnv): { name: string; variable: string; file: string; fileVariable?: string } | undefined {
  const named = firstVariable(env, PROFILE_VARIABLES);
  if (!named) return undefined;
  const file = firstVariable(env, PROFILE_FILE_VARIABLES);
  return { name: named.value, variable: named.name, file: file?.value ?? defaultProfileFile(env), fileVariable: file?.name };
}

/**
 * The aliyun CLI profile named by `ALICLOUD_PROFILE`/`ALIBABA_CLOUD_PROFILE`, as the alicloud
 * provider reads it (`alicloud/provider.go` `getConfigFromProfile`: only a named profile, never
 * the file's `current`), in any of its credential modes as `@alicloud/credentials`
 * `providers/cli_profile.ts` reads them. Undefined when no profile is named. A named profile
 * whose file is missing, unreadable, a dangling link or not JSON stops the run.
 */
export function namedCliProfile(ctx: SourceContext): AlibabaCredentialProvider | undefined {
  const named = namedProfile(ctx.env);
  if (!named) return undefined;
  const { file } = named;
  const fileFrom = named.fileVariable ? `${named.fileVariable} (${file})` : file;
  const check = `${fileFrom} (aliyun configure list shows its profiles)`;
  const fileSource = `aliyun CLI profile file ${file}`;
  let text: string;
  try {
    text = readCredentialFile(file);
  } catch (e) {
    if (!(e instanceof CredentialFileProblem)) throw e;
    throw new CredentialSourceError(fileSource, `${named.variable} names profile "${named.name}", but the file ${e.problem}`, check);
  }
  let config: { current?: unknown; profiles?: unknown };
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new CredentialSourceError(fileSource, `the file does not parse as JSON (${(e as Error).message.split("\n")[0]})`, check);
  }
  const profiles = Array.isArray(config?.profiles) ? (config.profiles as CliProfile[]) : [];
  const source = `aliyun CLI profile "${named.name}" in ${file}`;
  const find = (wanted: string, from: string) => {
    const profile = profiles.find((p) => p?.name === wanted);
    if (!profile) throw new CredentialSourceError(source, `there is no profile "${wanted}"${from}; the file has ${profiles.map((p) => `"${p?.name}"`).join(", ") || "no profiles"}`, `${named.variable} or ${check}`);
    return profile;
  };
  return providerFor(find(named.name, ` (named by ${named.variable})`), ctx, source, find, new Set());
}

function providerFor(
  p: CliProfile,
  ctx: SourceContext,
  source: string,
  find: (name: string, from: string) => CliProfile,
  seen: Set<string>,
): AlibabaCredentialProvider {
  const need = (field: keyof CliProfile): string => {
    const value = p[field];
    if (typeof value !== "string" || value.trim() === "") throw new CredentialSourceError(source, `profile "${p.name}" (mode ${p.mode}) has no ${field}`, `the profile's ${field} (aliyun configure --profile ${p.name})`);
    return value.trim();
  };
  const origin = `${source}, mode ${p.mode}`;
  const role = (base: AlibabaCredentialProvider) =>
    assumedRole({ roleArn: need("ram_role_arn"), sessionName: p.ram_session_name, durationSeconds: p.expired_seconds || undefined, stsRegion: p.sts_region || undefined }, base, ctx, origin);
  switch (p.mode) {
    case "AK":
      return staticKeys({ accessKeyId: need("access_key_id"), accessKeySecret: need("access_key_secret") }, origin);
    case "StsToken":
      return staticKeys({ accessKeyId: need("access_key_id"), accessKeySecret: need("access_key_secret"), securityToken: need("sts_token") }, origin);
    case "RamRoleArn":
      return role(staticKeys({ accessKeyId: need("access_key_id"), accessKeySecret: need("access_key_secret") }, `profile "${p.name}"`));
    case "EcsRamRole":
      return ecsRamRole({ roleName: p.ram_role_name?.trim() || undefined }, ctx, origin);
    case "OIDC":
      return oidcRole(
        { roleArn: need("ram_role_arn"), oidcProviderArn: need("oidc_provider_arn"), tokenFile: need("oidc_token_file"), tokenFileNamedBy: `the oidc_token_file of profile "${p.name}"`, sessionName: p.ram_session_name, durationSeconds: p.expired_seconds || undefined, stsRegion: p.sts_region || undefined },
        ctx,
        origin,
      );
    case "ChainableRamRoleArn": {
      const sourceName = need("source_profile");
      if (seen.has(sourceName) || sourceName === p.name) throw new CredentialSourceError(source, `profile "${p.name}" chains back to "${sourceName}" in a loop`, "the source_profile of each ChainableRamRoleArn profile");
      const base = providerFor(find(sourceName, ` (source_profile of "${p.name}")`), ctx, source, find, new Set([...seen, p.name ?? ""]));
      return role(base);
    }
    case "CredentialsURI":
      // The aliyun CLI's CredentialsURI mode (field `credentials_uri`); @alicloud/credentials 2.4 has no such mode. *unverified* field name.
      return credentialsUri(need("credentials_uri"), ctx, origin);
    default:
      throw new CredentialSourceError(
        source,
        `profile "${p.name}" has mode ${JSON.stringify(p.mode)}, which cdktf-encryption does not read`,
        "use one of AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn, CredentialsURI (CloudSSO/OAuth/External are not supported)",
      );
  }
}

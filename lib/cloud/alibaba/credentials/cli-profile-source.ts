import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
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
 * The aliyun CLI profile (`~/.aliyun/config.json`): the profile named by the environment or
 * the file's `current`, in any of its credential modes, as `@alicloud/credentials`
 * `providers/cli_profile.ts` reads it. Undefined when the file does not exist or
 * `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`.
 */
export function cliProfileFromFile(ctx: SourceContext): AlibabaCredentialProvider | undefined {
  if (ctx.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED?.trim().toLowerCase() === "true") return undefined;
  const file = path.join(homeDirectory(ctx.env), ".aliyun", "config.json");
  if (!existsSync(file)) return undefined;
  const check = `${file} (aliyun configure list shows its profiles)`;
  let config: { current?: unknown; profiles?: unknown };
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new CredentialSourceError(`aliyun CLI profile ${file}`, `the file does not parse as JSON (${(e as Error).message.split("\n")[0]})`, check);
  }
  const profiles = Array.isArray(config?.profiles) ? (config.profiles as CliProfile[]) : [];
  const named = firstVariable(ctx.env, PROFILE_VARIABLES);
  const name = named?.value ?? (typeof config.current === "string" ? config.current : "");
  const source = `aliyun CLI profile "${name}" in ${file}`;
  const find = (wanted: string, from: string) => {
    const profile = profiles.find((p) => p?.name === wanted);
    if (!profile) throw new CredentialSourceError(source, `there is no profile "${wanted}"${from}; the file has ${profiles.map((p) => `"${p?.name}"`).join(", ") || "no profiles"}`, named ? `${named.name} or ${check}` : check);
    return profile;
  };
  return providerFor(find(name, named ? ` (named by ${named.name})` : " (the file's current)"), ctx, source, find, new Set());
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
        { roleArn: need("ram_role_arn"), oidcProviderArn: need("oidc_provider_arn"), tokenFile: need("oidc_token_file"), sessionName: p.ram_session_name, durationSeconds: p.expired_seconds || undefined, stsRegion: p.sts_region || undefined },
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

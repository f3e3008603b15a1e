import { CredentialSource, SourceAbsent } from "../../credentials/credential-source";
import { AlibabaCredentials, ALIBABA_KEY_VARIABLES, environmentKeysSet, findEnvironmentKeys } from "../alibaba-credentials";
import { PROFILE_FILE_VARIABLES, PROFILE_VARIABLES, namedCliProfile, namedProfile } from "./cli-profile-source";
import { CredentialHostUnreachable } from "./credential-http";
import { credentialsUri } from "./credentials-uri-source";
import { NoInstanceRole, ecsMetadataDisabled, ecsRamRole } from "./ecs-ram-role-source";
import { RRSA_VARIABLES, oidcRoleFromEnv, rrsaConfigured } from "./oidc-role-source";
import { SourceContext, firstVariable } from "./source-context";
import { staticKeys } from "./static-keys-source";

/** One Alibaba credential source, with where the official `@alicloud/credentials` chain puts it, for the docs. */
export interface AlibabaCredentialSource extends CredentialSource<AlibabaCredentials, SourceContext> {
  /** Where the provider reads it (file and function), as the docs cite it. */
  readonly providerReads: string;
  /** The official `@alicloud/credentials` 2.4.7 default chain's position and reading, where it differs. */
  readonly officialChain: string;
}

/** The alicloud provider's role name variable first, then the official one. */
export const ECS_ROLE_VARIABLES = ["ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA"] as const;
export const URI_VARIABLES = ["ALICLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_URI"] as const;

const notSet = (names: readonly string[]) => ({ configured: false as const, why: `none of ${names.join(", ")} is set` });

/**
 * The sources in the alicloud Terraform provider's order (`alicloud/provider.go`
 * `providerConfigure`, then `alicloud/connectivity/config.go` `RefreshAuthCredential`): keys,
 * a named profile, the credentials URI, a named ECS role, OIDC. Where the provider alone finds
 * nothing, the official chain's instance-metadata discovery comes last (on ECS the discovered
 * role is the one role the instance has, the one a provider block's `ecs_role_name` names).
 * A role to assume (`ALICLOUD_ASSUME_ROLE_ARN`, `ALIBABA_CLOUD_ROLE_ARN`) goes on top of the
 * chosen source (see alibaba-credential-chain.ts).
 */
export const ALIBABA_CREDENTIAL_SOURCES: readonly AlibabaCredentialSource[] = [
  {
    name: "environment access keys",
    variables: ALIBABA_KEY_VARIABLES,
    providerReads: "`access_key`/`secret_key`/`security_token` defaults (`ALICLOUD_*` first)",
    officialChain: "1st, `ALIBABA_CLOUD_*` names only",
    configured: (ctx) => (environmentKeysSet(ctx.env) ? { configured: true } : notSet(ALIBABA_KEY_VARIABLES.filter((v) => !v.endsWith("TOKEN")))),
    provider: (ctx) => {
      const keys = findEnvironmentKeys(ctx.env)!;
      return staticKeys(keys.credentials, keys.variable);
    },
  },
  {
    name: "named aliyun CLI profile",
    variables: [...PROFILE_VARIABLES, ...PROFILE_FILE_VARIABLES, "~/.aliyun/config.json"],
    providerReads: "`getConfigFromProfile`: only when `profile` is named; the JSON file of `shared_credentials_file`",
    officialChain: "3rd; also the file's `current` profile when none is named; `ALIBABA_CLOUD_CREDENTIALS_FILE` is its INI file (4th)",
    configured: (ctx) => (namedProfile(ctx.env) ? { configured: true } : notSet(PROFILE_VARIABLES)),
    provider: (ctx) => namedCliProfile(ctx)!,
  },
  {
    name: "credentials URI",
    variables: URI_VARIABLES,
    providerReads: "`credentials_uri`, read when no keys were found",
    officialChain: "6th (last), `ALIBABA_CLOUD_CREDENTIALS_URI` only",
    configured: (ctx) => (firstVariable(ctx.env, URI_VARIABLES) ? { configured: true } : notSet(URI_VARIABLES)),
    provider: (ctx) => {
      const uri = firstVariable(ctx.env, URI_VARIABLES)!;
      return credentialsUri(uri.value, ctx, uri.name);
    },
  },
  {
    name: "named ECS RAM role",
    variables: ECS_ROLE_VARIABLES,
    providerReads: "`ecs_role_name`; `setAuthCredentialByEcsRoleName`",
    officialChain: "5th, `ALIBABA_CLOUD_ECS_METADATA` only, before the URI",
    configured: (ctx) => (firstVariable(ctx.env, ECS_ROLE_VARIABLES) ? { configured: true } : notSet(ECS_ROLE_VARIABLES)),
    provider: (ctx) => {
      const role = firstVariable(ctx.env, ECS_ROLE_VARIABLES)!;
      return ecsRamRole({ roleName: role.value }, ctx, `instance metadata, ${role.name}`);
    },
  },
  {
    name: "OIDC role (RRSA)",
    variables: [...RRSA_VARIABLES, "ALIBABA_CLOUD_ROLE_SESSION_NAME"],
    providerReads: "`assume_role_with_oidc` block defaults; `setAuthCredentialByOidc`",
    officialChain: "2nd, straight after the keys",
    configured: (ctx) => (rrsaConfigured(ctx.env) ? { configured: true } : notSet(["ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"])),
    provider: (ctx) => oidcRoleFromEnv(ctx)!,
  },
  {
    name: "instance metadata (role discovered)",
    variables: ["ALIBABA_CLOUD_ECS_METADATA_DISABLED", "ALIBABA_CLOUD_IMDSV1_DISABLED"],
    providerReads: "not read: the provider needs `ecs_role_name`",
    officialChain: "5th, before the URI",
    configured: (ctx) => (ecsMetadataDisabled(ctx.env) ? { configured: false, why: "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true" } : { configured: true }),
    provider: async (ctx) => {
      const discovered = ecsRamRole({}, ctx, "instance metadata");
      try {
        await discovered.get();
        return discovered;
      } catch (e) {
        // Not on ECS, metadata blocked, or no role attached: nothing here, the chain goes on.
        if (!(e instanceof CredentialHostUnreachable || e instanceof NoInstanceRole)) throw e;
        throw new SourceAbsent(e.message.replace(/^Alibaba Cloud credentials \(instance metadata\): /, "").replace(/\. Check: .*$/, ""));
      }
    },
  },
];

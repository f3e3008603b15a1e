import { Clock, systemClock } from "../../../runtime/clock";
import { CredentialChain } from "../../credentials/credential-chain";
import { CredentialSource } from "../../credentials/credential-source";
import { SourceTried } from "../../credentials/source-tried";
import { CredentialProvider, announcedOnFirstUse } from "../../credential-provider";
import { Log, silentLog } from "../../../runtime/log";
import { AgencyTarget, agencyFromEnv, assumeAgency } from "./assume-agency-source";
import { CredentialSourceError } from "./credential-source-error";
import { ECS_METADATA_SOURCE } from "./ecs-metadata-source";
import { HuaweiCredentials } from "./huawei-credential";
import { HuaweiSourceContext } from "./huawei-source-context";
import { IAM_TOKEN_SOURCE } from "./iam-token-source";
import { OIDC_FEDERATION_SOURCE } from "./oidc-federation-source";
import { PASSWORD_SOURCE } from "./password-source";
import { SHARED_CONFIG_SOURCE, sharedConfigConfigured, sharedProfile } from "./shared-config-source";
import { STATIC_KEYS_SOURCE } from "./static-keys-source";

/** Where an agency given by the resource's declaration (its Spec) is said to come from. */
export const DECLARED_ORIGIN = "agency declared in code for the resource";

/**
 * The base credentials' sources in the order the huaweicloud provider (v1.97.1) lets them win:
 * `configureProvider` (`huaweicloud/provider.go`) reads the shared config profile into the
 * keys; `LoadAndValidate` (`huaweicloud/config/config.go`) exchanges an OIDC ID token for keys
 * that replace those; `buildClient` (`huaweicloud/config/auth.go`) then takes the IAM token,
 * else the keys, else user + password, else ECS metadata. Checked against that order by
 * test/integration/cloud/huawei/credentials/huawei-credential-order.test.ts; docs/credentials-huawei.md's table is made from it
 * (test/unit/cloud/huawei/credentials/huawei-credential-sources-doc.test.ts).
 */
export const HUAWEI_CREDENTIAL_SOURCES: readonly CredentialSource<HuaweiCredentials, HuaweiSourceContext>[] = [
  IAM_TOKEN_SOURCE,
  OIDC_FEDERATION_SOURCE,
  SHARED_CONFIG_SOURCE,
  STATIC_KEYS_SOURCE,
  PASSWORD_SOURCE,
  ECS_METADATA_SOURCE,
];

/**
 * The whole chain: the first source of {@link HUAWEI_CREDENTIAL_SOURCES} the environment
 * configures (metadata probed last), then the agency to act as when one is configured (an
 * agency declared in code, else `HW_ASSUME_ROLE_*` with a profile's `agencyName` in its place),
 * with its temporary keys renewed before they expire.
 */
export function huaweiCredentialChain(ctx: HuaweiSourceContext, declared?: AgencyTarget): CredentialChain<HuaweiCredentials, HuaweiSourceContext> {
  return new CredentialChain({
    sources: HUAWEI_CREDENTIAL_SOURCES,
    ctx,
    nothingFound,
    unresolved: "Huawei Cloud credentials (not yet resolved)",
    actAs: (base) => {
      // An agency declared in code for the resource takes the place of the environment's, as a
      // provider's own assume_role block does for its stack (HW_ASSUME_ROLE_* are read only without one).
      if (declared) return assumeAgency(declared, base, ctx, DECLARED_ORIGIN);
      const profile = sharedConfigConfigured(ctx.env) ? sharedProfile(ctx) : undefined;
      const agency = agencyFromEnv(ctx.env, profile);
      const fromProfile = profile?.agencyName !== undefined;
      return agency ? assumeAgency(agency, base, ctx, fromProfile ? profile!.origin : "HW_ASSUME_ROLE_*") : base;
    },
  });
}

function nothingFound(tried: readonly SourceTried[]): Error {
  return new CredentialSourceError(
    "no source",
    `no credentials found; tried in order: ${tried.map((t) => `${t.source} (${t.why})`).join("; ")}`,
    "set HW_ACCESS_KEY/HW_SECRET_KEY, HW_AUTH_TOKEN, HW_USER_NAME/HW_USER_PASSWORD/HW_DOMAIN_NAME, HW_SHARED_CONFIG_FILE or HW_PROFILE, or HW_ASSUME_ROLE_IDP_ID with HW_ASSUME_ROLE_ID_TOKEN_FILE; or run on an ECS with an agency attached",
  );
}

export interface HuaweiChainOptions {
  /** Region whose IAM issues tokens and temporary keys. @default HW_REGION_NAME, else cn-north-4 */
  readonly region?: string;
  readonly clock?: Clock;
  /** Where the chain says, once, which source and identity it used. @default silent */
  readonly log?: Log;
  /** The agency the resource is declared to be managed as; replaces the environment's. @default none */
  readonly agency?: AgencyTarget;
}

const chains = new WeakMap<NodeJS.ProcessEnv, Map<string, CredentialProvider<HuaweiCredentials>>>();

/**
 * The credential chain of a run for this environment and region, made once and shared by every
 * client of the run, so an agency is assumed once, not per client. Lazy: the environment is read
 * and the source contacted on the first `get()`, which also prints `credentials: …` once.
 */
export function sharedHuaweiCredentialChain(env: NodeJS.ProcessEnv, options: HuaweiChainOptions = {}): CredentialProvider<HuaweiCredentials> {
  const region = options.region ?? (env.HW_REGION_NAME?.trim() || env.OS_REGION_NAME?.trim() || "cn-north-4");
  let byRegion = chains.get(env);
  if (!byRegion) chains.set(env, (byRegion = new Map()));
  const agency = options.agency;
  const key = agency ? `${region}|${agency.agencyName}|${agency.domainName ?? ""}|${agency.domainId ?? ""}` : region;
  let chain = byRegion.get(key);
  if (!chain) {
    const ctx: HuaweiSourceContext = { env, region, clock: options.clock ?? systemClock, log: options.log ?? silentLog };
    chain = announcedOnFirstUse(huaweiCredentialChain(ctx, agency), ctx.log);
    byRegion.set(key, chain);
  }
  return chain;
}

import { Clock, systemClock } from "../../clock";
import { CredentialProvider, announcedOnFirstUse } from "../../credential-provider";
import { Log, silentLog } from "../../log";
import { HuaweiCredentials } from "../huawei-credentials";
import { AgencyTarget, agencyFromEnv, assumeAgency } from "./assume-agency-source";
import { ecsMetadataCredentials } from "./ecs-metadata-source";
import { HuaweiSourceContext } from "./huawei-source-context";
import { iamTokenFromEnv } from "./iam-token-source";
import { oidcFederationFromEnv } from "./oidc-federation-source";
import { passwordFromEnv } from "./password-source";
import { SharedConfigCredentials, sharedConfigFromEnv } from "./shared-config-source";
import { staticKeysFromEnv } from "./static-keys-source";

/** Where an agency given by the resource's declaration (its Spec) is said to come from. */
export const DECLARED_ORIGIN = "agency declared in code for the resource";

/** Named in the message when nothing is configured and the instance metadata is out of reach too. */
const CONFIGURABLE_SOURCES =
  "HW_AUTH_TOKEN, HW_ACCESS_KEY/HW_SECRET_KEY, HW_USER_NAME/HW_USER_PASSWORD/HW_DOMAIN_NAME, HW_SHARED_CONFIG_FILE (or ~/.hcloud/config.json) or HW_ASSUME_ROLE_IDP_ID/HW_ASSUME_ROLE_ID_TOKEN_FILE";

/**
 * The base credentials: the first source configured in the environment, in the huaweicloud
 * provider's order (`buildClient` in `huaweicloud/config/auth.go`): IAM token, AK/SK, user +
 * password, shared config file, then OIDC federation (our placement, *unverified*: the provider
 * configures it in its own `assume_role_with_oidc` block), and ECS metadata last. Which source applies is decided from the environment
 * alone; only the chosen one contacts anything.
 */
function baseSource(ctx: HuaweiSourceContext): { provider: CredentialProvider<HuaweiCredentials>; profile?: SharedConfigCredentials } {
  const direct = iamTokenFromEnv(ctx.env) ?? staticKeysFromEnv(ctx.env) ?? passwordFromEnv(ctx);
  if (direct) return { provider: direct };
  const profile = sharedConfigFromEnv(ctx.env);
  if (profile) return { provider: profile.provider, profile };
  return { provider: oidcFederationFromEnv(ctx) ?? ecsMetadataCredentials(ctx, CONFIGURABLE_SOURCES) };
}

/**
 * The whole chain: the base source, then the agency to act as when one is configured (the
 * profile's `agencyName`, which the provider lets win, else `HW_ASSUME_ROLE_*`), with its
 * temporary keys renewed before they expire.
 */
export function huaweiCredentialChain(ctx: HuaweiSourceContext, declared?: AgencyTarget): CredentialProvider<HuaweiCredentials> {
  const { provider, profile } = baseSource(ctx);
  // An agency declared in code for the resource takes the place of the environment's, as a
  // provider's own assume_role block does for its stack (the huaweicloud provider reads
  // HW_ASSUME_ROLE_* only for fields the block omits: EnvDefaultFunc in provider.go).
  if (declared) return assumeAgency(declared, provider, ctx, DECLARED_ORIGIN);
  if (profile?.agency) return assumeAgency(profile.agency, provider, ctx, profile.origin);
  const agency = agencyFromEnv(ctx.env);
  return agency ? assumeAgency(agency, provider, ctx, "HW_ASSUME_ROLE_*") : provider;
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
    chain = announcedOnFirstUse(lazy(() => huaweiCredentialChain(ctx, agency)), ctx.log);
    byRegion.set(key, chain);
  }
  return chain;
}

/** A provider made on first use, so configuration errors surface when credentials are needed. */
function lazy<C>(make: () => CredentialProvider<C>): CredentialProvider<C> {
  let made: CredentialProvider<C> | undefined;
  return {
    get: () => (made ??= make()).get(),
    describe: () => made?.describe() ?? "Huawei Cloud credentials (not yet resolved)",
    invalidate: () => made?.invalidate?.() ?? false,
  };
}

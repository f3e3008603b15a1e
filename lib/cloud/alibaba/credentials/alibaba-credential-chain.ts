import { Clock, systemClock } from "../../../runtime/clock";
import { ConfigError } from "../../../runtime/config-error";
import { announcedOnFirstUse } from "../../credential-provider";
import { CredentialChain } from "../../credentials/credential-chain";
import { SourceTried } from "../../credentials/source-tried";
import { Log, silentLog } from "../../../runtime/log";
import { AlibabaCredentials } from "../alibaba-credentials";
import { ALIBABA_CREDENTIAL_SOURCES } from "./alibaba-credential-sources";
import { assumedRole } from "./assume-role-source";
import { CredentialSourceError } from "./credential-source-error";
import { rrsaConfigured } from "./oidc-role-source";
import { AlibabaCredentialProvider, SourceContext, firstVariable } from "./source-context";

export interface ChainOptions {
  /** @default the system clock */
  readonly clock?: Clock;
  /** Where the one line naming the source and identity is printed when it first resolves. */
  readonly log?: Log;
  /**
   * The RAM role the resource is declared to be managed as: assumed with the base credentials
   * in place of ALICLOUD_ASSUME_ROLE_ARN, as a provider's own assume_role block does for its stack
   * (the alicloud provider reads the variable only when the block omits `role_arn`).
   * @default none
   */
  readonly identity?: DeclaredRole;
}

/** A RAM role declared in code for a resource. */
export interface DeclaredRole {
  readonly roleArn: string;
  readonly sessionName?: string;
}

/**
 * The role to assume on top of the chosen source, in the alicloud provider's order
 * (`assume_role.role_arn` defaults: `ALICLOUD_ASSUME_ROLE_ARN`, then `ALIBABA_CLOUD_ROLE_ARN`).
 * With the RRSA variables set, `ALIBABA_CLOUD_ROLE_ARN` is the OIDC role (as `@alicloud/credentials`
 * reads it), never a role to assume on top of other keys.
 */
export const ASSUME_ROLE_ARN_VARIABLES = ["ALICLOUD_ASSUME_ROLE_ARN", "ALIBABA_CLOUD_ROLE_ARN"] as const;
export const ASSUME_ROLE_ARN_ENV = ASSUME_ROLE_ARN_VARIABLES[0];
const SESSION_NAME_VARIABLES = ["ALICLOUD_ASSUME_ROLE_SESSION_NAME", "ALIBABA_CLOUD_ROLE_SESSION_NAME"] as const;
const SESSION_EXPIRATION_ENV = "ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION";

const chains = new WeakMap<NodeJS.ProcessEnv, Map<string, AlibabaCredentialProvider>>();

/**
 * The credential chain of a run for this environment, made once per environment object so a
 * role is assumed once however many clients the run makes. Prints `credentials: …` once,
 * through the first caller's log, when it first resolves.
 */
export function alibabaCredentialChain(env: NodeJS.ProcessEnv = process.env, options: ChainOptions = {}): AlibabaCredentialProvider {
  let byIdentity = chains.get(env);
  if (!byIdentity) chains.set(env, (byIdentity = new Map()));
  const declared = options.identity;
  const key = declared ? `${declared.roleArn}|${declared.sessionName ?? ""}` : "";
  let chain = byIdentity.get(key);
  if (!chain) {
    chain = announcedOnFirstUse(newAlibabaCredentialChain({ env, clock: options.clock ?? systemClock }, declared), options.log ?? silentLog);
    byIdentity.set(key, chain);
  }
  return chain;
}

/**
 * Finds credentials by trying {@link ALIBABA_CREDENTIAL_SOURCES} in the alicloud provider's
 * order, then assumes the declared role or `ALICLOUD_ASSUME_ROLE_ARN`/`ALIBABA_CLOUD_ROLE_ARN`
 * on top, as the provider does. A source that is configured but broken stops the chain with its
 * own error instead of falling through to another identity; only instance metadata that nothing
 * named, and that does not answer or names no role, is passed over.
 */
function newAlibabaCredentialChain(ctx: SourceContext, declared?: DeclaredRole): CredentialChain<AlibabaCredentials, SourceContext> {
  return new CredentialChain({
    sources: ALIBABA_CREDENTIAL_SOURCES,
    ctx,
    nothingFound: noCredentialsFound,
    unresolved: "Alibaba Cloud credentials (not yet resolved)",
    actAs: (base) => roleOnTop(base, ctx, declared),
  });
}

function roleOnTop(base: AlibabaCredentialProvider, ctx: SourceContext, declared?: DeclaredRole): AlibabaCredentialProvider {
  if (declared) {
    return assumedRole(declared, base, ctx, `role declared in code for the resource; base identity tried: ${base.describe()}`);
  }
  const names = rrsaConfigured(ctx.env) ? [ASSUME_ROLE_ARN_ENV] : ASSUME_ROLE_ARN_VARIABLES;
  const role = firstVariable(ctx.env, names);
  if (!role) return base;
  const expiration = ctx.env[SESSION_EXPIRATION_ENV]?.trim();
  const durationSeconds = expiration ? Number(expiration) : undefined;
  if (durationSeconds !== undefined && !Number.isInteger(durationSeconds)) {
    throw new CredentialSourceError(SESSION_EXPIRATION_ENV, `"${expiration}" is not a whole number of seconds`, "a number of seconds from 900 to 43200");
  }
  return assumedRole({ roleArn: role.value, sessionName: firstVariable(ctx.env, SESSION_NAME_VARIABLES)?.value, durationSeconds }, base, ctx, role.name);
}

/** The one line when no source gave credentials: what each source needed, and what metadata said. */
function noCredentialsFound(tried: readonly SourceTried[]): ConfigError {
  const metadata = tried.find((t) => t.source === "instance metadata (role discovered)");
  return new ConfigError(
    `no Alibaba Cloud credentials found: set ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY (or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET), ` +
      `ALICLOUD_PROFILE or ALIBABA_CLOUD_PROFILE naming a profile of ~/.aliyun/config.json, ALIBABA_CLOUD_CREDENTIALS_URI, ALICLOUD_ECS_ROLE_NAME, ` +
      `or the RRSA variables ALIBABA_CLOUD_ROLE_ARN/ALIBABA_CLOUD_OIDC_PROVIDER_ARN/ALIBABA_CLOUD_OIDC_TOKEN_FILE; ECS instance metadata: ${metadata?.why || "not tried"}`,
  );
}

import { Clock, systemClock } from "../../clock";
import { ConfigError } from "../../config-error";
import { announcedOnFirstUse } from "../../credential-provider";
import { Log, silentLog } from "../../log";
import { AlibabaCredentials, findEnvironmentKeys } from "../alibaba-credentials";
import { assumedRole } from "./assume-role-source";
import { cliProfileFromFile } from "./cli-profile-source";
import { CredentialHostUnreachable } from "./credential-http";
import { credentialsFile } from "./credentials-file-source";
import { credentialsUri } from "./credentials-uri-source";
import { NoInstanceRole, ecsMetadataDisabled, ecsRamRole } from "./ecs-ram-role-source";
import { oidcRoleFromEnv } from "./oidc-role-source";
import { AlibabaCredentialProvider, SourceContext, firstVariable } from "./source-context";
import { staticKeys } from "./static-keys-source";

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

/** The alicloud provider's role name variable first, then the official one. */
const ECS_ROLE_VARIABLES = ["ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA"] as const;
const URI_VARIABLES = ["ALICLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_URI"] as const;
export const ASSUME_ROLE_ARN_ENV = "ALICLOUD_ASSUME_ROLE_ARN";

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
    chain = announcedOnFirstUse(new AlibabaCredentialChain({ env, clock: options.clock ?? systemClock }, declared), options.log ?? silentLog);
    byIdentity.set(key, chain);
  }
  return chain;
}

/**
 * Finds credentials in the order of the official `@alicloud/credentials` default chain
 * (environment keys → RRSA/OIDC → aliyun CLI profile → credentials file → ECS RAM role →
 * credentials URI), environment variable names in the alicloud provider's precedence, then
 * assumes `ALICLOUD_ASSUME_ROLE_ARN` on top when set, as the provider does. A source that is
 * configured but broken stops the chain with its own error instead of falling through to
 * another identity; only instance metadata that nothing named, and that does not answer or
 * names no role, is passed over.
 */
class AlibabaCredentialChain implements AlibabaCredentialProvider {
  private resolved?: Promise<AlibabaCredentialProvider>;
  private source?: AlibabaCredentialProvider;

  constructor(
    private readonly ctx: SourceContext,
    private readonly declared?: DeclaredRole,
  ) {}

  async get(): Promise<AlibabaCredentials> {
    if (this.source) return this.source.get();
    this.resolved ??= this.resolve();
    const source = await this.resolved;
    const credentials = await source.get();
    this.source = source;
    return credentials;
  }

  describe(): string {
    return this.source?.describe() ?? "Alibaba Cloud credentials (not yet resolved)";
  }

  invalidate(): boolean {
    return this.source?.invalidate?.() ?? false;
  }

  private async resolve(): Promise<AlibabaCredentialProvider> {
    const base = await this.base();
    if (this.declared) {
      return assumedRole(this.declared, base, this.ctx, `role declared in code for the resource; base identity tried: ${base.describe()}`);
    }
    const roleArn = this.ctx.env[ASSUME_ROLE_ARN_ENV]?.trim();
    if (!roleArn) return base;
    return assumedRole({ roleArn, sessionName: this.ctx.env.ALICLOUD_ASSUME_ROLE_SESSION_NAME?.trim() }, base, this.ctx, ASSUME_ROLE_ARN_ENV);
  }

  private async base(): Promise<AlibabaCredentialProvider> {
    const { env } = this.ctx;
    const keys = findEnvironmentKeys(env);
    if (keys) return staticKeys(keys.credentials, keys.variable);
    const found = oidcRoleFromEnv(this.ctx) ?? cliProfileFromFile(this.ctx) ?? credentialsFile(this.ctx);
    if (found) return found;

    let metadataNote = "off (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)";
    if (!ecsMetadataDisabled(env)) {
      const namedRole = firstVariable(env, ECS_ROLE_VARIABLES);
      if (namedRole) return ecsRamRole({ roleName: namedRole.value }, this.ctx, `instance metadata, ${namedRole.name}`);
      const discovered = ecsRamRole({ timeoutMs: 1000 }, this.ctx, "instance metadata");
      try {
        await discovered.get();
        return discovered;
      } catch (e) {
        // Not on ECS, metadata blocked, or no role attached: the official chain goes on to the next source.
        if (!(e instanceof CredentialHostUnreachable || e instanceof NoInstanceRole)) throw e;
        metadataNote = e.message.replace(/^Alibaba Cloud credentials \(instance metadata\): /, "").replace(/\. Check: .*$/, "");
      }
    }
    const uri = firstVariable(env, URI_VARIABLES);
    if (uri) return credentialsUri(uri.value, this.ctx, uri.name);
    throw new ConfigError(
      `no Alibaba Cloud credentials found: set ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY (or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET), ` +
        `the RRSA variables ALIBABA_CLOUD_ROLE_ARN/ALIBABA_CLOUD_OIDC_PROVIDER_ARN/ALIBABA_CLOUD_OIDC_TOKEN_FILE, a profile in ~/.aliyun/config.json or ~/.alibabacloud/credentials, ` +
        `or ALIBABA_CLOUD_CREDENTIALS_URI; ECS instance metadata: ${metadataNote}`,
    );
  }
}

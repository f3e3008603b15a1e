import { CloudError } from "../../cloud-error";
import { ConfigError } from "../../../runtime/config-error";
import { CredentialProvider, ProvidedCredentialsSigner, shortKeyId } from "../../credential-provider";
import { RefreshingCredentials } from "../../refreshing-credentials";
import { HuaweiCredentials } from "./huawei-credential";
import { HuaweiSigner } from "../huawei-signer";
import { CredentialSourceError } from "./credential-source-error";
import { HuaweiSourceContext, firstSet } from "./huawei-source-context";
import { HuaweiIamClient, describeIamRefusal } from "./iam-client";
import { temporaryCredentials } from "./temporary-credentials";

/** The agency to act as: its name and the account (domain) it belongs to. */
export interface AgencyTarget {
  readonly agencyName: string;
  /** The account that owns the agency, by name. One of `domainName` and `domainId` is required. */
  readonly domainName?: string;
  /** The account that owns the agency, by id. */
  readonly domainId?: string;
  /**
   * Lifetime of the temporary keys asked for.
   * @default 43200 with a domain name (the provider's `assumeRoleDuration`); STS's own default with a domain id
   */
  readonly durationSeconds?: number;
}

/** IAM's range for `duration_seconds` of assume_role (IAM API "Obtaining a Temporary Access Key and Security Token Through an Agency"). */
const MIN_DURATION = 900;
const MAX_DURATION = 86_400;
/** What the huaweicloud provider asks IAM v3 for: `assumeRoleDuration = 12 * 60 * 60` (v1.97.1, `huaweicloud/config/auth.go`). */
export const V3_AGENCY_DURATION = 43_200;

export const ASSUME_ROLE_VARIABLES = ["HW_ASSUME_ROLE_AGENCY_NAME", "HW_ASSUME_ROLE_DOMAIN_NAME", "HW_ASSUME_ROLE_DOMAIN_ID", "HW_ASSUME_ROLE_DURATION"] as const;

/**
 * The agency named by `HW_ASSUME_ROLE_*` (read by the provider's `configureProvider` when no
 * `assume_role` block is given), with a shared-config profile's `agencyName` and
 * `agencyDomainName` in place of the variables' when the profile has them (`readConfig`).
 */
export function agencyFromEnv(env: NodeJS.ProcessEnv, profile?: { readonly agencyName?: string; readonly agencyDomainName?: string }): AgencyTarget | undefined {
  const agencyName = profile?.agencyName ?? firstSet(env, ["HW_ASSUME_ROLE_AGENCY_NAME"])?.value;
  if (!agencyName) return undefined;
  const domainName = profile?.agencyDomainName ?? firstSet(env, ["HW_ASSUME_ROLE_DOMAIN_NAME"])?.value;
  const domainId = firstSet(env, ["HW_ASSUME_ROLE_DOMAIN_ID"])?.value;
  if (!domainName && !domainId) {
    throw new ConfigError(
      `HW_ASSUME_ROLE_AGENCY_NAME "${agencyName}" is set without the account that owns the agency: set HW_ASSUME_ROLE_DOMAIN_NAME (or HW_ASSUME_ROLE_DOMAIN_ID)`,
    );
  }
  const durationText = firstSet(env, ["HW_ASSUME_ROLE_DURATION"])?.value;
  let durationSeconds: number | undefined;
  if (durationText !== undefined) {
    durationSeconds = Number(durationText);
    if (!Number.isInteger(durationSeconds) || durationSeconds < MIN_DURATION || durationSeconds > MAX_DURATION) {
      throw new ConfigError(`HW_ASSUME_ROLE_DURATION "${durationText}" is not a whole number of seconds from ${MIN_DURATION} to ${MAX_DURATION}`);
    }
  }
  return { agencyName, domainName, domainId, durationSeconds };
}

/** "agency deploy-agency in domain acme". */
export function describeAgency(target: AgencyTarget): string {
  return `agency ${target.agencyName} in domain ${target.domainName ?? `id ${target.domainId}`}`;
}

/** Which API assumes the agency, as the provider chooses: STS v5 when the domain is given by id. */
export function agencyApi(target: AgencyTarget): string {
  return target.domainId
    ? `STS v5 /v5/agencies/assume, ${target.durationSeconds ? `${target.durationSeconds} s` : "STS's default duration"}`
    : `IAM v3 securitytokens, ${target.durationSeconds ?? V3_AGENCY_DURATION} s`;
}

/**
 * Acts as an agency: temporary AK/SK from IAM `POST /v3.0/OS-CREDENTIAL/securitytokens` with
 * the assume_role method (by domain name), or from STS `POST /v5/agencies/assume` (by domain id,
 * as the provider does when `HW_ASSUME_ROLE_DOMAIN_ID` is set), signed with the base credentials (whatever source gave them), fetched
 * again before they expire. This is what the provider does for `assume_role`
 * (`buildClientByAgency` in `auth.go`), so the hook acts as the same identity as Terraform.
 * `origin` names where the agency was configured, for messages.
 */
export function assumeAgency(
  target: AgencyTarget,
  base: CredentialProvider<HuaweiCredentials>,
  ctx: HuaweiSourceContext,
  origin: string,
): CredentialProvider<HuaweiCredentials> {
  const signer = new ProvidedCredentialsSigner(base, (c) => new HuaweiSigner(c));
  const agency = describeAgency(target);
  const api = agencyApi(target);
  const fetch = target.domainId ? viaStsV5(target, new HuaweiIamClient(ctx, signer, "sts"), ctx, origin) : viaIamV3(target, new HuaweiIamClient(ctx, signer), ctx, origin);
  let accessKey: string | undefined;
  return new RefreshingCredentials<HuaweiCredentials>(
    async () => {
      let temporary;
      try {
        temporary = await fetch();
      } catch (error) {
        if (!(error instanceof CloudError)) throw error;
        throw new CredentialSourceError(
          origin,
          `${error.service} did not let ${base.describe()} assume ${agency}: ${describeIamRefusal(error)}`,
          `that the agency exists in that account, trusts the account of the base credentials, and that the base user may assume it (iam:agencies:assume)`,
        );
      }
      accessKey = temporary.accessKey;
      return temporary;
    },
    () => `assumed ${agency} (from ${origin}${accessKey ? `, temporary key ${shortKeyId(accessKey)}` : ""}; via ${api}; base: ${base.describe()})`,
    ctx.clock,
  );
}

/** IAM v3 `assume_role` with the domain name (`buildClientByAgency`). */
function viaIamV3(target: AgencyTarget, iam: HuaweiIamClient, ctx: HuaweiSourceContext, origin: string) {
  const body = {
    auth: {
      identity: {
        methods: ["assume_role"],
        assume_role: { agency_name: target.agencyName, domain_name: target.domainName, duration_seconds: target.durationSeconds ?? V3_AGENCY_DURATION },
      },
    },
  };
  return async () => {
    const answer = await iam.createSecurityToken(body, "CreateTemporaryAccessKeyByAgency", describeAgency(target));
    return temporaryCredentials(answer.body, answer.serverTime, ctx.clock, origin);
  };
}

/**
 * STS v5 with the domain id (`buildClientByAgencyV5`): agency URN `iam::{domain_id}:agency:{name}`,
 * the agency's name as session name, `duration_seconds` only when one is configured.
 */
function viaStsV5(target: AgencyTarget, sts: HuaweiIamClient, ctx: HuaweiSourceContext, origin: string) {
  const body = {
    agency_urn: `iam::${target.domainId}:agency:${target.agencyName}`,
    agency_session_name: target.agencyName,
    ...(target.durationSeconds ? { duration_seconds: target.durationSeconds } : {}),
  };
  return async () => {
    const answer = await sts.assumeAgencyV5(body, describeAgency(target));
    const c = answer.body.credentials;
    return temporaryCredentials(
      { credential: { access: c?.access_key_id, secret: c?.secret_access_key, securitytoken: c?.security_token, expires_at: c?.expiration } },
      answer.serverTime,
      ctx.clock,
      origin,
    );
  };
}

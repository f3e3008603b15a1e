import { CloudError } from "../../cloud-error";
import { ConfigError } from "../../config-error";
import { CredentialProvider, ProvidedCredentialsSigner, shortKeyId } from "../../credential-provider";
import { RefreshingCredentials } from "../../refreshing-credentials";
import { HuaweiCredentials } from "../huawei-credentials";
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
  /** Lifetime of the temporary keys asked for. @default 900 (IAM's minimum and default) */
  readonly durationSeconds?: number;
}

/** IAM's range for `duration_seconds` of assume_role (IAM API "Obtaining a Temporary Access Key and Security Token Through an Agency"). */
const MIN_DURATION = 900;
const MAX_DURATION = 86_400;

export const ASSUME_ROLE_VARIABLES = ["HW_ASSUME_ROLE_AGENCY_NAME", "HW_ASSUME_ROLE_DOMAIN_NAME", "HW_ASSUME_ROLE_DOMAIN_ID", "HW_ASSUME_ROLE_DURATION"] as const;

/** The agency named by `HW_ASSUME_ROLE_*` (the provider's `assume_role` block reads the same variables). */
export function agencyFromEnv(env: NodeJS.ProcessEnv): AgencyTarget | undefined {
  const agencyName = firstSet(env, ["HW_ASSUME_ROLE_AGENCY_NAME"])?.value;
  if (!agencyName) return undefined;
  const domainName = firstSet(env, ["HW_ASSUME_ROLE_DOMAIN_NAME"])?.value;
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

/**
 * Acts as an agency: temporary AK/SK from IAM `POST /v3.0/OS-CREDENTIAL/securitytokens` with
 * the assume_role method, signed with the base credentials (whatever source gave them), fetched
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
  const iam = new HuaweiIamClient(ctx, new ProvidedCredentialsSigner(base, (c) => new HuaweiSigner(c)));
  const agency = describeAgency(target);
  let accessKey: string | undefined;
  const body = {
    auth: {
      identity: {
        methods: ["assume_role"],
        assume_role: {
          agency_name: target.agencyName,
          ...(target.domainId ? { domain_id: target.domainId } : { domain_name: target.domainName }),
          duration_seconds: target.durationSeconds ?? MIN_DURATION,
        },
      },
    },
  };
  return new RefreshingCredentials<HuaweiCredentials>(
    async () => {
      let answer;
      try {
        answer = await iam.createSecurityToken(body, "CreateTemporaryAccessKeyByAgency", agency);
      } catch (error) {
        if (!(error instanceof CloudError)) throw error;
        throw new CredentialSourceError(
          origin,
          `IAM did not let ${base.describe()} assume ${agency}: ${describeIamRefusal(error)}`,
          `that the agency exists in that account, trusts the account of the base credentials, and that the base user may assume it (iam:agencies:assume)`,
        );
      }
      const temporary = temporaryCredentials(answer.body, answer.serverTime, ctx.clock, origin);
      accessKey = temporary.accessKey;
      return temporary;
    },
    () => `assumed ${agency} (from ${origin}${accessKey ? `, temporary key ${shortKeyId(accessKey)}` : ""}; base: ${base.describe()})`,
    ctx.clock,
  );
}

import { CredentialSourceError } from "./credential-source-error";
import { shortRoleArn } from "./identity-words";
import { AlibabaCredentialProvider, SourceContext } from "./source-context";
import { assumeRole, stsRegion } from "./sts-client";
import { RefreshingCredentials } from "../../refreshing-credentials";

export interface AssumeRoleProps {
  /** `acs:ram::{account id}:role/{role name}`. */
  readonly roleArn: string;
  /** @default "cdktf-encryption" */
  readonly sessionName?: string;
  /** @default 3600 */
  readonly durationSeconds?: number;
  readonly externalId?: string;
  /** @default ALIBABA_CLOUD_STS_REGION, else the run's region, else the global endpoint */
  readonly stsRegion?: string;
}

export const DEFAULT_SESSION_NAME = "cdktf-encryption";
const ROLE_ARN = /^acs:ram::\d+:role\/\S+$/i;

/**
 * Acts as a RAM role: STS `AssumeRole` signed with the credentials of `base` (any other
 * source), refreshed before the role's credentials expire. Composable, so a role can be
 * declared on top of whatever source gives the base identity.
 */
export function assumedRole(props: AssumeRoleProps, base: AlibabaCredentialProvider, ctx: SourceContext, origin: string): AlibabaCredentialProvider {
  if (!ROLE_ARN.test(props.roleArn)) {
    throw new CredentialSourceError(origin, `"${props.roleArn}" is not a RAM role ARN`, "the form acs:ram::<account id>:role/<role name>");
  }
  const durationSeconds = props.durationSeconds ?? 3600;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43_200) {
    throw new CredentialSourceError(origin, `session duration ${props.durationSeconds} is invalid`, "a whole number of seconds from 900 to 43200 (and at most the role's maximum session duration)");
  }
  const session = { roleArn: props.roleArn, sessionName: props.sessionName || DEFAULT_SESSION_NAME, durationSeconds, externalId: props.externalId };
  const sts = { env: ctx.env, clock: ctx.clock, region: props.stsRegion ?? stsRegion(ctx.env) };
  return new RefreshingCredentials(
    async () => assumeRole(await base.get(), session, sts, origin),
    () => `assumed role ${shortRoleArn(props.roleArn)} (from ${origin}; base identity: ${base.describe()})`,
    ctx.clock,
  );
}

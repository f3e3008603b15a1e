import { CredentialFileProblem, readCredentialFile } from "../../credentials/credential-file";
import { registerSecret } from "../../../runtime/redact";
import { DEFAULT_SESSION_NAME } from "./assume-role-source";
import { CredentialSourceError } from "./credential-source-error";
import { shortRoleArn } from "./identity-words";
import { AlibabaCredentialProvider, SourceContext } from "./source-context";
import { assumeRoleWithOidc, stsRegion } from "./sts-client";
import { RefreshingCredentials } from "../../refreshing-credentials";

export interface OidcRoleProps {
  readonly roleArn: string;
  readonly oidcProviderArn: string;
  /** Read again at every refresh: RRSA rotates the projected token. */
  readonly tokenFile: string;
  /** What names the token file, for the line that says where to check. @default "ALIBABA_CLOUD_OIDC_TOKEN_FILE" */
  readonly tokenFileNamedBy?: string;
  /** @default "cdktf-encryption" */
  readonly sessionName?: string;
  /** @default 3600 */
  readonly durationSeconds?: number;
  readonly stsRegion?: string;
}

/** RRSA's variables (`@alicloud/credentials` `providers/oidc_role_arn.ts`; the alicloud provider's `assume_role_with_oidc` defaults). */
export const RRSA_VARIABLES = ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"] as const;

/**
 * Whether the environment means RRSA: an OIDC provider or token file is named. The role variable
 * alone is not RRSA: with other credentials it names a role to assume, as the provider's
 * `assume_role.role_arn` reads it.
 */
export function rrsaConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN?.trim() || env.ALIBABA_CLOUD_OIDC_TOKEN_FILE?.trim());
}

/** A RAM role assumed with an OIDC token (RRSA in ACK pods): STS `AssumeRoleWithOIDC`. */
export function oidcRole(props: OidcRoleProps, ctx: SourceContext, origin: string): AlibabaCredentialProvider {
  const session = { roleArn: props.roleArn, oidcProviderArn: props.oidcProviderArn, sessionName: props.sessionName || DEFAULT_SESSION_NAME, durationSeconds: props.durationSeconds ?? 3600 };
  const sts = { env: ctx.env, clock: ctx.clock, region: props.stsRegion ?? stsRegion(ctx.env) };
  return new RefreshingCredentials(
    async () => assumeRoleWithOidc({ ...session, oidcToken: await readToken(props.tokenFile, props.tokenFileNamedBy ?? "ALIBABA_CLOUD_OIDC_TOKEN_FILE", origin) }, sts, origin),
    () => `assumed role ${shortRoleArn(props.roleArn)} with OIDC (from ${origin})`,
    ctx.clock,
  );
}

/**
 * RRSA from the official variables, or undefined when neither the OIDC provider nor the token
 * file is named. Some but not all set is a mistake worth stopping for: the pod was meant to use
 * its role.
 */
export function oidcRoleFromEnv(ctx: SourceContext): AlibabaCredentialProvider | undefined {
  if (!rrsaConfigured(ctx.env)) return undefined;
  const values = RRSA_VARIABLES.map((name) => ctx.env[name]?.trim());
  const missing = RRSA_VARIABLES.filter((_, i) => !values[i]);
  if (missing.length > 0) {
    throw new CredentialSourceError("ALIBABA_CLOUD_ROLE_ARN/OIDC_*", `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set`, `set all of ${RRSA_VARIABLES.join(", ")} (RRSA sets them in an annotated pod)`);
  }
  const [roleArn, oidcProviderArn, tokenFile] = values as string[];
  return oidcRole({ roleArn, oidcProviderArn, tokenFile, sessionName: ctx.env.ALIBABA_CLOUD_ROLE_SESSION_NAME?.trim() }, ctx, "ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_*");
}

/** Read without ever blocking: a FIFO or device in its place is refused, not waited on. */
async function readToken(file: string, namedBy: string, origin: string): Promise<string> {
  let token: string;
  try {
    token = readCredentialFile(file).trim();
  } catch (e) {
    if (!(e instanceof CredentialFileProblem)) throw e;
    throw new CredentialSourceError(origin, `the OIDC token file ${e.message}`, `that ${namedBy} names the service account token file mounted in the pod`);
  }
  if (!token) throw new CredentialSourceError(origin, `the OIDC token file ${file} is empty`, "that the service account token is projected into the pod (RRSA enabled for the cluster and the pod's service account)");
  registerSecret(token);
  return token;
}

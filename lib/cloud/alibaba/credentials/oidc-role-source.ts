import { readFile } from "node:fs/promises";
import { registerSecret } from "../../redact";
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
  /** @default "cdktf-encryption" */
  readonly sessionName?: string;
  /** @default 3600 */
  readonly durationSeconds?: number;
  readonly stsRegion?: string;
}

const RRSA_VARIABLES = ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"] as const;

/** A RAM role assumed with an OIDC token (RRSA in ACK pods): STS `AssumeRoleWithOIDC`. */
export function oidcRole(props: OidcRoleProps, ctx: SourceContext, origin: string): AlibabaCredentialProvider {
  const session = { roleArn: props.roleArn, oidcProviderArn: props.oidcProviderArn, sessionName: props.sessionName || DEFAULT_SESSION_NAME, durationSeconds: props.durationSeconds ?? 3600 };
  const sts = { env: ctx.env, clock: ctx.clock, region: props.stsRegion ?? stsRegion(ctx.env) };
  return new RefreshingCredentials(
    async () => assumeRoleWithOidc({ ...session, oidcToken: await readToken(props.tokenFile, origin) }, sts, origin),
    () => `assumed role ${shortRoleArn(props.roleArn)} with OIDC (from ${origin})`,
    ctx.clock,
  );
}

/**
 * RRSA from the official variables, or undefined when none is set. Some but not all set is a
 * mistake worth stopping for: the pod was meant to use its role.
 */
export function oidcRoleFromEnv(ctx: SourceContext): AlibabaCredentialProvider | undefined {
  const values = RRSA_VARIABLES.map((name) => ctx.env[name]?.trim());
  if (values.every((v) => !v)) return undefined;
  const missing = RRSA_VARIABLES.filter((_, i) => !values[i]);
  if (missing.length > 0) {
    throw new CredentialSourceError("ALIBABA_CLOUD_ROLE_ARN/OIDC_*", `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set`, `set all of ${RRSA_VARIABLES.join(", ")} (RRSA sets them in an annotated pod)`);
  }
  const [roleArn, oidcProviderArn, tokenFile] = values as string[];
  return oidcRole({ roleArn, oidcProviderArn, tokenFile, sessionName: ctx.env.ALIBABA_CLOUD_ROLE_SESSION_NAME?.trim() }, ctx, "ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_*");
}

async function readToken(file: string, origin: string): Promise<string> {
  let token: string;
  try {
    token = (await readFile(file, "utf8")).trim();
  } catch (e) {
    const code = (e as { code?: string }).code ?? String(e);
    throw new CredentialSourceError(origin, `the OIDC token file ${file} cannot be read (${code})`, "that ALIBABA_CLOUD_OIDC_TOKEN_FILE names the service account token file mounted in the pod");
  }
  if (!token) throw new CredentialSourceError(origin, `the OIDC token file ${file} is empty`, "that the service account token is projected into the pod (RRSA enabled for the cluster and the pod's service account)");
  registerSecret(token);
  return token;
}

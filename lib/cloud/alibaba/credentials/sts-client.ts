import { randomUUID } from "node:crypto";
import { Clock } from "../../../runtime/clock";
import { AlibabaCredentials } from "../alibaba-credentials";
import { alibabaBaseUrl } from "../alibaba-endpoints";
import { rpcSignature, rpcTimestamp } from "../rpc-hmac-sha1";
import { retriedCredentialRequest } from "./credential-http";
import { CredentialSourceError } from "./credential-source-error";
import { ExpiringCredentials, temporaryCredentials } from "./temporary-credentials";

const API_VERSION = "2015-04-01";

/** Where STS is and what time it is, for one source. */
export interface StsContext {
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  /** STS region: its host from the official STS endpoint map; undefined for the central `sts.aliyuncs.com`. */
  readonly region?: string;
}

export interface RoleSession {
  readonly roleArn: string;
  readonly sessionName: string;
  /** 900 s up to the role's maximum session duration. */
  readonly durationSeconds: number;
  readonly externalId?: string;
}

/**
 * The STS region: `ALIBABA_CLOUD_STS_REGION` (official credentials package), else the run's
 * region variables (`ALICLOUD_REGION`, `ALIBABA_CLOUD_REGION`, the alicloud provider's order:
 * its `providerConfigure` sets the STS endpoint from the provider's region). The host for the
 * region comes from the official STS endpoint map (`alibabaPublicEndpoint`).
 */
export function stsRegion(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of ["ALIBABA_CLOUD_STS_REGION", "ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"]) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** STS `AssumeRole`, signed with the base credentials as the official credentials package signs it. */
export async function assumeRole(base: AlibabaCredentials, session: RoleSession, ctx: StsContext, source: string): Promise<ExpiringCredentials> {
  const form: Record<string, string> = { RoleArn: session.roleArn, RoleSessionName: session.sessionName, DurationSeconds: String(session.durationSeconds) };
  if (session.externalId) form.ExternalId = session.externalId;
  const signedQuery = () => {
    const query: Record<string, string> = {
      Version: API_VERSION,
      Action: "AssumeRole",
      Format: "JSON",
      Timestamp: rpcTimestamp(new Date(ctx.clock.now())),
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: randomUUID(),
      AccessKeyId: base.accessKeyId,
    };
    if (base.securityToken) query.SecurityToken = base.securityToken;
    query.Signature = rpcSignature("POST", { ...query, ...form }, base.accessKeySecret);
    return query;
  };
  return callSts(signedQuery, form, ctx, source, `that the base identity may assume ${session.roleArn} (the role's trust policy names its account or RAM user, and it has sts:AssumeRole)`);
}

export interface OidcSession extends RoleSession {
  readonly oidcProviderArn: string;
  readonly oidcToken: string;
}

/** STS `AssumeRoleWithOIDC`: unsigned, the OIDC token is the proof. */
export async function assumeRoleWithOidc(session: OidcSession, ctx: StsContext, source: string): Promise<ExpiringCredentials> {
  const query = () => ({ Version: API_VERSION, Action: "AssumeRoleWithOIDC", Format: "JSON", Timestamp: rpcTimestamp(new Date(ctx.clock.now())) });
  const form = {
    OIDCProviderArn: session.oidcProviderArn,
    OIDCToken: session.oidcToken,
    RoleArn: session.roleArn,
    RoleSessionName: session.sessionName,
    DurationSeconds: String(session.durationSeconds),
  };
  return callSts(query, form, ctx, source, `that the role ${session.roleArn} trusts the OIDC provider ${session.oidcProviderArn} and the token is current (RRSA: the pod's service account is annotated for this role)`);
}

interface StsAnswer {
  RequestId?: string;
  Code?: string;
  Message?: string;
  Credentials?: { AccessKeyId?: string; AccessKeySecret?: string; SecurityToken?: string; Expiration?: string };
}

async function callSts(query: () => Record<string, string>, form: Record<string, string>, ctx: StsContext, source: string, refusedCheck: string): Promise<ExpiringCredentials> {
  const endpoint = alibabaBaseUrl("sts", ctx.region ?? "", ctx.env);
  const action = query().Action;
  const request = () => {
    const url = new URL(endpoint);
    for (const [key, value] of Object.entries(query())) url.searchParams.set(key, value);
    return { method: "POST" as const, url, headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString(), env: ctx.env };
  };
  const answer = await retriedCredentialRequest(source, `that ${endpoint.origin} is reachable from this machine`, request, { clock: ctx.clock, whenUnreachable: true });
  let body: StsAnswer | undefined;
  try {
    body = JSON.parse(answer.text) as StsAnswer;
  } catch {
    body = undefined;
  }
  if (answer.status !== 200) {
    const requestId = body?.RequestId ? ` [request id ${body.RequestId}]` : "";
    const what = body?.Code ? `${body.Code}: ${body.Message ?? ""}`.trim() : `HTTP ${answer.status} ${answer.text.slice(0, 80)}`;
    throw new CredentialSourceError(source, `STS ${action} was refused (HTTP ${answer.status}): ${what}${requestId}`, refusedCheck);
  }
  const c = body?.Credentials;
  if (!c?.AccessKeyId || !c.AccessKeySecret || !c.SecurityToken) {
    throw new CredentialSourceError(source, `STS ${action} answered without credentials (${answer.text.slice(0, 60)})`, `that ${endpoint.origin} is Alibaba Cloud STS and not a proxy or gateway`);
  }
  return temporaryCredentials({ accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken, expiration: c.Expiration }, answer.serverTime, ctx.clock.now(), source);
}

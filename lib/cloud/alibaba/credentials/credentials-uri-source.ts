import { retriedCredentialRequest } from "./credential-http";
import { CredentialSourceError } from "./credential-source-error";
import { AlibabaCredentialProvider, SourceContext } from "./source-context";
import { RefreshingCredentials } from "../../refreshing-credentials";
import { temporaryCredentials } from "./temporary-credentials";

/**
 * Credentials served by a local endpoint (a sidecar, a vault agent): `GET uri` →
 * `{Code: "Success", AccessKeyId, AccessKeySecret, SecurityToken, Expiration}` (the alicloud
 * provider's `getClientByCredentialsURI`). Asked again when a busy or failing service answers.
 */
export function credentialsUri(uri: string, ctx: SourceContext, origin: string): AlibabaCredentialProvider {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new CredentialSourceError(origin, `"${uri}" is not a URL`, "a URL such as http://127.0.0.1:8080/credentials");
  }
  const check = `that ${url.origin}${url.pathname} serves Alibaba Cloud credentials as JSON {Code, AccessKeyId, AccessKeySecret, SecurityToken, Expiration}`;
  const fetch = async () => {
    const answer = await retriedCredentialRequest(origin, check, { method: "GET", url, env: ctx.env }, { clock: ctx.clock, whenUnreachable: true });
    if (answer.status !== 200) throw new CredentialSourceError(origin, `${url.origin}${url.pathname} answered HTTP ${answer.status}`, check);
    let body: { Code?: unknown; AccessKeyId?: unknown; AccessKeySecret?: unknown; SecurityToken?: unknown; Expiration?: unknown };
    try {
      body = JSON.parse(answer.text);
    } catch {
      throw new CredentialSourceError(origin, `${url.origin}${url.pathname} answered something that is not JSON`, check);
    }
    if (body === null || typeof body !== "object") throw new CredentialSourceError(origin, `${url.origin}${url.pathname} answered JSON that is not an object`, check);
    if (body.Code !== undefined && body.Code !== "Success") throw new CredentialSourceError(origin, `${url.origin}${url.pathname} answered Code ${JSON.stringify(body.Code)}`, check);
    const { AccessKeyId: id, AccessKeySecret: secret, SecurityToken: token, Expiration: expiration } = body;
    if (typeof id !== "string" || typeof secret !== "string" || !id || !secret || (token !== undefined && typeof token !== "string")) {
      throw new CredentialSourceError(origin, `${url.origin}${url.pathname} answered without AccessKeyId and AccessKeySecret`, check);
    }
    const expiresOn = expiration === undefined || expiration === null ? undefined : typeof expiration === "string" ? expiration : JSON.stringify(expiration);
    return temporaryCredentials({ accessKeyId: id, accessKeySecret: secret, securityToken: token as string | undefined, expiration: expiresOn }, answer.serverTime, ctx.clock.now(), origin);
  };
  return new RefreshingCredentials(fetch, () => `credentials from ${url.origin}${url.pathname} (from ${origin})`, ctx.clock);
}

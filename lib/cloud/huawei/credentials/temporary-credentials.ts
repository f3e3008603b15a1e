import { Clock } from "../../clock";
import { registerSecret } from "../../redact";
import { Expiring, expiryOnOurClock } from "../../refreshing-credentials";
import { HuaweiCredentials } from "../huawei-credentials";
import { CredentialSourceError } from "./credential-source-error";
import { TemporaryCredentialBody } from "./iam-client";

/**
 * Temporary AK/SK from a `credential` object (IAM securitytokens, ECS metadata), registered as
 * secrets before anything can print them, with their end on our clock.
 */
export function temporaryCredentials(
  body: TemporaryCredentialBody,
  serverTime: Date | undefined,
  clock: Clock,
  source: string,
): Expiring<HuaweiCredentials> & { readonly accessKey: string } {
  const c = body.credential;
  registerSecret(c?.access);
  registerSecret(c?.secret);
  registerSecret(c?.securitytoken);
  if (!c?.access || !c.secret || !c.securitytoken || !c.expires_at) {
    throw new CredentialSourceError(source, "the answer has no complete credential (access, secret, securitytoken, expires_at)", "that the endpoint is Huawei Cloud IAM or ECS metadata and not a proxy answering in its place");
  }
  return {
    accessKey: c.access,
    credentials: { kind: "aksk", accessKey: c.access, secretKey: c.secret, securityToken: c.securitytoken },
    expiresAt: expiryOnOurClock(c.expires_at, serverTime, clock.now()),
  };
}

/** A token's end on our clock, from IAM's `expires_at` and `Date`. */
export function tokenExpiry(expiresAt: string | undefined, serverTime: Date | undefined, clock: Clock): number | undefined {
  return expiresAt ? expiryOnOurClock(expiresAt, serverTime, clock.now()) : undefined;
}

import { Clock } from "../../../runtime/clock";
import { registerSecret } from "../../../runtime/redact";
import { Expiring, expiryOnOurClock } from "../../refreshing-credentials";
import { HuaweiCredentials } from "./huawei-credential";
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
    expiresAt: parsedExpiry(c.expires_at, serverTime, clock, source),
  };
}

/**
 * IAM tokens live 24 hours (IAM API "Obtaining an IAM User Token"; the huaweicloud provider and
 * the official SDKs fetch a new one after that): the end assumed when IAM states none.
 */
export const IAM_TOKEN_LIFETIME_MS = 24 * 3_600_000;

/**
 * A token's end on our clock, from IAM's `expires_at` and `Date`; without one, 24 hours from now
 * (renewed on that schedule, never kept forever). An `expires_at` that is not a date is the
 * source's error: keys of unknown lifetime would die in the middle of a conversion.
 */
export function tokenExpiry(expiresAt: string | undefined, serverTime: Date | undefined, clock: Clock, source: string): number {
  return expiresAt === undefined ? clock.now() + IAM_TOKEN_LIFETIME_MS : parsedExpiry(expiresAt, serverTime, clock, source);
}

/** An `expires_at` on our clock, or the source's one-line error when it is not a date. */
export function parsedExpiry(expiresAt: string, serverTime: Date | undefined, clock: Clock, source: string): number {
  const at = expiryOnOurClock(expiresAt, serverTime, clock.now());
  if (at === undefined) {
    throw new CredentialSourceError(source, `the credentials' expires_at "${expiresAt}" is not a date`, "that the endpoint is Huawei Cloud IAM (or ECS metadata) and not a proxy answering in its place");
  }
  return at;
}

import { registerSecret } from "../../../runtime/redact";
import { Expiring, expiryOnOurClock } from "../../refreshing-credentials";
import { AlibabaCredentials } from "../alibaba-credentials";
import { CredentialSourceError } from "./credential-source-error";

/** Credentials with the time they stop working, as STS, metadata and URIs hand them out. */
export type ExpiringCredentials = Expiring<AlibabaCredentials>;

/**
 * How long credentials that name no `Expiration` (a credentials URI may leave it out) are used
 * before they are fetched again: the official packages' stale time (`@alicloud/credentials`
 * 2.4.7 `providers/session.ts` STALE_TIME, 15 minutes). That package itself refuses such an
 * answer; the alicloud provider fetches a URI once per run. *unverified* which the sidecars expect.
 */
export const NO_EXPIRATION_REFRESH_MS = 15 * 60_000;

/** `2024-08-30T07:03:06Z` or with milliseconds, the forms `parseUTC` of `@alicloud/credentials` accepts. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Temporary credentials from a source's answer, their end on our clock (their lifetime as the
 * issuer counts it, from its `Date`); hides them from every log from now on (the key id too,
 * as the Redactor treats key ids from the environment). An `Expiration` that is not a date is
 * the source's error (`@alicloud/credentials` `parseUTC` refuses it too): credentials of an
 * unknown lifetime would die in the middle of a conversion.
 */
export function temporaryCredentials(
  answer: { accessKeyId: string; accessKeySecret: string; securityToken?: string; expiration?: string },
  serverTime: Date | undefined,
  now: number,
  origin: string,
): ExpiringCredentials {
  registerSecret(answer.accessKeyId);
  registerSecret(answer.accessKeySecret);
  registerSecret(answer.securityToken);
  const { accessKeyId, accessKeySecret, securityToken } = answer;
  if (answer.expiration === undefined || answer.expiration.trim() === "") {
    return { credentials: { accessKeyId, accessKeySecret, securityToken }, expiresAt: now + NO_EXPIRATION_REFRESH_MS };
  }
  const expiresAt = ISO_UTC.test(answer.expiration.trim()) ? expiryOnOurClock(answer.expiration.trim(), serverTime, now) : undefined;
  if (expiresAt === undefined) {
    throw new CredentialSourceError(origin, `the credentials' Expiration ${JSON.stringify(answer.expiration.slice(0, 40))} is not a date`, "that the source answers Expiration as an ISO 8601 UTC time such as 2026-01-01T00:00:00Z");
  }
  return { credentials: { accessKeyId, accessKeySecret, securityToken }, expiresAt };
}

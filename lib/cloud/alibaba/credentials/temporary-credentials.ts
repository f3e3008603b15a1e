import { registerSecret } from "../../redact";
import { Expiring, expiryOnOurClock } from "../../refreshing-credentials";
import { AlibabaCredentials } from "../alibaba-credentials";

/** Credentials with the time they stop working, as STS, metadata and URIs hand them out. */
export type ExpiringCredentials = Expiring<AlibabaCredentials>;

/**
 * Temporary credentials from a source's answer, their end on our clock (their lifetime as the
 * issuer counts it, from its `Date`); hides them from every log from now on (the key id too,
 * as the Redactor treats key ids from the environment).
 */
export function temporaryCredentials(
  answer: { accessKeyId: string; accessKeySecret: string; securityToken?: string; expiration?: string },
  serverTime: Date | undefined,
  now: number,
): ExpiringCredentials {
  registerSecret(answer.accessKeyId);
  registerSecret(answer.accessKeySecret);
  registerSecret(answer.securityToken);
  const { accessKeyId, accessKeySecret, securityToken } = answer;
  return { credentials: { accessKeyId, accessKeySecret, securityToken }, expiresAt: answer.expiration ? expiryOnOurClock(answer.expiration, serverTime, now) : undefined };
}

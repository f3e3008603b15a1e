import { randomUUID } from "node:crypto";
import { OutgoingRequest, RequestSigner } from "../http-transport";
import { acs3Authorization, acsDate, sha256Hex } from "./acs3-hmac-sha256";
import { AlibabaCredentials } from "./alibaba-credentials";

/**
 * Signs with ACS3-HMAC-SHA256 and adds the `x-acs-*` headers the official SDK sends. The
 * caller puts `x-acs-action` and `x-acs-version` on the request; the date, nonce and body hash
 * are fresh for every attempt.
 */
export class AlibabaSigner implements RequestSigner {
  constructor(
    private readonly credentials: AlibabaCredentials,
    // A v4 UUID: 122 random bits from Node's batched entropy pool, a fraction of the cost of
    // randomBytes per request.
    private readonly nonce: () => string = () => randomUUID(),
  ) {}

  sign(request: OutgoingRequest, now: Date): Record<string, string> {
    const added: Record<string, string> = {
      "x-acs-date": acsDate(now),
      "x-acs-signature-nonce": this.nonce(),
      "x-acs-content-sha256": sha256Hex(request.body),
    };
    if (this.credentials.securityToken) {
      added["x-acs-accesskey-id"] = this.credentials.accessKeyId;
      added["x-acs-security-token"] = this.credentials.securityToken;
    }
    const query: Record<string, string[]> = {};
    for (const [key, value] of request.url.searchParams) (query[key] ??= []).push(value);
    added.Authorization = acs3Authorization(
      {
        method: request.method,
        path: request.url.pathname,
        query,
        headers: { ...request.headers, ...added, host: request.url.host },
        payloadHash: added["x-acs-content-sha256"],
      },
      this.credentials.accessKeyId,
      this.credentials.accessKeySecret,
    );
    return added;
  }
}

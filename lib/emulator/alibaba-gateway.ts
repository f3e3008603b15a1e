import { timingSafeEqual } from "node:crypto";
import { acs3Signature, parseAcs3Authorization, parseAcsDate, sha256Hex } from "../cloud/alibaba/acs3-hmac-sha256";
import { AlibabaIdentities } from "./alibaba-identities";
import { Caller } from "./emulator-service";

export interface AlibabaAccount {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS credentials: requests must carry this `x-acs-security-token`. */
  readonly securityToken?: string;
  readonly readOnly?: boolean;
  readonly noPermissions?: boolean;
  /** The identity the key acts as, e.g. `role acs:ram::…:role/encryption-admin`. */
  readonly principal?: string;
  /** Emulator time after which the (temporary) key is refused. */
  readonly expiresAt?: number;
}

export interface AlibabaVerdict {
  readonly caller?: Caller;
  readonly status?: number;
  readonly code?: string;
  readonly message?: string;
}

/** The gateway's window for `x-acs-date`, either side of its clock, and how long a nonce is remembered. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/** Headers that must be signed when present. */
const REQUIRED_SIGNED = ["host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

/**
 * Checks ACS3-HMAC-SHA256 the way Alibaba Cloud's gateway does: the body against
 * `x-acs-content-sha256`, the signed headers, freshness (real clock), a nonce used once, the
 * STS token, then the signature. Refusals use the gateway's codes.
 */
export class AlibabaGateway {
  private readonly nonces = new Map<string, number>();

  constructor(
    private readonly accounts: readonly AlibabaAccount[],
    private readonly identities?: AlibabaIdentities,
  ) {}

  /** A static key, or temporary credentials the emulator issued (expired ones included). */
  account(accessKeyId: string): AlibabaAccount | undefined {
    const found = this.accounts.find((a) => a.accessKeyId === accessKeyId);
    if (found) return found;
    const issued = this.identities?.temporary(accessKeyId);
    return issued && { ...issued };
  }

  /** Whether temporary credentials are past their expiration on the emulator's clock. */
  expired(account: AlibabaAccount): boolean {
    return account.expiresAt !== undefined && this.identities !== undefined && this.identities.now() >= account.expiresAt;
  }

  verify(request: { method: string; path: string; query: URLSearchParams; headers: Record<string, string>; body: Buffer }): AlibabaVerdict {
    const { headers } = request;
    const authorization = headers["authorization"];
    if (!authorization) return refuse(400, "MissingAuthorization", "Authorization is mandatory for this action.");
    const parsed = parseAcs3Authorization(authorization);
    if (!parsed) return refuse(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards (expected ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…).");
    const account = this.account(parsed.accessKeyId);
    if (!account) return refuse(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    for (const name of REQUIRED_SIGNED) {
      if (!parsed.signedHeaders.includes(name) || headers[name] === undefined) {
        return refuse(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards: header ${name} must be sent and signed.`);
      }
    }
    for (const name of parsed.signedHeaders) {
      if (headers[name] === undefined) return refuse(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards: signed header ${name} is missing.`);
    }
    for (const name of Object.keys(headers)) {
      if (name.startsWith("x-acs-") && !parsed.signedHeaders.includes(name)) {
        return refuse(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards: header ${name} is not signed.`);
      }
    }
    if (headers["x-acs-content-sha256"] !== sha256Hex(request.body)) {
      return refuse(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation: the body does not match x-acs-content-sha256.");
    }
    const date = parseAcsDate(headers["x-acs-date"]);
    if (!date) return refuse(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted (expected YYYY-MM-DDTHH:mm:ssZ).");
    if (Math.abs(Date.now() - date.getTime()) > MAX_SKEW_MS) {
      return refuse(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired (more than 15 minutes off).");
    }
    if (account.securityToken !== undefined && headers["x-acs-security-token"] !== account.securityToken) {
      return refuse(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed or missing.");
    }
    // *unverified*: the code and status Alibaba Cloud's gateway uses for an expired STS token.
    if (this.expired(account)) return refuse(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
    const query: Record<string, string[]> = {};
    for (const [key, value] of request.query) (query[key] ??= []).push(value);
    const signed: Record<string, string> = {};
    for (const name of parsed.signedHeaders) signed[name] = headers[name];
    const expected = acs3Signature(
      { method: request.method, path: request.path, query, headers: signed, payloadHash: headers["x-acs-content-sha256"] },
      account.accessKeySecret,
    );
    const ok = expected.length === parsed.signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(parsed.signature));
    if (!ok) return refuse(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
    if (!this.useNonce(headers["x-acs-signature-nonce"])) {
      return refuse(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
    return { caller: { accessKey: account.accessKeyId, readOnly: account.readOnly ?? false, noPermissions: account.noPermissions, principal: account.principal } };
  }

  /** Remembers a nonce for the freshness window; false when it was seen already. */
  private useNonce(nonce: string): boolean {
    const now = Date.now();
    for (const [seen, at] of this.nonces) {
      if (now - at > MAX_SKEW_MS) this.nonces.delete(seen);
      else break;
    }
    if (this.nonces.has(nonce)) return false;
    this.nonces.set(nonce, now);
    return true;
  }
}

function refuse(status: number, code: string, message: string): AlibabaVerdict {
  return { status, code, message };
}

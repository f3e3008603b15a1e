import { createHash } from "node:crypto";

// The parts of a canonical request that Huawei Cloud's SDK-HMAC-SHA256 and Alibaba Cloud's
// ACS3-HMAC-SHA256 build alike (both follow the SigV4 pattern); each signer adds its own rules
// (Huawei's trailing slash, ACS3's signed-header selection) in its own file.

/** What a signature covers. Shared by the clients' signers and the emulator's verifiers. */
export interface CanonicalInput {
  readonly method: string;
  /** The path as sent, percent-encoded or not; each segment is canonicalised. */
  readonly path: string;
  /** Decoded query parameters; a repeated key has an array of values. */
  readonly query: Record<string, string | readonly string[]>;
  /** Headers, any case: SDK-HMAC-SHA256 signs them all (pass the signed ones only); ACS3 takes `host`, `content-type` and `x-acs-*`. */
  readonly headers: Record<string, string>;
  /** Lowercase hex SHA-256 of the exact body bytes (ACS3's `x-acs-content-sha256`), or Huawei's UNSIGNED-PAYLOAD. */
  readonly payloadHash: string;
}

/** RFC 3986: unreserved characters stay, everything else is uppercase %XX of its UTF-8 bytes. */
export function rfc3986Encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The path as sent (percent-encoded or not), each segment decoded and then RFC 3986-encoded. */
export function canonicalPathSegments(path: string): string {
  return path
    .split("/")
    .map((segment) => rfc3986Encode(safeDecode(segment)))
    .join("/");
}

/** `key=value` pairs, RFC 3986-encoded, sorted by key and, for a repeated key, by value; joined by `&`. */
export function canonicalQueryString(query: Record<string, string | readonly string[]>): string {
  const pairs: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    const values = typeof value === "string" ? [value] : [...value].sort();
    for (const v of values) pairs.push(`${rfc3986Encode(key)}=${rfc3986Encode(v)}`);
  }
  return pairs.join("&");
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

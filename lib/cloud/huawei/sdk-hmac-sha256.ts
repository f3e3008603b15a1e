import { createHash, createHmac } from "node:crypto";

export const HUAWEI_ALGORITHM = "SDK-HMAC-SHA256";
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

/** What the signature covers. Shared by the client's signer and the emulator's verifier. */
export interface CanonicalInput {
  readonly method: string;
  /** The path as sent, percent-encoded or not; each segment is canonicalised here. */
  readonly path: string;
  /** Decoded query parameters; a repeated key has an array of values. */
  readonly query: Record<string, string | readonly string[]>;
  /** Signed headers only, any case. */
  readonly headers: Record<string, string>;
  /** Hex SHA-256 of the body bytes, or UNSIGNED-PAYLOAD. */
  readonly payloadHash: string;
}

/** RFC 3986 unreserved characters stay; everything else becomes uppercase %XX of its UTF-8 bytes. */
export function huaweiUriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalUri(path: string): string {
  const encoded = path
    .split("/")
    .map((segment) => huaweiUriEncode(safeDecode(segment)))
    .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

export function canonicalQuery(query: Record<string, string | readonly string[]>): string {
  const pairs: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    const values = typeof value === "string" ? [value] : [...value].sort();
    for (const v of values) pairs.push(`${huaweiUriEncode(key)}=${huaweiUriEncode(v)}`);
  }
  return pairs.join("&");
}

export function signedHeaderNames(headers: Record<string, string>): string {
  return Object.keys(headers)
    .map((h) => h.toLowerCase())
    .sort()
    .join(";");
}

export function canonicalRequest(input: CanonicalInput): string {
  const lower = Object.entries(input.headers)
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const headerBlock = lower.map(([name, value]) => `${name}:${value}\n`).join("");
  return [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.query),
    headerBlock,
    signedHeaderNames(input.headers),
    input.payloadHash,
  ].join("\n");
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The hex signature for a canonical input, signed at `sdkDate` (`YYYYMMDDTHHMMSSZ`). */
export function huaweiSignature(input: CanonicalInput, sdkDate: string, secretKey: string): string {
  const stringToSign = `${HUAWEI_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest(input))}`;
  return createHmac("sha256", secretKey).update(stringToSign).digest("hex");
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Parses `YYYYMMDDTHHMMSSZ`; undefined when malformed. */
export function parseSdkDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

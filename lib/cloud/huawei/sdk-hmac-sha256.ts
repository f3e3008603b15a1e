import { createHmac } from "node:crypto";
import { CanonicalInput, canonicalPathSegments, canonicalQueryString, sha256Hex } from "../canonical-request";

export { sha256Hex };

export const HUAWEI_ALGORITHM = "SDK-HMAC-SHA256";
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

/** The canonical path ends in `/`, as the official SDKs sign it. */
export function canonicalUri(path: string): string {
  const encoded = canonicalPathSegments(path);
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
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
    canonicalQueryString(input.query),
    headerBlock,
    signedHeaderNames(input.headers),
    input.payloadHash,
  ].join("\n");
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
